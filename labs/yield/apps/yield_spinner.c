/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * never gives the CPU up. Only the timer can take it back, at the end of
 * each time slice, so that the other apps go on; the watchdog kills it
 * when it has spun for its whole time limit.
 */
#include "user.h"

int main(void) {
    printf("yield_spinner: spinning, never yielding\n");
    /* volatile, as in user/apps/endless_loop.c: a loop of a load, an add
       and a store, not a lone jump to itself, which QEMU would run four
       times slower for the same guest time. */
    volatile unsigned long turns = 0;
    for (;;)
        turns++;
}
