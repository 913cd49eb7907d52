/*
 * The trap path between the kernel and a user app (C side: kernel/app.c,
 * kernel/syscall.c and kernel/trap.c).
 *
 * stvec points at trap_entry for good (trap_init). sscratch tells whose
 * trap it is: the user context while an app runs, 0 while the kernel does.
 * A trap taken in the kernel is a kernel bug: kernel_trap_entry panics.
 *
 * user_enter(context) saves the kernel's callee-saved registers in the
 * context; user_resume loads the app's registers from it and sret's into
 * U-mode. Any trap of the app (ecall, fault, interrupt) lands in
 * trap_entry, which saves all 31 of the app's registers and its pc into the
 * context (past the ecall, for a system call) and checks the kernel stack's
 * canary. Then:
 *   - a system call is served at once, in C on the kernel stack
 *     (syscall_handle), and unless it ends the app or gives the CPU to
 *     another app (sched_yield), user_resume takes the same app back: the
 *     fast path, which never returns to app_run;
 *   - anything else, or a system call that ends the app or gives the CPU
 *     up, goes to user_leave: it restores the kernel's registers and
 *     "returns" from user_enter into app_run, on the kernel's own stack.
 *     The next app, or the same one, comes back through user_enter.
 *
 * No floating-point register is saved: sstatus.FS is Off for the whole
 * run (trap_init), so that an app's FP instruction is illegal and no FP
 * state exists to carry from one app to the next.
 *
 * syscall_handle runs with the app's values still in s1..s11, gp and tp,
 * and trusts none of them: sp is the kernel's, from the context; C code
 * only saves and restores callee-saved registers, it never reads what they
 * held; this kernel uses neither gp (linker.ld defines no
 * __global_pointer$) nor tp. s0 holds the context across the call.
 *
 * Offsets are those of struct user_context in trap.h: x<n> at 8*n.
 *
 * gdb follows the app across this file (tools/gdb/, docs/guide/09-debugging.md)
 * with breakpoints on three points, which must stay what they are:
 * user_enter, every entry into an app; trap_entry, every trap; sret, the
 * only way into U-mode.
 */
#include "trap.h"

    .section .text
    .globl user_enter
    .balign 4
/*
 * gdb's app symbols (tools/gdb/app_symbols.py) break here: called whenever
 * an app is about to run, from its first instruction or where it stopped,
 * with a0 its context and context->app the app. A scheduler that switches
 * to another app must come through here too; the fast path below
 * (user_resume after a system call) goes back to the same app only.
 */
user_enter:
    /* Save what the C calling convention says we must give back. */
    sd ra, USER_CONTEXT_KERNEL_RA(a0)
    sd sp, USER_CONTEXT_KERNEL_SP(a0)
    sd s0, USER_CONTEXT_KERNEL_S + 0*8(a0)
    sd s1, USER_CONTEXT_KERNEL_S + 1*8(a0)
    sd s2, USER_CONTEXT_KERNEL_S + 2*8(a0)
    sd s3, USER_CONTEXT_KERNEL_S + 3*8(a0)
    sd s4, USER_CONTEXT_KERNEL_S + 4*8(a0)
    sd s5, USER_CONTEXT_KERNEL_S + 5*8(a0)
    sd s6, USER_CONTEXT_KERNEL_S + 6*8(a0)
    sd s7, USER_CONTEXT_KERNEL_S + 7*8(a0)
    sd s8, USER_CONTEXT_KERNEL_S + 8*8(a0)
    sd s9, USER_CONTEXT_KERNEL_S + 9*8(a0)
    sd s10, USER_CONTEXT_KERNEL_S + 10*8(a0)
    sd s11, USER_CONTEXT_KERNEL_S + 11*8(a0)
    j user_resume               /* the app's registers, and off to U-mode */

    /* stvec needs a 4-byte aligned address in direct mode. */
    .globl trap_entry
    .balign 4
trap_entry:
    csrrw a0, sscratch, a0      /* a0 = context; sscratch = the app's a0 */
    beqz a0, kernel_trap_entry  /* no context: the kernel itself trapped */
    sd x1, 1*8(a0)
    sd x2, 2*8(a0)
    sd x3, 3*8(a0)
    sd x4, 4*8(a0)
    sd x5, 5*8(a0)
    sd x6, 6*8(a0)
    sd x7, 7*8(a0)
    sd x8, 8*8(a0)
    sd x9, 9*8(a0)
    sd x11, 11*8(a0)
    sd x12, 12*8(a0)
    sd x13, 13*8(a0)
    sd x14, 14*8(a0)
    sd x15, 15*8(a0)
    sd x16, 16*8(a0)
    sd x17, 17*8(a0)
    sd x18, 18*8(a0)
    sd x19, 19*8(a0)
    sd x20, 20*8(a0)
    sd x21, 21*8(a0)
    sd x22, 22*8(a0)
    sd x23, 23*8(a0)
    sd x24, 24*8(a0)
    sd x25, 25*8(a0)
    sd x26, 26*8(a0)
    sd x27, 27*8(a0)
    sd x28, 28*8(a0)
    sd x29, 29*8(a0)
    sd x30, 30*8(a0)
    sd x31, 31*8(a0)
    csrrw t0, sscratch, zero    /* t0 = the app's a0; from here on a trap is
                                   the kernel's own */
    sd t0, 10*8(a0)             /* the app's a0 */
    csrr t3, sepc               /* where the app trapped */
    ld t1, __boot               /* the word at the bottom of the kernel stack */
    li t2, KERNEL_STACK_CANARY  /* what trap_init put there */
    bne t1, t2, stack_overflow  /* anything else: the stack ran over it */

    csrr t0, scause
    li t1, SCAUSE_ECALL_FROM_U
    bne t0, t1, not_a_system_call /* a fault or an interrupt: app_run decides */
    addi t3, t3, 4              /* after a system call the app goes on past */
    sd t3, USER_CONTEXT_PC(a0)  /* its ecall, whatever the call does */

    /* The fast path: a system call, served in C on the kernel stack. */
    ld sp, USER_CONTEXT_KERNEL_SP(a0) /* below app_run's frame, which waits */
    mv s0, a0                   /* the context, kept across the call */
    jal syscall_handle          /* syscall_handle(context): true to go on
                                   (jal: the kernel's code is far inside its
                                   1 MiB reach; call is auipc and jalr where
                                   the linker does not relax it, ld.lld 14) */
    beqz a0, syscall_ends_app   /* exit, no such call, or sched_yield giving
                                   the CPU up: back to app_run */
    mv a0, s0                   /* the context again */
    /* The app goes on: fall through into user_resume. */

