/*
 * For the grader apps of the labs whose system call writes through a
 * pointer (labs/time/apps/time_pointers.c, labs/taskinfo/apps/...): hands
 * the call pointers that are not wholly the app's and prints what each
 * returned, as lines "<app>: <pointer>: <result>" that gradelib's
 * check_bad_pointers reads. Each must return -14 (EFAULT) and write
 * nothing, and the app must go on.
 */
#ifndef LABS_BAD_POINTERS_H
#define LABS_BAD_POINTERS_H

#include <stdint.h>

#include "linker/linker.h" /* APP_SLOT_SIZE */
#include "user.h"

/* user.ld puts _start at the slot's first byte. */
void _start(void);

/* What the app puts where a careless kernel would write first. */
#define BAD_POINTERS_PATTERN 0x5a5a5a5a5a5a5a5aUL

/* Calls call(address) for each bad address, app naming the lines; wraps is
   an address from which the call's structure runs past 2^64. */
static inline int try_bad_pointers(const char *app, long (*call)(uint64_t),
                                   uint64_t wraps) {
    uint64_t slot_end = (uint64_t)_start + APP_SLOT_SIZE;
    printf("%s: NULL: %ld\n", app, call(0));
    printf("%s: kernel text 0x80200000: %ld\n", app, call(0x80200000));
    printf("%s: just past the slot: %ld\n", app, call(slot_end));
    printf("%s: wrapping past 2^64: %ld\n", app, call(wraps));

    /* The top 8 bytes of the slot are the app's (the stack's first word: it
       is put back before returning). A structure there runs over the
       slot's end, and nothing may be written, not even the part that is the
       app's. */
    volatile uint64_t *last_word = (volatile uint64_t *)(slot_end - 8);
    uint64_t saved = *last_word;
    *last_word = BAD_POINTERS_PATTERN;
    printf("%s: across the slot's end: %ld\n", app, call(slot_end - 8));
    printf("%s: the slot's last word after it: 0x%lx\n", app, *last_word);
    *last_word = saved;
    printf("%s: still running\n", app);
    return 0;
}

#endif
