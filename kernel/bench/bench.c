/*
 * The kernel's counts for `make bench`, compiled into the bench build only
 * (BENCH=1). kernel_main counts kernel_layout_zero_bss with BENCH_COUNT
 * (bench.h); bench_entry.S reads instret before kernel_main; bench_report,
 * after the batch, counts one more load of app 0, the ELF loader on the
 * file bench_elf.S packs, and one character of the firmware's console, and
 * prints everything; bench_report_shutdown counts the way from there to
 * the shutdown call.
 */
#include "bench.h"

#include "elf.h"
#include "lib/console.h"
#include "lib/sbi.h"
#include "linker/linker.h"
#include "panic.h"
#include "settings.h"

/* 64 KiB more .bss, so that kernel_layout_zero_bss has enough bytes for a
   count per byte that loop overheads do not blur. */
static uint8_t bench_bss[64 * 1024];

/* Set by bench_entry.S. */
extern uint64_t bench_entry_instret;

uint64_t bench_zero_bss_instructions;

/* The ELF file bench_elf.S packs twice: at a word boundary, where its
   segments lie as aligned as their addresses in the slot, and 3 bytes
   past one, where the copy must shift every word into place. */
extern const uint8_t bench_elf_aligned[], bench_elf_aligned_end[];
extern const uint8_t bench_elf_shifted[], bench_elf_shifted_end[];

/* instret right after the kernel's last line (bench_report's). */
static uint64_t last_line_instret;

/* Loads the file [image, end) with elf_load into the in-place mode's slot,
   zeroed first as batch_run does (not counted), and returns the
   instructions elf_load took: checks and copies, as for any app. */
static uint64_t count_elf_load(const uint8_t *image, const uint8_t *end) {
    linker_zero_range(app_elf_slot, app_elf_slot + APP_SLOT_SIZE);
    uintptr_t entry;
    const char *problem;
    uint64_t instructions;
    BENCH_COUNT(instructions, problem = elf_load(image, (size_t)(end - image),
                                                 app_elf_slot, &entry));
    if (problem != NULL)
        panic("bench: elf_load refused bench_elf.S's file: %s", problem);
    return instructions;
}

/* One character through the firmware's legacy console putchar, as
   lib_console_write sends each byte when the firmware has no Debug
   Console (OpenSBI 1.1): the instructions from the ecall, included, to the
   one after it, all of them but the ecall the firmware's. */
static uint64_t count_firmware_putchar(char c) {
    register uint64_t character __asm__("a0") = (unsigned char)c;
    register uint64_t extension __asm__("a7") =
        LIB_SBI_EXT_LEGACY_CONSOLE_PUTCHAR;
    uint64_t before, after;
    __asm__ volatile("csrr %[before], instret\n"
                     "ecall\n"
                     "csrr %[after], instret\n"
                     : [before] "=&r"(before), [after] "=r"(after),
                       "+r"(character)
                     : "r"(extension)
                     : "a1", "memory");
    return after - before - 1; /* the first csrr */
}

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

    uint64_t elf_aligned_instructions =
        count_elf_load(bench_elf_aligned, bench_elf_aligned_end);
    uint64_t elf_shifted_instructions =
        count_elf_load(bench_elf_shifted, bench_elf_shifted_end);

    /* The character counted goes out in a line of its own. */
    lib_console_printf("[bench] a character through the firmware: ");
    uint64_t putchar_instructions = count_firmware_putchar('.');
    lib_console_printf("\n");

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
    lib_console_printf("[bench] elf_load_aligned_instructions %lu\n",
                       elf_aligned_instructions);
    lib_console_printf("[bench] elf_load_shifted_instructions %lu\n",
                       elf_shifted_instructions);
    lib_console_printf("[bench] firmware_putchar_instructions %lu\n",
                       putchar_instructions);
    last_line_instret = bench_instret();
}

void bench_report_shutdown(void) {
    uint64_t instructions = bench_instret() - last_line_instret;
    lib_console_printf("[bench] shutdown_instructions %lu\n", instructions);
}