/*
 * Loads the app's registers from the context in a0 and sret's to U-mode
 * (sstatus.SPP = 0) at context->pc.
 */
user_resume:
    csrw sscratch, a0           /* a trap from here on is the app's */
    ld t0, USER_CONTEXT_PC(a0)
    csrw sepc, t0               /* sret jumps to the app's pc */
    /* The app's registers; a0 last, since it holds the context. */
    ld x1, 1*8(a0)
    ld x2, 2*8(a0)
    ld x3, 3*8(a0)
    ld x4, 4*8(a0)
    ld x5, 5*8(a0)
    ld x6, 6*8(a0)
    ld x7, 7*8(a0)
    ld x8, 8*8(a0)
    ld x9, 9*8(a0)
    ld x11, 11*8(a0)
    ld x12, 12*8(a0)
    ld x13, 13*8(a0)
    ld x14, 14*8(a0)
    ld x15, 15*8(a0)
    ld x16, 16*8(a0)
    ld x17, 17*8(a0)
    ld x18, 18*8(a0)
    ld x19, 19*8(a0)
    ld x20, 20*8(a0)
    ld x21, 21*8(a0)
    ld x22, 22*8(a0)
    ld x23, 23*8(a0)
    ld x24, 24*8(a0)
    ld x25, 25*8(a0)
    ld x26, 26*8(a0)
    ld x27, 27*8(a0)
    ld x28, 28*8(a0)
    ld x29, 29*8(a0)
    ld x30, 30*8(a0)
    ld x31, 31*8(a0)
    ld x10, 10*8(a0)
    sret                        /* to U-mode, at sepc (return-to-user in gdb
                                   stops here and single-steps it) */

not_a_system_call:
    sd t3, USER_CONTEXT_PC(a0)  /* the app goes on there, if it does */
    j user_leave

syscall_ends_app:
    mv a0, s0                   /* the context, for user_leave */

/*
 * Back to the kernel, with the context in a0: restores the kernel's
 * registers as user_enter saved them and returns from user_enter.
 */
user_leave:
    ld ra, USER_CONTEXT_KERNEL_RA(a0)
    ld sp, USER_CONTEXT_KERNEL_SP(a0)
    ld s0, USER_CONTEXT_KERNEL_S + 0*8(a0)
    ld s1, USER_CONTEXT_KERNEL_S + 1*8(a0)
    ld s2, USER_CONTEXT_KERNEL_S + 2*8(a0)
    ld s3, USER_CONTEXT_KERNEL_S + 3*8(a0)
    ld s4, USER_CONTEXT_KERNEL_S + 4*8(a0)
    ld s5, USER_CONTEXT_KERNEL_S + 5*8(a0)
    ld s6, USER_CONTEXT_KERNEL_S + 6*8(a0)
    ld s7, USER_CONTEXT_KERNEL_S + 7*8(a0)
    ld s8, USER_CONTEXT_KERNEL_S + 8*8(a0)
    ld s9, USER_CONTEXT_KERNEL_S + 9*8(a0)
    ld s10, USER_CONTEXT_KERNEL_S + 10*8(a0)
    ld s11, USER_CONTEXT_KERNEL_S + 11*8(a0)
    ret                         /* "return" from user_enter */

/*
 * A trap taken in S-mode: a bug in the kernel. Hand scause, sepc and stval
 * to kernel_trap (trap.c), which panics; it never returns here. Its C runs
 * on a stack of its own: the kernel's sp may be the very thing that broke.
 */
kernel_trap_entry:
    la sp, kernel_trap_stack + KERNEL_TRAP_STACK_SIZE /* a stack we trust */
    csrr a0, scause             /* why */
    csrr a1, sepc               /* where */
    csrr a2, stval              /* the faulting address or instruction */
    tail kernel_trap            /* panics */

/* The canary check in trap_entry failed: sp is still the app's. */
stack_overflow:
    la sp, kernel_trap_stack + KERNEL_TRAP_STACK_SIZE /* a stack we trust */
    tail kernel_stack_overflow  /* panics */
