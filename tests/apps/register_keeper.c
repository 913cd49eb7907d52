/* lab: yield */
/*
 * An app of tests/cases/multiprogramming.exp, run twice there: it fills
 * every register it may with a value of its own (its pid in the high
 * half), gives the CPU up with sched_yield, then spins long enough for the
 * time slice to end under it, and checks that every register came back
 * as it left it, whatever the other apps (its twin among them, with other
 * values) did meanwhile. Then it reads the FP unit, which must still be
 * off for it (sstatus.FS = Off): an illegal instruction, and it is killed.
 */
#include <stdint.h>

#include "lib/syscall_numbers.h"
#include "user.h"

#define STRING(x)           #x
#define NUMBER_AS_STRING(x) STRING(x)

/* Longer than TIME_SLICE_MS=2 on QEMU's instruction clock (one
   nanosecond an instruction, two instructions a spin). */
#define SPINS 1500000

/* keep_registers(base, spins, after): x1, x3..x31 = base + their number,
   but a7 = SYS_SCHED_YIELD, whose ecall sets a0 to 0, and t6 (x31), which
   counts the spins down to 0; after[n] = xn after the yield and the spins
   (after[2], sp, is 0: the return proves sp). The callee-saved registers,
   ra, gp and tp are saved on the stack around it. */
