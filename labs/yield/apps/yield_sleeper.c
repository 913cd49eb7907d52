/*
 * A grader app of the yield lab (labs/yield/grade.py reads its lines): it
 * "sleeps" SLEEP_MS by giving the CPU up until get_time says the time has
 * come, longer than its whole time limit (the lab's APP_TIME_LIMIT_MS):
 * only the time it runs counts against the limit, not the time others do.
 * It notes the longest it waited for the CPU between two of its turns,
 * which the time slice bounds while an app that never yields runs. On
 * waking it asks task_info how long it has been since it first ran.
 */
#include "labs/busy_loop.h"
#include "user.h"

#define SLEEP_MS 30
/* What it runs before each yield: 16,000 instructions, 16 us under
   -icount shift=0. Alone (its turn comes back at once), it would otherwise
   spend its sleep in system calls, which QEMU runs far slower than plain
   instructions: 25,000 of them, three quarters of the lab's boot. */
#define WORK_INSTRUCTIONS 16000

static long now_us(void) {
    struct timeval now;
    get_time(&now, 0);
    return (long)(now.sec * 1000000 + now.usec);
}

int main(void) {
    long start = now_us(), now = start, longest_wait = 0, yields = 0;
    printf("yield_sleeper: sleeping %d ms\n", SLEEP_MS);
    while (now < start + SLEEP_MS * 1000) {
        busy_loop(WORK_INSTRUCTIONS);
        sched_yield();
        yields++;
        long before = now;
        now = now_us();
        if (now - before > longest_wait)
            longest_wait = now - before;
    }
    struct task_info info;
    long result = task_info(&info);
    printf("yield_sleeper: woke after %ld ms, having yielded %ld times\n",
           (now - start) / 1000, yields);
    printf("yield_sleeper: waited %ld ms at most for the CPU\n",
           longest_wait / 1000);
    printf("yield_sleeper: task_info returned %ld, status %d, time %d ms\n",
           result, info.status, info.time);
    return 0;
}
