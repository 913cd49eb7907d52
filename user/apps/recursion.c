/*
 * Recurses without end, each call filling 1 KiB of stack with zero words.
 * The stack starts at the top of the app's 2 MiB slot and grows down; the
 * whole slot is the app's (user RWX), so the stack runs over the app's own
 * image at the slot's bottom before it could leave the slot. The filling
 * loop then overwrites its own code with zeros, and the next instruction it
 * fetches is 0x0000, which RISC-V defines as illegal: the kernel kills the
 * app for an illegal instruction (stval 0x0), inside descend.
 */
#include <stdint.h>

#include "user.h"

#define FRAME_BYTES 1024
/* Far deeper than the slot holds (2 MiB / 1 KiB): never reached, but the
   compiler cannot tell the recursion is endless (GCC would warn). */
#define DEPTH_NEVER_REACHED (1UL << 30)

/* Fills its frame upwards with zero doublewords: whatever instruction the
   filling reaches first, its first halfword becomes 0x0000, whatever the
   compiler and the frame's size (tried with GCC and clang, 256 B to 12 KB).
   The call uses the frame after it returns, so it is no tail call: the
   compiler can neither make a loop of it nor drop the frame (volatile);
   noinline keeps GCC from inlining it into itself. */
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
