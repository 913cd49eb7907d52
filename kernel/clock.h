/*
 * The machine's clock: the `time` CSR counts TIMER_TICKS_PER_MS ticks a
 * millisecond from power-on (platform.h). The watchdog, get_time and
 * task_info read it here.
 */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <stdint.h>

#include "platform.h"

static inline uint64_t clock_ticks(void) {
    uint64_t ticks;
    __asm__ volatile("rdtime %0" : "=r"(ticks));
    return ticks;
}

#endif
