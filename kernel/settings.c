/*
 * The values of the make variables the kernel reads (settings.h). Only this
 * file is compiled with them (-DKERNEL_BASE=...), once for each set of
 * values: a build with other values compiles it, and links.
 */
#include "settings.h"

#include "platform.h"

#if !defined(KERNEL_BASE) || !defined(APP_ELF_SLOT) ||                         \
    !defined(APP_TIME_LIMIT_MS) || !defined(TIME_SLICE_MS)
#error "the Makefile passes every variable settings.h names"
#endif

const uintptr_t kernel_base = KERNEL_BASE;
const uintptr_t app_elf_slot = APP_ELF_SLOT;
const uint64_t app_time_limit_ms = APP_TIME_LIMIT_MS;
const uint64_t app_time_limit_ticks = APP_TIME_LIMIT_MS * TIMER_TICKS_PER_MS;
const uint64_t time_slice_ticks = TIME_SLICE_MS * TIMER_TICKS_PER_MS;
