/*
 * The time limits a build takes from make: APP_TIME_LIMIT_MS and
 * TIME_SLICE_MS (watchdog.h). Only this file is compiled with them, in the
 * build's own folder, so that a build with other limits compiles this file
 * again, not the whole kernel.
 */
#include "watchdog.h"

#include "platform.h"

#if !defined(APP_TIME_LIMIT_MS) || !defined(TIME_SLICE_MS)
#error "the Makefile passes APP_TIME_LIMIT_MS and TIME_SLICE_MS"
#endif

const uint64_t app_time_limit_ms = APP_TIME_LIMIT_MS;
const uint64_t app_time_limit_ticks = APP_TIME_LIMIT_MS * TIMER_TICKS_PER_MS;
const uint64_t time_slice_ticks = TIME_SLICE_MS * TIMER_TICKS_PER_MS;
