/*
 * A second, minimal kernel built only on copies of linker/ and lib/: it shows
 * that kernel authors can take the two folders into a kernel of their own.
 * tests/cases/embed_kernel.exp builds and runs it with GCC and with LLVM.
 */
#include <stdbool.h>

#include "lib/console.h"
#include "lib/sbi.h"
#include "linker/linker.h"

/* Another entry name and stack size than the batch kernel's, on purpose. */
LINKER_BOOT0(start_here, 8192);

__attribute__((noreturn)) void start_here(void) {
    struct kernel_layout layout = kernel_layout_locate();
    kernel_layout_zero_bss(&layout); /* before console.c reads its static */

    lib_console_printf(
        "[embed] hello from a kernel built on copies of linker/ and lib/\n");
    struct kernel_region_iter regions = kernel_layout_iter(&layout);
    struct kernel_region region;
    while (kernel_region_iter_next(&regions, &region))
        lib_console_printf("[embed] %-7s 0x%lx..0x%lx\n",
                           kernel_region_name(region.title), region.start,
                           region.end);

    lib_console_printf("[embed] press a key\n");
    int key;
    while ((key = lib_console_getchar()) < 0)
        continue; /* nothing typed yet: ask again */
    lib_console_printf("[embed] got '%c'\n", key);
    lib_sbi_shutdown(false);
}
