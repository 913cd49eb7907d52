/*
 * The kernel's first C code. OpenSBI jumps to _start at KERNEL_BASE in S-mode;
 * _start (made by LINKER_BOOT0 below) sets up the boot stack and calls
 * kernel_main, which clears BSS, runs the init calls (initcall.h), prints
 * the memory map, runs the batch of apps (batch.c) and shuts down.
 */
#include <stdint.h>

#include "batch.h"
#include "bench.h"
#include "initcall.h"
#include "linker/linker.h"
#include "log.h"
#include "panic.h"

#define BOOT_STACK_SIZE (16 * 1024)

#ifdef BENCH
/* make bench: _start goes to bench_entry (bench_entry.S), which reads the
   instruction counter before it goes on to kernel_main. */
LINKER_BOOT0(bench_entry, BOOT_STACK_SIZE);
#else
LINKER_BOOT0(kernel_main, BOOT_STACK_SIZE);
#endif

/* One line per region, from the library's iterator: name, start..end. */
static void print_memory_map(const struct kernel_layout *layout) {
    struct kernel_region_iter regions = kernel_layout_iter(layout);
    struct kernel_region region;
    while (kernel_region_iter_next(&regions, &region))
        kernel_say("%-7s 0x%lx..0x%lx", kernel_region_name(region.title),
                   region.start, region.end);
}

/* hart_id comes from OpenSBI in a0, passed on untouched by _start. */
__attribute__((noreturn)) void kernel_main(unsigned long hart_id) {
    struct kernel_layout layout = kernel_layout_locate();
    /* First of all: statics in .bss hold whatever RAM held until now. */
    BENCH_COUNT(bench_zero_bss_instructions, kernel_layout_zero_bss(&layout));

    /* The start-up steps, each registered from its own file with INITCALL:
       traps first, so that a trap in the kernel panics with its cause. */
    initcalls_run();

    kernel_say("batch kernel booting on hart %lu", hart_id);
    print_memory_map(&layout);
    batch_run();
    bench_report();
    initcalls_exit();
    bench_report_shutdown();
    shutdown();
}
