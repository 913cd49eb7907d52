/* Passes write() buffers that start inside the app's slot but do not end
   there: one whose end wraps past 2^64, one that runs over the slot's end.
   The kernel must refuse both with -14 (EFAULT) and let the app go on. */
#include <stdint.h>

#include "user.h"

/* The slot's size (docs/guide/04-apps.md, "An app's memory"); user.ld puts
   _start, from user/start.c, at the slot's first byte. */
#define SLOT_SIZE 0x200000UL
void _start(void);

static const char never_printed[] = "write_wrap: printed, which is wrong\n";

int main(void) {
    printf("write_wrap: writing buffers that wrap past 2^64 or leave the "
           "slot\n");
    /* start + len is 16 modulo 2^64: a check that adds them sees a buffer
       ending at 16, above its start only if it forgets the carry. */
    uintptr_t start = (uintptr_t)never_printed;
    long wrapped = write(1, never_printed, -start + 16);
    printf("write_wrap: a buffer wrapping past 2^64 to 0x10: %ld\n", wrapped);

    uintptr_t slot_end = (uintptr_t)_start + SLOT_SIZE;
    long crossing = write(1, (const void *)(slot_end - 8), 16);
    printf("write_wrap: 16 bytes from 8 below the slot's end: %ld\n", crossing);
    if (wrapped != -14 || crossing != -14) {
        printf("write_wrap: a result is not -14, which is wrong\n");
        return 1;
    }
    return 0;
}
