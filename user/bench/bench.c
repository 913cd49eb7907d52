/*
 * The user half of `make bench`: the one app of the bench kernel (see
 * tools/bench.sh). It reads instret at its very first instruction, times a
 * loop of null system calls, and prints what it counted as lines that
 * tools/bench.sh reads:
 *   [bench] app_first_instret N     instret at this app's first instruction
 *   [bench] syscall_calls N         getpid calls in the loop
 *   [bench] syscall_instructions N  instructions the loop retired
 * The counts are exact under QEMU's -icount shift=0, which make bench uses.
 * Not one of the default apps: without -icount, instret follows host time.
 */
#include <stdint.h>

#include "lib/syscall_numbers.h"
#include "user.h"

#define CALLS 10000

/* Written by bench_entry, before any other instruction of the app. */
uint64_t bench_first_instret;

/*
 * The kernel enters an app at the first byte of its slot, where user.ld puts
 * .text.entry. This file is linked before user/start.c, so bench_entry comes
 * before start.c's _start there (tools/bench.sh checks it is at the slot's
 * first byte): it reads instret, then goes on to _start as any app does.
 */
__asm__(".pushsection .text.entry, \"ax\", @progbits\n"
        ".globl bench_entry\n"
        "bench_entry:\n"
        /* Instructions retired before this one, from power-on. */
        "    csrr t0, instret\n"
        /* Keep it in .bss, which the kernel zeroed. */
        "    la t1, bench_first_instret\n"
        "    sd t0, 0(t1)\n"
        /* The usual start: main, then exit. */
        "    tail _start\n"
        ".popsection");

/* Makes `calls` getpid system calls back to back (calls > 0) and returns
   the instructions retired from the first read of instret to the second:
   per call, the ecall's round trip plus the loop's addi and bnez. */
static uint64_t count_null_syscalls(uint64_t calls) {
    register uint64_t number __asm__("a7") = SYS_GETPID;
    register uint64_t result __asm__("a0");
    uint64_t before, after;
    __asm__ volatile(
        "    csrr %[before], instret\n"
        "1:  ecall\n"
        "    addi %[left], %[left], -1\n"
        "    bnez %[left], 1b\n"
        "    csrr %[after], instret\n"
        : [before] "=&r"(before), [after] "=r"(after), [left] "+r"(calls),
          "=r"(result)
        : "r"(number)
        : "memory");
    return after - before;
}

int main(void) {
    uint64_t instructions = count_null_syscalls(CALLS);
    printf("[bench] app_first_instret %lu\n", bench_first_instret);
    printf("[bench] syscall_calls %d\n", CALLS);
    printf("[bench] syscall_instructions %lu\n", instructions);
    return 0;
}
