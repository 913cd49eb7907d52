/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * never gives the CPU up. Only the timer can take it back, at the end of
 * each time slice, so that the other apps go on; the watchdog kills it
 * when it has spun for its whole time limit.
 */
#include "user.h"

int main(void) {
    printf("yield_spinner: spinning, never yielding\n");
    /* A loop of loads, adds and stores, as in user/apps/endless_loop.c,
       not a lone jump to itself: QEMU runs a longer stretch of code
       between two jumps faster, and on its instruction clock, where the
       lab's boots count time, the same guest time costs the host over ten
       times less. */
    volatile unsigned long turns = 0;
    for (;;) {
        turns++;
        turns++;
        turns++;
        turns++;
    }
}
