/*
 * Running one app: open its slot to U-mode (paging.c), start the watchdog,
 * enter U-mode where the app stopped (at first its entry, with sp at the
 * top of its slot) and wait until it stops (its system calls are served on
 * the way, by trap_entry.S and syscall.c): exit, an unknown system call, any
 * fault or the end of its time ends it with one line on the console.
 */
#include "app.h"

#include <stdbool.h>

#include "clock.h"
#include "lib/syscall_numbers.h"
#include "linker/linker.h"
#include "log.h"
#include "paging.h"
/* LAB yield BEGIN */
#include "sched.h"
/* LAB yield END */
#include "settings.h"
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

/* Says on the console how the app ended, from the trap that ended it
   (scause, and stval, which no trap has changed since). What the app's
   output filter held back goes out first, as it is. */
static enum app_outcome app_report(struct app *app, uint64_t scause) {
    const struct user_context *context = &app->context;
    uint64_t stval = trap_stval();
    app_output_flush(&app->output);
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
        kernel_say("app %lu %s: killed: time limit exceeded (%lu ms), pc 0x%lx",
                   app->index, app->name, app_time_limit_ms, context->pc);
        return APP_KILLED;
    }
    kernel_say("app %lu %s: killed: %s %s0x%lx%s, pc 0x%lx", app->index,
               app->name, trap_cause_name(scause),
               stval_is_address(scause) ? "at " : "(stval ", stval,
               stval_is_address(scause) ? "" : ")", context->pc);
    return APP_KILLED;
}

/* LAB yield BEGIN */
/* Whether the app gave the CPU up rather than ended: it called sched_yield
   (which comes back here only while another app is ready), or the timer
   ended its slice with time left on its limit. */
static bool gave_up_cpu(const struct app *app, uint64_t scause) {
    if (scause == SCAUSE_ECALL_FROM_U)
        return app->context.registers[REGISTER_A7] == SYS_SCHED_YIELD;
    return scause == SCAUSE_TIMER_INTERRUPT &&
           app->ticks_run < app_time_limit_ticks;
}
/* LAB yield END */

void app_prepare(struct app *app) {
    app->context = (struct user_context){.pc = app->entry, .app = app};
    app->context.registers[REGISTER_SP] = app->slot + APP_SLOT_SIZE;
}

/* gdb's return-to-user (tools/gdb/boundary.py) stops where app_run
   returns with the app over: the kernel has said how it ended. */
enum app_outcome app_run(struct app *app) {
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SPP));
    paging_open_slot(app->slot);
    /* LAB yield BEGIN: watchdog_start(); */
    watchdog_start(app->ticks_run, sched_others_ready());
    /* LAB yield END */
    /* LAB taskinfo BEGIN */
    if (app->first_ran == 0)
        app->first_ran = clock_ticks();
    /* LAB taskinfo END */

    /* user_enter comes back only when the app must stop (trap_entry.S
       serves the system calls that let it go on), or on a timer interrupt:
       the app goes on where it was unless the watchdog says otherwise. */
    uint64_t scause;
    do {
        user_enter(&app->context);
        scause = trap_scause();
        if (scause != SCAUSE_ECALL_FROM_U)
            log_trap(app->index, app->context.pc);
    } while (scause == SCAUSE_TIMER_INTERRUPT && watchdog_goes_on());

    /* LAB yield BEGIN: watchdog_stop(); */
    app->ticks_run += watchdog_stop();
    /* LAB yield END */
    paging_close_slot(app->slot);
    /* LAB yield BEGIN */
    if (gave_up_cpu(app, scause))
        return APP_READY;
    /* LAB yield END */
    return app_report(app, scause);
}

void app_summary_count(struct app_summary *summary, enum app_outcome outcome) {
    if (outcome == APP_EXITED)
        summary->exited++;
    else
        summary->killed++;
}
