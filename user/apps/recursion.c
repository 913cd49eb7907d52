/*
 * Recurses without end, each call filling 1 KiB of stack with zero words.
 * The stack starts at the top of the app's 2 MiB slot and grows down. The
 * whole slot is the app's (user RWX), so the stack first runs over the
 * app's own image at the slot's bottom (its data, then code that no longer
 * runs: the runtime and main); the first store below the slot is a store
 * page fault there, just under 0x80400000, and the kernel kills the app.
 * descend's own code, a few dozen bytes above the slot's base, stays
 * whole: the frame that would cover it starts below the slot, and its
 * first store, at its lowest address, faults (tests/cases/hostile_apps.exp
 * says what would happen otherwise).
 */
#include <stdint.h>

#include "user.h"

#define FRAME_BYTES 1024
/* Far deeper than the slot holds (2 MiB / 1 KiB): never reached, but the
   compiler cannot tell the recursion is endless (GCC and clang would warn,
   and -Werror would stop the build). */
#define DEPTH_NEVER_REACHED (1UL << 30)

/* Fills its frame upwards, from its lowest address. The call uses the frame
   after it returns, so it is no tail call: the compiler can neither make a
   loop of it nor drop the frame (volatile); noinline keeps GCC from
   inlining it into itself, which would make frames of 8 KiB. */
__attribute__((noinline)) static uint64_t descend(uint64_t depth) {
    volatile uint64_t frame[FRAME_BYTES / 8];
    for (unsigned i = 0; i < FRAME_BYTES / 8; i++)
        frame[i] = 0;
    if (depth == DEPTH_NEVER_REACHED)
        return depth;
    return descend(depth + 1) + frame[depth % (FRAME_BYTES / 8)];
}

int main(void) {
    printf("recursion: recursing forever, %d bytes of zeros a call\n",
           FRAME_BYTES);
    uint64_t depth = descend(0);
    printf("recursion: came back from depth %lu, which is wrong\n",
           (unsigned long)depth);
    return 1;
}
