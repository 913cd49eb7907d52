/*
 * The kernel's counts for `make bench`, compiled into the bench build only
 * (BENCH=1). kernel_main counts kernel_layout_zero_bss with BENCH_COUNT
 * (bench.h); bench_entry.S reads instret before kernel_main; bench_report,
 * after the batch, counts one more load of app 0 and prints everything.
 */
#include "bench.h"

#include "lib/console.h"
#include "linker/linker.h"

/* 64 KiB more .bss, so that kernel_layout_zero_bss has enough bytes for a
   count per byte that loop overheads do not blur. */
static uint8_t bench_bss[64 * 1024];

/* Set by bench_entry.S. */
extern uint64_t bench_entry_instret;

uint64_t bench_zero_bss_instructions;

void bench_report(void) {
    /* No code needs bench_bss. A store keeps it: GCC would put an array
       nobody writes in .rodata, and --gc-sections drops one nobody uses. */
    *(volatile uint8_t *)bench_bss = 0;

    /* Load app 0 again, as batch_run did first: the same copy and the same
       zero fill of its slot, counted. */
    struct app_iter apps = app_meta_iter(app_meta_locate());
    const uint8_t *image;
    size_t size;
    uint64_t load_instructions;
    BENCH_COUNT(load_instructions, app_iter_next(&apps, &image, &size));

    struct kernel_layout layout = kernel_layout_locate();
    lib_console_printf("[bench] kernel_entry_instret %lu\n",
                       bench_entry_instret);
    lib_console_printf("[bench] zero_bss_instructions %lu\n",
                       bench_zero_bss_instructions);
    lib_console_printf("[bench] zero_bss_bytes %lu\n",
                       layout.ebss - layout.sbss);
    lib_console_printf("[bench] app_load_instructions %lu\n",
                       load_instructions);
    lib_console_printf("[bench] app_load_bytes %lu\n", APP_SLOT_SIZE);
    lib_console_printf("[bench] app_image_bytes %zu\n", size);
}
