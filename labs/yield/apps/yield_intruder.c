/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * gives the CPU up once, so that every other app has started, then reads
 * the first word of the next app's slot, 2 MiB above its own: the kernel
 * must kill it, and the app it read from must go on as if nothing had
 * happened.
 */
#include <stdint.h>

#include "linker/linker.h" /* APP_SLOT_SIZE */
#include "user.h"

/* user.ld puts _start at the slot's first byte. */
void _start(void);

int main(void) {
    printf("yield_intruder: waiting for the others to start\n");
    sched_yield();
    uint64_t next_slot = (uint64_t)_start + APP_SLOT_SIZE;
    printf("yield_intruder: reading the next app's slot at 0x%lx\n", next_slot);
    uint64_t word = *(volatile uint64_t *)next_slot;
    printf("yield_intruder: read 0x%lx, which it must not\n", word);
    return 1;
}
