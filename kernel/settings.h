/*
 * The make variables the kernel reads (`make help`): the base it is linked
 * at, the in-place mode's slot, and the time limits. settings.c alone is
 * compiled with them, so that other values compile that one file, not the
 * kernel. (LOG, which decides what code there is at all, is a macro:
 * log.h.)
 */
#ifndef KERNEL_SETTINGS_H
#define KERNEL_SETTINGS_H

#include <stdint.h>

/* KERNEL_BASE: where the kernel is linked and starts, _start. */
extern const uintptr_t kernel_base;

/* The in-place mode's one slot, the 2 MiB after the kernel's first, for
   which the ELF apps are linked (the packer's --in-place-slot). */
extern const uintptr_t app_elf_slot;

/* An app's time limit, APP_TIME_LIMIT_MS, in milliseconds and in ticks of
   the clock. */
extern const uint64_t app_time_limit_ms;
extern const uint64_t app_time_limit_ticks;

/* The slots mode's time slice, TIME_SLICE_MS, in ticks: while other apps
   are ready, an app runs this long at most before the next one gets the
   CPU. */
extern const uint64_t time_slice_ticks;

#endif
