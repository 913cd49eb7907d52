/* lab: yield */
/*
 * The second app of the bench kernel (make bench, tools/bench.sh), in the
 * slots mode beside user/bench/bench.c: it gives the CPU back to the bench
 * app each time it gets it, in a loop of the same shape as the bench app's
 * own (ecall, addi, bnez), YIELD_CALLS + 1 times, then exits. Every
 * sched_yield of the bench app's timed loop thus switches to this app and
 * comes back: two switches a call, exactly.
 */
#include <stdint.h>

#include "lib/syscall_numbers.h"
#include "user/bench/yield_calls.h"

int main(void) {
    register uint64_t number __asm__("a7") = SYS_SCHED_YIELD;
    register uint64_t result __asm__("a0");
    uint64_t calls = YIELD_CALLS + 1;
    __asm__ volatile("1:  ecall\n"
                     "    addi %[left], %[left], -1\n"
                     "    bnez %[left], 1b\n"
                     : [left] "+r"(calls), "=r"(result)
                     : "r"(number)
                     : "memory");
    return 0;
}
