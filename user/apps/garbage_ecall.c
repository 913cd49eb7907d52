/*
 * System calls made with every register x1..x31 garbage, sp, ra, gp and tp
 * included: the kernel must trust none of them but its arguments and
 * answer as usual. write with a garbage fd gives -9 and with fd 1 and a
 * garbage buffer -14, and the app goes on; a garbage number kills it.
 */
#include <stdint.h>

#include "lib/syscall_numbers.h"
#include "user.h"

/* Register xN holds GARBAGE + N during the call, unless it is an argument
   or the number: a value no sane program has in any register. */
#define GARBAGE 0xdeadbeef00000000

/* Makes system call `number` with arguments a0..a2 and every other
   register GARBAGE + N; returns a0. Written in assembly since C cannot set
   sp, gp, tp or ra. The registers a C caller relies on are kept in
   saved_registers meanwhile: with sp garbage, nothing else can hold them. */
long ecall_amid_garbage(uint64_t number, uint64_t arg0, uint64_t arg1,
                        uint64_t arg2);

/* ra, sp, gp, tp, s0..s11, then number, arg0, arg1, arg2. */
uint64_t saved_registers[20];

#define STRINGIFY(x)       #x
#define STRINGIFY_VALUE(x) STRINGIFY(x)

/* One instruction a line, as in an assembly file: */
/* clang-format off */
__asm__(
    ".text\n"
    ".balign 4\n"
    ".globl ecall_amid_garbage\n"
    "ecall_amid_garbage:\n"
    "    la t0, saved_registers\n" /* the one register used as a base */
    "    sd ra, 0*8(t0)\n"         /* what the caller needs back */
    "    sd sp, 1*8(t0)\n"
    "    sd gp, 2*8(t0)\n"
    "    sd tp, 3*8(t0)\n"
    "    sd s0, 4*8(t0)\n"
    "    sd s1, 5*8(t0)\n"
    "    sd s2, 6*8(t0)\n"
    "    sd s3, 7*8(t0)\n"
    "    sd s4, 8*8(t0)\n"
    "    sd s5, 9*8(t0)\n"
    "    sd s6, 10*8(t0)\n"
    "    sd s7, 11*8(t0)\n"
    "    sd s8, 12*8(t0)\n"
    "    sd s9, 13*8(t0)\n"
    "    sd s10, 14*8(t0)\n"
    "    sd s11, 15*8(t0)\n"
    "    sd a0, 16*8(t0)\n" /* the number and arguments, loaded last */
    "    sd a1, 17*8(t0)\n"
    "    sd a2, 18*8(t0)\n"
    "    sd a3, 19*8(t0)\n"
    /* Every register but t0 (x5) becomes GARBAGE + N, from x31. */
    "    li x31, " STRINGIFY_VALUE(GARBAGE) " + 31\n"
    "    addi x1, x31, 1 - 31\n"
    "    addi x2, x31, 2 - 31\n"
    "    addi x3, x31, 3 - 31\n"
    "    addi x4, x31, 4 - 31\n"
    "    addi x6, x31, 6 - 31\n"
    "    addi x7, x31, 7 - 31\n"
    "    addi x8, x31, 8 - 31\n"
    "    addi x9, x31, 9 - 31\n"
    "    addi x10, x31, 10 - 31\n"
    "    addi x11, x31, 11 - 31\n"
    "    addi x12, x31, 12 - 31\n"
    "    addi x13, x31, 13 - 31\n"
    "    addi x14, x31, 14 - 31\n"
    "    addi x15, x31, 15 - 31\n"
    "    addi x16, x31, 16 - 31\n"
    "    addi x17, x31, 17 - 31\n"
    "    addi x18, x31, 18 - 31\n"
    "    addi x19, x31, 19 - 31\n"
    "    addi x20, x31, 20 - 31\n"
    "    addi x21, x31, 21 - 31\n"
    "    addi x22, x31, 22 - 31\n"
    "    addi x23, x31, 23 - 31\n"
    "    addi x24, x31, 24 - 31\n"
    "    addi x25, x31, 25 - 31\n"
    "    addi x26, x31, 26 - 31\n"
    "    addi x27, x31, 27 - 31\n"
    "    addi x28, x31, 28 - 31\n"
    "    addi x29, x31, 29 - 31\n"
    "    addi x30, x31, 30 - 31\n"
    "    ld a7, 16*8(t0)\n" /* the number and arguments, over the garbage */
    "    ld a0, 17*8(t0)\n"
    "    ld a1, 18*8(t0)\n"
    "    ld a2, 19*8(t0)\n"
    "    addi x5, x31, 5 - 31\n" /* t0, the base, garbage last */
    "    ecall\n"
    "    la t0, saved_registers\n" /* a0 holds the answer; t0 is free */
    "    ld ra, 0*8(t0)\n" /* back what the caller relies on */
    "    ld sp, 1*8(t0)\n"
    "    ld gp, 2*8(t0)\n"
    "    ld tp, 3*8(t0)\n"
    "    ld s0, 4*8(t0)\n"
    "    ld s1, 5*8(t0)\n"
    "    ld s2, 6*8(t0)\n"
    "    ld s3, 7*8(t0)\n"
    "    ld s4, 8*8(t0)\n"
    "    ld s5, 9*8(t0)\n"
    "    ld s6, 10*8(t0)\n"
    "    ld s7, 11*8(t0)\n"
    "    ld s8, 12*8(t0)\n"
    "    ld s9, 13*8(t0)\n"
    "    ld s10, 14*8(t0)\n"
    "    ld s11, 15*8(t0)\n"
    "    ret\n");
/* clang-format on */

int main(void) {
    printf("garbage_ecall: write with a garbage fd, all registers garbage\n");
    long bad_fd =
        ecall_amid_garbage(SYS_WRITE, GARBAGE + 10, GARBAGE + 11, GARBAGE + 12);
    printf("garbage_ecall: came back with %ld\n", bad_fd);
    printf("garbage_ecall: write to fd 1 from a garbage buffer\n");
    long bad_buffer = ecall_amid_garbage(SYS_WRITE, 1, GARBAGE + 11, 16);
    printf("garbage_ecall: came back with %ld\n", bad_buffer);
    if (bad_fd != -9 || bad_buffer != -14) {
        printf("garbage_ecall: not -9 and -14, which is wrong\n");
        return 1;
    }
    printf("garbage_ecall: system call %lu, all registers garbage\n",
           GARBAGE + 17);
    ecall_amid_garbage(GARBAGE + 17, GARBAGE + 10, GARBAGE + 11, GARBAGE + 12);
    printf("garbage_ecall: still alive, which is wrong\n");
    return 1;
}
