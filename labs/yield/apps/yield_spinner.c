/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * never gives the CPU up. Only the timer can take it back, at the end of
 * each time slice, so that the other apps go on; the watchdog kills it
 * when it has spun for its whole time limit.
 */
#include "user.h"

int main(void) {
    printf("yield_spinner: spinning, never yielding\n");
    /* The loop of user/apps/endless_loop.c, four increments a turn, for
       the reason its comment gives: on QEMU's instruction clock, where the
       lab's boots count time, it costs the host less than a lone jump. */
    volatile unsigned long turns = 0;
    for (;;) {
        turns++;
        turns++;
        turns++;
        turns++;
    }
}
