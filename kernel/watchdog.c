/*
 * The time limit of an app, on the SBI timer: app.c starts it before the
 * app's first instruction and stops it when the app ends. S-mode runs with
 * interrupts off (sstatus.SIE stays 0), so the timer interrupt is taken only
 * while the app runs: in U-mode an enabled S-level interrupt always traps.
 */
#include "watchdog.h"

#include <stdint.h>

#include "clock.h"
#include "lib/sbi.h"

/* sie.STIE: the supervisor timer interrupt is enabled. */
#define SIE_STIE (1UL << 5)

static uint64_t deadline;

void watchdog_start(void) {
    deadline = clock_ticks() + (uint64_t)APP_TIME_LIMIT_MS * TIMER_TICKS_PER_MS;
    lib_sbi_set_timer(deadline);
    __asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE));
}

bool watchdog_expired(void) {
    return clock_ticks() >= deadline;
}

void watchdog_stop(void) {
    __asm__ volatile("csrc sie, %0" : : "r"(SIE_STIE));
    /* Setting the timer again also clears an interrupt already pending. */
    lib_sbi_set_timer(UINT64_MAX);
}
