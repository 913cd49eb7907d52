/*
 * The time of the app that runs, on the SBI timer: app.c starts the
 * watchdog whenever the app gets the CPU and stops it whenever the app
 * leaves it. S-mode runs with interrupts off (sstatus.SIE stays 0), so the
 * timer interrupt is taken only while an app runs: in U-mode an enabled
 * S-level interrupt always traps.
 */
#include "watchdog.h"

#include "clock.h"
#include "lib/sbi.h"
#include "settings.h"

/* sie.STIE: the supervisor timer interrupt is enabled. */
#define SIE_STIE (1UL << 5)

static uint64_t deadline; /* when the running app's time is up */

/* LAB yield BEGIN */
static uint64_t started;      /* when it got the CPU */
static uint64_t slice_end;    /* when its slice ends; UINT64_MAX: it has none */
static uint64_t timer_set_to; /* when the SBI timer interrupts U-mode */

/* Makes the timer interrupt at `when`, or before. Setting it is a call into
   the firmware, more than the rest of a switch between apps costs (make
   bench): a timer that interrupts before `when` anyway is left as it is,
   and that early interrupt sets it again (watchdog_goes_on). One that has
   gone off already is set, or it would interrupt at once. */
static void timer_interrupt_by(uint64_t when) {
    if (timer_set_to > when || timer_set_to <= clock_ticks()) {
        timer_set_to = when;
        lib_sbi_set_timer(when);
    }
}

static uint64_t earlier(uint64_t a, uint64_t b) {
    return a < b ? a : b;
}
/* LAB yield END */

/* LAB yield BEGIN: void watchdog_start(void) { */
/* LAB yield STUB:     deadline = clock_ticks() + app_time_limit_ticks; */
/* LAB yield STUB:     lib_sbi_set_timer(deadline); */
/* LAB yield STUB:     __asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE)); */
/* LAB yield STUB: } */
void watchdog_start(uint64_t ticks_run, bool slice) {
    started = clock_ticks();
    /* An app may have run a little past its limit before the kernel took
       the CPU back: its time is then up at once. */
    uint64_t left =
        ticks_run < app_time_limit_ticks ? app_time_limit_ticks - ticks_run : 0;
    deadline = started + left;
    slice_end = slice ? started + time_slice_ticks : UINT64_MAX;
    __asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE));
    timer_interrupt_by(earlier(deadline, slice_end));
}
/* LAB yield END */

bool watchdog_expired(void) {
    return clock_ticks() >= deadline;
}

bool watchdog_goes_on(void) {
    /* LAB yield BEGIN: return !watchdog_expired(); */
    uint64_t now = clock_ticks();
    if (now >= deadline || now >= slice_end)
        return false;
    timer_interrupt_by(earlier(deadline, slice_end));
    return true;
    /* LAB yield END */
}

// LAB yield BEGIN: void watchdog_stop(void) {
// LAB yield STUB:     __asm__ volatile("csrc sie, %0" : : "r"(SIE_STIE));
// LAB yield STUB:     /* Setting the timer again also clears an interrupt already
// LAB yield STUB:        pending. */
// LAB yield STUB:     lib_sbi_set_timer(UINT64_MAX);
// LAB yield STUB: }
uint64_t watchdog_stop(void) {
    return clock_ticks() - started;
}
// LAB yield END
