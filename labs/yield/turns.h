/*
 * For the grader apps of the yield lab that take turns
 * (labs/yield/apps/yield_turn_*.c): print a line, give the CPU up, five
 * times. Run together (the slots mode), three such apps print their lines
 * in turns, round-robin; one after another, each prints all five at once.
 */
#ifndef LABS_YIELD_TURNS_H
#define LABS_YIELD_TURNS_H

#include "user.h"

#define TURNS 5

/* Returns the exit code: 0 if every sched_yield returned 0. */
static inline int take_turns(const char *app) {
    int failed = 0;
    for (int turn = 1; turn <= TURNS; turn++) {
        printf("%s: turn %d of %d\n", app, turn, TURNS);
        if (sched_yield() != 0)
            failed++;
    }
    printf("%s: %d of %d sched_yield calls did not return 0\n", app, failed,
           TURNS);
    return failed;
}

#endif
