/* lab: yield */
/*
 * The scheduler of the slots mode: the apps, all loaded (batch.c), take
 * turns on the CPU until every one has ended.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* Runs apps[0..count), every one loaded and prepared (app_prepare), until
   each has ended, round-robin in index order: each runs (app_run) until it
   gives the CPU up or ends, and an app that ended never runs again. Counts
   each end in *summary. */
void sched_run(struct app *apps, size_t count, struct app_summary *summary);

/* How many apps have not ended, the running one included, while sched_run
   runs; 0 otherwise. Only sched.c writes it. */
extern size_t sched_apps_alive;

/* True while an app other than the one running is ready to run: only in
   sched_run. sched_yield then gives the CPU up, and the watchdog gives the
   running app a time slice. (Inline: every switch asks twice.) */
static inline bool sched_others_ready(void) {
    return sched_apps_alive > 1;
}

#endif
