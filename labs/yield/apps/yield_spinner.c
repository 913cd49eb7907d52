/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * never gives the CPU up. Only the timer can take it back, at the end of
 * each time slice, so that the other apps go on; the watchdog kills it
 * when it has spun for its whole time limit.
 */
#include "user.h"

int main(void) {
    printf("yield_spinner: spinning, never yielding\n");
    for (;;)
        ;
}
