/*
 * One user app as the batch kernel sees it: where its 2 MiB slot is, where
 * it starts, and what became of it. batch.c loads apps; app.c runs them.
 */
#ifndef KERNEL_APP_H
#define KERNEL_APP_H

#include <stdint.h>

#include "syscall_abi.h"

struct app {
    uint64_t index;
    const char *name;
    uintptr_t slot;  /* first byte of the app's slot: image, bss, stack */
    uintptr_t entry; /* its first instruction */
    /* LAB taskinfo BEGIN */
    uint64_t first_ran; /* clock_ticks() at its first instruction */
    /* Its system calls so far, by number (task_info). */
    uint32_t syscall_times[TASK_INFO_SYSCALLS];
    /* LAB taskinfo END */
};

enum app_outcome { APP_EXITED, APP_KILLED };

/* Runs the app in U-mode until it exits or is killed, and says which on
   the console (the output contract's "exited with code" / "killed" line). */
enum app_outcome app_run(struct app *app);

#endif
