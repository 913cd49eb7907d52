/*
 * The user half of `make bench`: the one app of the bench kernel (see
 * tools/bench.sh). It reads instret at its very first instruction, times
 * loops of null system calls, of empty writes and of one-byte writes, and
 * prints what it counted as lines that tools/bench.sh reads:
 *   [bench] app_first_instret N     instret at this app's first instruction
 *   [bench] syscall_calls N         getpid calls in the loop
 *   [bench] syscall_instructions N  instructions the loop retired
 *   [bench] write_empty_calls N, write_empty_instructions N   the same for
 *                                   write(1, buffer, 0)
 *   [bench] write_byte_calls N, write_byte_instructions N     and for
 *                                   write(1, ".", 1)
 *   [bench] yield_calls N, yield_instructions N   the same for
 *                                   sched_yield, each switching to
 *                                   user/bench/yield_partner.c and back
 * The counts are exact under QEMU's -icount shift=0, which make bench uses.
 * Not one of the default apps: without -icount, instret follows host time.
 */
#include <stdint.h>

#include "lib/syscall_numbers.h"
#include "user.h"
/* LAB yield BEGIN */
#include "user/bench/yield_calls.h"
/* LAB yield END */

#define CALLS 10000
/* Each one-byte write prints its byte: a line of dots. */
#define BYTE_CALLS 32

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

/* Makes `calls` system calls `call` with no arguments back to back (calls
   > 0) and returns the instructions retired from the first read of instret
   to the second: per call, the ecall's round trip plus the loop's addi and
   bnez. For getpid, the null system call; for sched_yield, while the
   bench's other app does the same (the slots mode), a switch to it, its
   addi and bnez, and a switch back. */
static uint64_t count_calls(uint64_t call, uint64_t calls) {
    register uint64_t number __asm__("a7") = call;
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

/* Makes `calls` write(1, buffer, len) system calls back to back (calls >
   0) and returns the instructions retired from the first read of instret
   to the second: per call, the round trip plus the loop's li (the result
   overwrites the fd in a0), addi and bnez. */
static uint64_t count_writes(const char *buffer, uint64_t len, uint64_t calls) {
    register uint64_t number __asm__("a7") = SYS_WRITE;
    register uint64_t fd_and_result __asm__("a0");
    register const char *address __asm__("a1") = buffer;
    register uint64_t length __asm__("a2") = len;
    uint64_t before, after;
    __asm__ volatile(
        "    csrr %[before], instret\n"
        "1:  li a0, 1\n"
        "    ecall\n"
        "    addi %[left], %[left], -1\n"
        "    bnez %[left], 1b\n"
        "    csrr %[after], instret\n"
        : [before] "=&r"(before), [after] "=r"(after), [left] "+r"(calls),
          "=&r"(fd_and_result)
        : "r"(number), "r"(address), "r"(length)
        : "memory");
    return after - before;
}

int main(void) {
    /* LAB yield BEGIN */
    /* First, well inside this app's first time slice, so that no timer
       interrupt comes between: the partner starts and gives the CPU back,
       then the timed switches. */
    sched_yield();
    uint64_t yield_instructions = count_calls(SYS_SCHED_YIELD, YIELD_CALLS);
    /* LAB yield END */
    uint64_t null_instructions = count_calls(SYS_GETPID, CALLS);
    uint64_t empty_instructions = count_writes(".", 0, CALLS);
    printf("[bench] one byte a write: ");
    uint64_t byte_instructions = count_writes(".", 1, BYTE_CALLS);
    printf("\n");
    printf("[bench] app_first_instret %lu\n", bench_first_instret);
    printf("[bench] syscall_calls %d\n", CALLS);
    printf("[bench] syscall_instructions %lu\n", null_instructions);
    printf("[bench] write_empty_calls %d\n", CALLS);
    printf("[bench] write_empty_instructions %lu\n", empty_instructions);
    printf("[bench] write_byte_calls %d\n", BYTE_CALLS);
    printf("[bench] write_byte_instructions %lu\n", byte_instructions);
    /* LAB yield BEGIN */
    printf("[bench] yield_calls %d\n", YIELD_CALLS);
    printf("[bench] yield_instructions %lu\n", yield_instructions);
    /* LAB yield END */
    return 0;
}