void keep_registers(uint64_t base, uint64_t spins, uint64_t after[32]);
__asm__(
    ".globl keep_registers\n"
    "keep_registers:\n"
    "    addi sp, sp, -128\n"
    "    sd ra, 0(sp)\n"
    "    sd gp, 8(sp)\n"
    "    sd tp, 16(sp)\n"
    "    sd s0, 24(sp)\n"
    "    sd s1, 32(sp)\n"
    "    sd s2, 40(sp)\n"
    "    sd s3, 48(sp)\n"
    "    sd s4, 56(sp)\n"
    "    sd s5, 64(sp)\n"
    "    sd s6, 72(sp)\n"
    "    sd s7, 80(sp)\n"
    "    sd s8, 88(sp)\n"
    "    sd s9, 96(sp)\n"
    "    sd s10, 104(sp)\n"
    "    sd s11, 112(sp)\n"
    "    sd a2, 120(sp)\n" /* after, for the end */
    "    mv x31, a1\n"     /* the spins */
    "    addi x1, a0, 1\n"
    "    addi x3, a0, 3\n"
    "    addi x4, a0, 4\n"
    "    addi x5, a0, 5\n"
    "    addi x6, a0, 6\n"
    "    addi x7, a0, 7\n"
    "    addi x8, a0, 8\n"
    "    addi x9, a0, 9\n"
    "    addi x11, a0, 11\n"
    "    addi x12, a0, 12\n"
    "    addi x13, a0, 13\n"
    "    addi x14, a0, 14\n"
    "    addi x15, a0, 15\n"
    "    addi x16, a0, 16\n"
    "    addi x18, a0, 18\n"
    "    addi x19, a0, 19\n"
    "    addi x20, a0, 20\n"
    "    addi x21, a0, 21\n"
    "    addi x22, a0, 22\n"
    "    addi x23, a0, 23\n"
    "    addi x24, a0, 24\n"
    "    addi x25, a0, 25\n"
    "    addi x26, a0, 26\n"
    "    addi x27, a0, 27\n"
    "    addi x28, a0, 28\n"
    "    addi x29, a0, 29\n"
    "    addi x30, a0, 30\n"
    "    li a7, " NUMBER_AS_STRING(
        SYS_SCHED_YIELD) "\n"
                         "    addi a0, a0, 10\n"
                         "    ecall\n" /* sched_yield: the other apps run */
                         "1:  addi x31, x31, -1\n"
                         "    bnez x31, 1b\n" /* the time slice ends in here */
                         "    addi sp, sp, -256\n"
                         "    sd x0, 0(sp)\n"
                         "    sd x1, 8(sp)\n"
                         "    sd x0, 16(sp)\n"
                         "    sd x3, 24(sp)\n"
                         "    sd x4, 32(sp)\n"
                         "    sd x5, 40(sp)\n"
                         "    sd x6, 48(sp)\n"
                         "    sd x7, 56(sp)\n"
                         "    sd x8, 64(sp)\n"
                         "    sd x9, 72(sp)\n"
                         "    sd x10, 80(sp)\n"
                         "    sd x11, 88(sp)\n"
                         "    sd x12, 96(sp)\n"
                         "    sd x13, 104(sp)\n"
                         "    sd x14, 112(sp)\n"
                         "    sd x15, 120(sp)\n"
                         "    sd x16, 128(sp)\n"
                         "    sd x17, 136(sp)\n"
                         "    sd x18, 144(sp)\n"
                         "    sd x19, 152(sp)\n"
                         "    sd x20, 160(sp)\n"
                         "    sd x21, 168(sp)\n"
                         "    sd x22, 176(sp)\n"
                         "    sd x23, 184(sp)\n"
                         "    sd x24, 192(sp)\n"
                         "    sd x25, 200(sp)\n"
                         "    sd x26, 208(sp)\n"
                         "    sd x27, 216(sp)\n"
                         "    sd x28, 224(sp)\n"
                         "    sd x29, 232(sp)\n"
                         "    sd x30, 240(sp)\n"
                         "    sd x31, 248(sp)\n"
                         /* Copy the 32 words to after. */
                         "    ld t0, 256 + 120(sp)\n"
                         "    mv t1, sp\n"
                         "    addi t2, sp, 256\n"
                         "2:  ld t3, 0(t1)\n"
                         "    sd t3, 0(t0)\n"
                         "    addi t1, t1, 8\n"
                         "    addi t0, t0, 8\n"
                         "    bne t1, t2, 2b\n"
                         "    addi sp, sp, 256\n"
                         "    ld ra, 0(sp)\n"
                         "    ld gp, 8(sp)\n"
                         "    ld tp, 16(sp)\n"
                         "    ld s0, 24(sp)\n"
                         "    ld s1, 32(sp)\n"
                         "    ld s2, 40(sp)\n"
                         "    ld s3, 48(sp)\n"
                         "    ld s4, 56(sp)\n"
                         "    ld s5, 64(sp)\n"
                         "    ld s6, 72(sp)\n"
                         "    ld s7, 80(sp)\n"
                         "    ld s8, 88(sp)\n"
                         "    ld s9, 96(sp)\n"
                         "    ld s10, 104(sp)\n"
                         "    ld s11, 112(sp)\n"
                         "    addi sp, sp, 128\n"
                         "    ret\n");

int main(void) {
    uint64_t base = (uint64_t)(getpid() + 1) << 32;
    uint64_t after[32];
    keep_registers(base, SPINS, after);
    int changed = 0;
    for (int n = 1; n < 32; n++) {
        uint64_t expected = base + (uint64_t)n;
        if (n == 2)
            expected = 0; /* sp: not stored */
        else if (n == 10)
            expected = 0; /* a0: sched_yield's result */
        else if (n == 17)
            expected = SYS_SCHED_YIELD; /* a7 */
        else if (n == 31)
            expected = 0; /* t6: the spins, counted down */
        if (after[n] != expected) {
            printf("register_keeper: x%d is 0x%lx, not 0x%lx\n", n, after[n],
                   expected);
            changed++;
        }
    }
    printf("register_keeper: %d of 31 registers changed across a yield and "
           "a time slice\n",
           changed);
    register uint64_t f0 __asm__("a0");
    __asm__ volatile(".word 0xe2000553" /* fmv.x.d a0, f0 */
                     : "=r"(f0));
    printf("register_keeper: f0 holds 0x%lx, which is wrong\n", f0);
    return 1;
}
