/*
 * The watchdog: every app gets APP_TIME_LIMIT_MS of guest time (a make
 * variable, 1000 by default). app.c starts it before the app's first
 * instruction; the SBI timer then interrupts the app when its time is up.
 */
#ifndef KERNEL_WATCHDOG_H
#define KERNEL_WATCHDOG_H

#include <stdbool.h>

/* The Makefile passes APP_TIME_LIMIT_MS; a build without it gets this. */
#ifndef APP_TIME_LIMIT_MS
#define APP_TIME_LIMIT_MS 1000
#endif

/* Sets the timer to interrupt U-mode when the limit has passed from now. */
void watchdog_start(void);

/* True once the limit has passed: the app's time is up. app_run asks after
   each timer interrupt, and write between its chunks (syscall.c): the
   kernel runs with interrupts off, so the timer cannot stop it. */
bool watchdog_expired(void);

/* No more timer interrupts, until the next watchdog_start. */
void watchdog_stop(void);

#endif
