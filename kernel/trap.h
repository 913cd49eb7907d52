/*
 * Going to U-mode and coming back. user_enter (trap_entry.S) runs an app from a
 * saved user context until its next trap, then returns to the caller with
 * the app's registers saved in that context; the caller reads scause.
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

/* Offsets into struct user_context, for trap_entry.S. */
#define USER_CONTEXT_PC        256
#define USER_CONTEXT_KERNEL_RA 264
#define USER_CONTEXT_KERNEL_SP 272
#define USER_CONTEXT_KERNEL_S  280

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Register numbers of the RISC-V integer registers the kernel looks at. */
enum register_number {
    REGISTER_SP = 2,
    REGISTER_A0 = 10,
    REGISTER_A1 = 11,
    REGISTER_A2 = 12,
    REGISTER_A7 = 17,
};

/* Everything an app has while the kernel runs, and the kernel's own
   callee-saved registers while the app runs. trap_entry.S uses the offsets
   above; trap.c checks them against this struct at compile time. */
struct user_context {
    uint64_t registers[32]; /* x0..x31 of the app; x0 is always 0 */
    uint64_t pc;            /* where the app goes on: sepc */
    uint64_t kernel_ra;
    uint64_t kernel_sp;
    uint64_t kernel_s[12]; /* s0..s11 */
};

/* Runs the app in U-mode from context->pc until it traps; returns with its
   registers and pc saved in *context. */
void user_enter(struct user_context *context);

/* Points stvec at the kernel's own trap entry; any trap taken in S-mode is
   then a kernel bug and panics with its cause. */
void trap_init(void);

/* scause in words: "store access fault", "illegal instruction", ... */
const char *trap_cause_name(uint64_t scause);

/* scause values the kernel acts on. */
#define SCAUSE_INTERRUPT    (1UL << 63)
#define SCAUSE_ECALL_FROM_U 8

#endif /* __ASSEMBLER__ */
#endif
