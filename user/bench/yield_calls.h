/* lab: yield */
/*
 * How many sched_yield calls the bench app times (user/bench/bench.c), one
 * fewer than user/bench/yield_partner.c makes: each of the bench app's
 * switches to the partner and back, and the partner's first call gives the
 * CPU back to the bench app before its timed loop.
 */
#ifndef USER_BENCH_YIELD_CALLS_H
#define USER_BENCH_YIELD_CALLS_H

#define YIELD_CALLS 1000

#endif
