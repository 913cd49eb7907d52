/*
 * A grader app of the time lab: labs/time/grade.py reads its lines. It calls
 * get_time at a known point of the run and around a loop of a known number
 * of instructions, and prints what it got beside what instret counted. The
 * grader boots under QEMU's -icount shift=0, where one instruction is one
 * nanosecond of guest time, so the two must agree.
 */
#include <stdint.h>

#include "labs/busy_loop.h"
#include "user.h"

/* 20 ms of guest time under -icount shift=0. */
#define LOOP_INSTRUCTIONS 20000000UL
#define PAIRS             5000

static uint64_t instructions_retired(void) {
    uint64_t count;
    __asm__ volatile("rdinstret %0" : "=r"(count));
    return count;
}

static uint64_t microseconds(const struct timeval *tv) {
    return tv->sec * 1000000 + tv->usec;
}

int main(void) {
    struct timeval first = {0}, second = {0};
    uint64_t before = instructions_retired();
    long result = get_time(&first, 12345); /* tz is ignored */
    uint64_t after = instructions_retired();
    busy_loop(LOOP_INSTRUCTIONS);
    get_time(&second, 0);
    printf("time_clock: get_time returned %ld\n", result);
    printf("time_clock: since boot: %lu us by get_time, instret %lu..%lu\n",
           microseconds(&first), before, after);
    printf("time_clock: usec field %lu\n", first.usec);
    printf("time_clock: a loop of %lu instructions: %lu us by get_time\n",
           LOOP_INSTRUCTIONS, microseconds(&second) - microseconds(&first));

    struct timeval start = {0};
    int failed = get_time(&start, 0) != 0, backwards = 0;
    for (int pair = 0; pair < PAIRS; pair++) {
        failed += get_time(&first, 0) != 0;
        failed += get_time(&second, 0) != 0;
        if (microseconds(&second) < microseconds(&first))
            backwards++;
    }
    printf("time_clock: %d pairs of calls: %d did not return 0, %d went back "
           "in time; %lu us from the first to the last\n",
           PAIRS, failed, backwards,
           microseconds(&second) - microseconds(&start));

    long milliseconds = get_time_ms();
    get_time(&first, 0);
    printf("time_clock: get_time_ms %ld, then get_time %lu us\n", milliseconds,
           microseconds(&first));
    return 0;
}
