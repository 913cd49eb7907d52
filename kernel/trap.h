/*
 * Going to U-mode and coming back. user_enter (trap_entry.S) runs an app from
 * a saved user context: it serves the app's system calls on the way
 * (syscall_handle) and returns to the caller only when the app must stop,
 * with the app's registers saved in that context; the caller reads scause.
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

/* Offsets into struct user_context, for trap_entry.S. */
#define USER_CONTEXT_PC        256
#define USER_CONTEXT_KERNEL_RA 264
#define USER_CONTEXT_KERNEL_SP 272
#define USER_CONTEXT_KERNEL_S  280

/* scause values the kernel acts on (trap_entry.S needs the ecall). */
#define SCAUSE_INTERRUPT       (1UL << 63)
#define SCAUSE_ECALL_FROM_U    8
#define SCAUSE_TIMER_INTERRUPT (SCAUSE_INTERRUPT | 5)

/* The kernel stack's canary: trap_init puts this word at the stack's lowest
   address (__boot), where only an overflow would write, and every trap
   checks it (trap_entry.S, kernel_trap). One lui builds it. */
#define KERNEL_STACK_CANARY 0x5a17c000

/* The stack kernel_trap runs on: the kernel's own may be what went wrong. */
#define KERNEL_TRAP_STACK_SIZE 4096

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "log.h"

/* Register numbers of the RISC-V integer registers the kernel looks at. */
enum register_number {
    REGISTER_SP = 2,
    REGISTER_A0 = 10,
    REGISTER_A1 = 11,
    REGISTER_A2 = 12,
    REGISTER_A7 = 17,
};

struct app;

/* Everything an app has while the kernel runs, and the kernel's own
   callee-saved registers while the app runs. trap_entry.S uses the offsets
   above; trap.c checks them against this struct at compile time. */
struct user_context {
    uint64_t registers[32]; /* x0..x31 of the app; x0 is always 0 */
    uint64_t pc;            /* where the app goes on: sepc */
    uint64_t kernel_ra;
    uint64_t kernel_sp;
    uint64_t kernel_s[12]; /* s0..s11 */
    struct app *app;       /* whose context: for the system calls */
};

/* Runs the app in U-mode from context->pc. System calls that let it go on
   are served on the way without coming back here. Returns when the app must
   stop, with its registers and pc saved in *context: after a system call
   that ends it (exit, or a number the kernel does not have; pc is then past
   the ecall), or after any other trap. */
void user_enter(struct user_context *context);

/* Points stvec at trap_entry (trap_entry.S) for good, so that any trap
   taken in S-mode is a kernel bug and panics with its cause, sets the
   kernel stack's canary, and what traps in U-mode: floating point (off)
   and the counters (time and instret only). */
void trap_init(void);

/* Panics if the kernel stack's canary was overwritten. */
void trap_check_stack_canary(void);

/* scause in words: "store access fault", "illegal instruction", ... */
const char *trap_cause_name(uint64_t scause);

/* The cause and value of the last trap. */
static inline uint64_t trap_scause(void) {
    uint64_t scause;
    __asm__ volatile("csrr %0, scause" : "=r"(scause));
    return scause;
}

static inline uint64_t trap_stval(void) {
    uint64_t stval;
    __asm__ volatile("csrr %0, stval" : "=r"(stval));
    return stval;
}

/* LOG=trace: one line for each trap of app `index`, taken at `pc`. */
#define log_trap(index, pc)                                                    \
    log_trace("app %lu trap: %s, stval 0x%lx, pc 0x%lx", (index),              \
              trap_cause_name(trap_scause()), trap_stval(), (pc))

#endif /* __ASSEMBLER__ */
#endif
