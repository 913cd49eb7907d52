/*
 * The watchdog: every app gets APP_TIME_LIMIT_MS of guest time (a make
 * variable, 1000 by default), and the SBI timer interrupts it when its time
 * is up. app.c starts the watchdog whenever the app gets the CPU and stops
 * it whenever the app leaves it.
 */
#ifndef KERNEL_WATCHDOG_H
#define KERNEL_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

/* The app gets the CPU: the timer interrupts it when its time is up. */
/* LAB yield BEGIN: void watchdog_start(void); */
/* It has run ticks_run of its time already; with `slice` (other apps are
   ready) the timer interrupts it at the end of its time slice too, if that
   comes first. */
void watchdog_start(uint64_t ticks_run, bool slice);
/* LAB yield END */

/* True once the app's time is up. Asked between the chunks of a write
   (syscall.c) too: the kernel runs with interrupts off, so the timer
   cannot stop it. */
bool watchdog_expired(void);

/* The timer interrupted the app: true if it goes on, as its time is not
   up yet. */
/* LAB yield BEGIN */
/* Nor its slice: the timer was left set for an earlier deadline (of the
   app that ran before), and is set again. */
/* LAB yield END */
bool watchdog_goes_on(void);

/* The app leaves the CPU. */
/* LAB yield BEGIN: void watchdog_stop(void); */
/* Returns the ticks it ran since watchdog_start. The timer stays set: the
   next watchdog_start moves it only if it must interrupt sooner. */
uint64_t watchdog_stop(void);
/* LAB yield END */

#endif
