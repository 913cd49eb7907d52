/*
 * Running one app: open its slot to U-mode (paging.c), start the watchdog,
 * enter U-mode at its entry with sp at the top of its slot and wait until it
 * stops (its system calls are served on the way, by trap_entry.S and
 * syscall.c): exit, an unknown system call, any fault or the end of its time
 * ends it with one line on the console.
 */
#include "app.h"

#include <stdbool.h>

#include "clock.h"
#include "lib/syscall_numbers.h"
#include "linker/linker.h"
#include "log.h"
#include "paging.h"
#include "trap.h"
#include "watchdog.h"

/* sstatus.SPP: the mode sret returns to; 0 is U-mode. */
#define SSTATUS_SPP (1UL << 8)

/* For these exceptions stval is the address the app got wrong; for the
   others it is the instruction's bits or 0. */
static bool stval_is_address(uint64_t scause) {
    switch (scause) {
    case 0:  /* instruction address misaligned */
    case 1:  /* instruction access fault */
    case 4:  /* load address misaligned */
    case 5:  /* load access fault */
    case 6:  /* store address misaligned */
    case 7:  /* store access fault */
    case 12: /* instruction page fault */
    case 13: /* load page fault */
    case 15: /* store page fault */
        return true;
    default:
        return false;
    }
}

/* Says on the console how the app ended, from the trap that ended it. */
static enum app_outcome app_report(const struct app *app,
                                   const struct user_context *context,
                                   uint64_t scause, uint64_t stval) {
    if (scause == SCAUSE_ECALL_FROM_U) {
        /* syscall_handle said this call ends the app. */
        if (context->registers[REGISTER_A7] == SYS_EXIT) {
            /* All 64 bits of a0, signed: a code cut to 32 bits could
               read 0 for an app that did not exit with 0. */
            kernel_say("app %lu %s: exited with code %ld", app->index,
                       app->name, (int64_t)context->registers[REGISTER_A0]);
            return APP_EXITED;
        }
        kernel_say("app %lu %s: killed: unknown system call %lu, pc 0x%lx",
                   app->index, app->name, context->registers[REGISTER_A7],
                   context->pc - 4);
        return APP_KILLED;
    }
    if (scause == SCAUSE_TIMER_INTERRUPT) {
        kernel_say("app %lu %s: killed: time limit exceeded (%d ms), pc 0x%lx",
                   app->index, app->name, APP_TIME_LIMIT_MS, context->pc);
        return APP_KILLED;
    }
    kernel_say("app %lu %s: killed: %s %s0x%lx%s, pc 0x%lx", app->index,
               app->name, trap_cause_name(scause),
               stval_is_address(scause) ? "at " : "(stval ", stval,
               stval_is_address(scause) ? "" : ")", context->pc);
    return APP_KILLED;
}

/* gdb's return-to-user (tools/gdb/boundary.py) stops where app_run
   returns: the app is over, and the kernel has said how it ended. */
enum app_outcome app_run(struct app *app) {
    struct user_context context = {.pc = app->entry, .app = app};
    context.registers[REGISTER_SP] = app->slot + APP_SLOT_SIZE;
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SPP));
    paging_open_slot(app->slot);
    watchdog_start();
    /* LAB taskinfo BEGIN */
    app->first_ran = clock_ticks();
    /* LAB taskinfo END */

    /* user_enter comes back only when the app must stop (trap_entry.S
       serves the system calls that let it go on), or on a timer interrupt:
       the app goes on where it was unless its time is up. */
    uint64_t scause, stval;
    do {
        user_enter(&context);
        scause = trap_scause();
        stval = trap_stval();
        if (scause != SCAUSE_ECALL_FROM_U)
            log_trap(app->index, context.pc);
    } while (scause == SCAUSE_TIMER_INTERRUPT && !watchdog_expired());

    watchdog_stop();
    paging_close_slot(app->slot);
    return app_report(app, &context, scause, stval);
}
