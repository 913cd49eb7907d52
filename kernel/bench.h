/*
 * The kernel half of `make bench` (tools/bench.sh): exact instruction
 * counts of the paths that matter, read from the instret CSR. Only the bench
 * build (BENCH=1, in build/bench) counts anything; in every other build
 * BENCH_COUNT is just its statement and bench_report does nothing.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include <stdint.h>

#ifdef BENCH

/* Instructions retired since power-on, firmware included. Exact and
   repeatable under QEMU's -icount shift=0 (and host time without it). */
static inline uint64_t bench_instret(void) {
    uint64_t count;
    __asm__ volatile("csrr %0, instret" : "=r"(count));
    return count;
}

/* Runs `statement`, then stores in `counter` the instructions from the
   first read of instret up to the second, the call included. */
#define BENCH_COUNT(counter, statement)                                        \
    do {                                                                       \
        uint64_t bench_before = bench_instret();                               \
        statement;                                                             \
        (counter) = bench_instret() - bench_before;                            \
    } while (0)

/* What kernel_layout_zero_bss cost at boot (set by kernel_main). */
extern uint64_t bench_zero_bss_instructions;

/* Prints the kernel's counts as "[bench] name value" lines. */
void bench_report(void);

/* Called right before shutdown(): prints the instructions since
   bench_report's last line (tools/bench.sh adds shutdown's own, up to its
   call into the firmware, from the disassembly). */
void bench_report_shutdown(void);

#else

#define BENCH_COUNT(counter, statement) statement

static inline void bench_report(void) {
}

static inline void bench_report_shutdown(void) {
}

#endif
#endif
