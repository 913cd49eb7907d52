/*
 * The C side of trap_entry.S: the kernel's own trap vector, traps taken in
 * S-mode (always a kernel bug: panic), and scause decoded into words for the
 * messages that kill an app.
 */
#include "trap.h"

#include <stddef.h>

#include "initcall.h"
#include "panic.h"

/* trap_entry.S hard-codes these offsets. */
_Static_assert(offsetof(struct user_context, pc) == USER_CONTEXT_PC,
               "trap.h: USER_CONTEXT_PC is wrong");
_Static_assert(offsetof(struct user_context, kernel_ra) ==
                   USER_CONTEXT_KERNEL_RA,
               "trap.h: USER_CONTEXT_KERNEL_RA is wrong");
_Static_assert(offsetof(struct user_context, kernel_sp) ==
                   USER_CONTEXT_KERNEL_SP,
               "trap.h: USER_CONTEXT_KERNEL_SP is wrong");
_Static_assert(offsetof(struct user_context, kernel_s) == USER_CONTEXT_KERNEL_S,
               "trap.h: USER_CONTEXT_KERNEL_S is wrong");

void trap_entry(void);

/* The bottom of the kernel stack, which LINKER_BOOT0 put in .boot. */
extern uint64_t __boot[];

_Alignas(16) char kernel_trap_stack[KERNEL_TRAP_STACK_SIZE];

/* sstatus.FS, the state of the floating-point unit: 0 is Off. */
#define SSTATUS_FS (3UL << 13)
/* scounteren: which counters U-mode may read (rdtime, rdinstret); any
   other counter it reads is an illegal instruction. */
#define SCOUNTEREN_TM (1UL << 1)
#define SCOUNTEREN_IR (1UL << 2)

void trap_init(void) {
    __boot[0] = KERNEL_STACK_CANARY;
    /* sscratch 0: the kernel runs (the firmware may have left anything). */
    __asm__ volatile("csrw sscratch, zero");
    __asm__ volatile("csrw stvec, %0" : : "r"(trap_entry));

    /* What U-mode may do besides its own integer code, set once for all
       apps (the firmware may have left anything; docs/guide/06-isolation.md).
       No floating point: apps are built for rv64imac, and with FS Off an
       F or D instruction, or fcsr, traps as an illegal instruction, so no
       FP register can carry anything from one app to the next. Nothing
       turns FS on again: the kernel has no FP code either. */
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_FS));
    /* The counters: time, the timer's clock, and instret, the
       instructions retired. Not cycle: QEMU has no cycle count (it gives
       instret's value), and on hardware it is a fine clock of what other
       code does (docs/guide/06-isolation.md). */
    __asm__ volatile("csrw scounteren, %0"
                     :
                     : "r"(SCOUNTEREN_TM | SCOUNTEREN_IR));
}

INITCALL(1, traps, trap_init, NULL);

const char *trap_cause_name(uint64_t scause) {
    static const char *const exceptions[] = {
        [0] = "instruction address misaligned",
        [1] = "instruction access fault",
        [2] = "illegal instruction",
        [3] = "breakpoint",
        [4] = "load address misaligned",
        [5] = "load access fault",
        [6] = "store address misaligned",
        [7] = "store access fault",
        [8] = "system call from U-mode",
        [9] = "system call from S-mode",
        [12] = "instruction page fault",
        [13] = "load page fault",
        [15] = "store page fault",
    };
    static const char *const interrupts[] = {
        [1] = "software interrupt",
        [5] = "timer interrupt",
        [9] = "external interrupt",
    };
    uint64_t code = scause & ~SCAUSE_INTERRUPT;
    const char *name = NULL;
    if (scause & SCAUSE_INTERRUPT) {
        if (code < sizeof(interrupts) / sizeof(interrupts[0]))
            name = interrupts[code];
    } else if (code < sizeof(exceptions) / sizeof(exceptions[0])) {
        name = exceptions[code];
    }
    return name != NULL ? name : "unknown trap";
}

/* Called from trap_entry (trap_entry.S), on kernel_trap_stack, when the
   canary is gone. */
__attribute__((noreturn)) void kernel_stack_overflow(void);

void kernel_stack_overflow(void) {
    panic("kernel stack overflow: the canary at 0x%lx, the bottom of the "
          "kernel stack, was overwritten",
          (uintptr_t)__boot);
}

void trap_check_stack_canary(void) {
    if (__boot[0] != KERNEL_STACK_CANARY)
        kernel_stack_overflow();
}

/* Called by kernel_trap_entry in trap_entry.S, on kernel_trap_stack. */
__attribute__((noreturn)) void kernel_trap(uint64_t scause, uint64_t sepc,
                                           uint64_t stval);

void kernel_trap(uint64_t scause, uint64_t sepc, uint64_t stval) {
    trap_check_stack_canary();
    panic("kernel trap: %s (scause 0x%lx), stval 0x%lx, pc 0x%lx",
          trap_cause_name(scause), scause, stval, sepc);
}
