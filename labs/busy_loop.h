/*
 * For the grader apps that need a known stretch of guest time
 * (labs/time/apps/time_clock.c, labs/taskinfo/apps/taskinfo_counts.c,
 * labs/yield/apps/yield_sleeper.c): a loop of an exact number of
 * instructions, whatever the compiler. make grade boots under -icount
 * shift=0, where an instruction is a nanosecond.
 */
#ifndef LABS_BUSY_LOOP_H
#define LABS_BUSY_LOOP_H

#include <stdint.h>

/* The instructions of one turn of the loop. */
#define BUSY_LOOP_TURN 16

/* Runs exactly `instructions` instructions, a multiple of BUSY_LOOP_TURN:
   each turn is 14 nops, a decrement and a branch. A long turn, not a
   two-instruction one: QEMU runs a longer stretch of code between two
   jumps faster, so the same guest time costs the host less. */
static inline void busy_loop(uint64_t instructions) {
    uint64_t turns = instructions / BUSY_LOOP_TURN;
    __asm__ volatile("1: .rept 14\n"
                     "   nop\n"
                     "   .endr\n"
                     "   addi %0, %0, -1\n"
                     "   bnez %0, 1b"
                     : "+r"(turns));
}

#endif
