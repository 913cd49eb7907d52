/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): one
 * of three that take turns on the CPU with sched_yield (labs/yield/turns.h).
 */
#include "labs/yield/turns.h"

int main(void) {
    return take_turns("yield_turn_a");
}
