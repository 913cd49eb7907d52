/*
 * One user app as the kernel sees it: where its 2 MiB slot is, where it
 * starts, its registers while the kernel runs, and what became of it.
 * batch.c loads apps; app.c runs them.
 */
#ifndef KERNEL_APP_H
#define KERNEL_APP_H

#include <stdint.h>

#include "app_output.h"
#include "syscall_abi.h"
#include "trap.h"

struct app {
    uint64_t index;
    const char *name;
    uintptr_t slot;  /* first byte of the app's slot: image, bss, stack */
    uintptr_t entry; /* its first instruction */
    /* Its registers and pc whenever the kernel runs: trap_entry.S saves
       them here at each trap, and user_enter loads them back. */
    struct user_context context;
    /* What the filter of its output holds back (app_output.c). */
    struct app_output output;
    /* LAB yield BEGIN */
    enum task_status status; /* ready, running or exited (sched.c) */
    uint64_t ticks_run;      /* its running time so far, in clock ticks */
    /* LAB yield END */
    /* LAB taskinfo BEGIN */
    uint64_t first_ran; /* clock_ticks() at its first instruction; 0 before */
    /* Its system calls so far, by number (task_info). */
    uint32_t syscall_times[TASK_INFO_SYSCALLS];
    /* LAB taskinfo END */
};

enum app_outcome {
    APP_EXITED,
    APP_KILLED,
    /* LAB yield BEGIN */
    APP_READY, /* it gave the CPU up, and goes on when it gets it back */
    /* LAB yield END */
};

/* The counts of the summary line: how the apps of the batch ended. */
struct app_summary {
    unsigned exited, killed, refused;
};

/* Sets the app's registers for its first instruction: pc at its entry, sp
   at the top of its slot, every other register 0. */
void app_prepare(struct app *app);

/* Runs the app in U-mode, from where it stopped, until it exits or is
   killed, which it says on the console (the output contract's "exited
   with code" / "killed" line). */
/* LAB yield BEGIN */
/* Or until it gives the CPU up while another app is ready (sched.c): it
   called sched_yield, or its time slice ended. That is APP_READY. */
/* LAB yield END */
enum app_outcome app_run(struct app *app);

/* Counts the end of an app, APP_EXITED or APP_KILLED, in *summary. */
void app_summary_count(struct app_summary *summary, enum app_outcome outcome);

#endif
