/*
 * A kernel of another shape than this repository's, built on copies of
 * linker/ and lib/: it runs in M-mode at 0x80000000 with no firmware (QEMU
 * -bios none), where every hart comes to _start at once; it prints on the
 * UART itself (no SBI below it), keeps a page of code in a section of its
 * own (sections.ld) and a linker set. tests/cases/embed_harts.exp builds and
 * runs it with GCC and with LLVM, on five harts: four run, the fifth parks.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/format.h"
#include "linker/linker.h"
#include "linker/set.h"

#define HARTS      4
#define STACK_SIZE 4096

LINKER_BOOT_HARTS(hart_main, STACK_SIZE, HARTS);

/* QEMU virt's 16550 UART: a byte stored to its transmit register goes out
   once the line status says the register is empty. */
#define UART                0x10000000UL
#define UART_TRANSMIT       0
#define UART_LINE_STATUS    5
#define UART_TRANSMIT_EMPTY (1 << 5)
/* QEMU's test device: this store ends QEMU with status 0. */
#define QEMU_TEST_DEVICE    0x100000UL
#define QEMU_TEST_EXIT_PASS 0x5555

static void uart_write(const char *text, size_t len) {
    volatile uint8_t *uart = (volatile uint8_t *)UART;
    for (size_t i = 0; i < len; i++) {
        while (!(uart[UART_LINE_STATUS] & UART_TRANSMIT_EMPTY))
            continue;
        uart[UART_TRANSMIT] = (uint8_t)text[i];
    }
}

/* In .bss: hart 0 clears it before any other hart may print. */
static atomic_flag printing;

/* One line from one hart at a time. */
static void say(const char *format, ...) {
    while (atomic_flag_test_and_set_explicit(&printing, memory_order_acquire))
        continue;
    va_list args;
    va_start(args, format);
    lib_format_print_buffered(uart_write, format, args);
    va_end(args);
    atomic_flag_clear_explicit(&printing, memory_order_release);
}

/* The other harts wait on this while hart 0 clears .bss, so it must not be
   in .bss: its non-zero start puts it in .data. */
enum boot_stage { BSS_NOT_CLEARED = 1, BOOTED = 2 };
static atomic_int boot_stage = BSS_NOT_CLEARED;
static atomic_int harts_done;

/* The linker set: notes any file may add, printed in order. */
struct note {
    const char *text;
};
LINKER_SET_DECLARE(notes, const struct note);
static const struct note second = {"added first, printed second"};
static const struct note first = {"added second, printed first"};
LINKER_SET_ADD(notes, 2, second);
LINKER_SET_ADD(notes, 1, first);

/* The page of code of its own, as xv6 keeps its trampoline: sections.ld
   puts trampsec on a page of its own after .text. */
extern char trampoline[], trampoline_end[];
__attribute__((section("trampsec"), noinline)) int trampoline_answer(void) {
    return 42;
}

static void print_map(void) {
    struct kernel_layout layout = kernel_layout_locate();
    struct kernel_region_iter regions = kernel_layout_iter(&layout);
    struct kernel_region region;
    while (kernel_region_iter_next(&regions, &region))
        say("[harts] %-11s 0x%lx..0x%lx\n", kernel_region_name(region.title),
            region.start, region.end);
    say("[harts] .trampoline 0x%lx..0x%lx, answers %d\n", (uintptr_t)trampoline,
        (uintptr_t)trampoline_end, trampoline_answer());
    LINKER_SET_FOREACH(notes, note)
        say("[harts] note: %s\n", note->text);
}

__attribute__((noreturn)) void hart_main(unsigned long hart_id) {
    if (hart_id == 0) {
        struct kernel_layout layout = kernel_layout_locate();
        kernel_layout_zero_bss(&layout);
        print_map();
        atomic_store_explicit(&boot_stage, BOOTED, memory_order_release);
    }
    while (atomic_load_explicit(&boot_stage, memory_order_acquire) != BOOTED)
        continue;

    int on_the_stack = 0;
    say("[harts] hart %lu: stack at 0x%lx\n", hart_id,
        (uintptr_t)&on_the_stack);
    atomic_fetch_add(&harts_done, 1);

    if (hart_id == 0) {
        while (atomic_load(&harts_done) != HARTS)
            continue;
        say("[harts] %d harts ran\n", HARTS);
        *(volatile uint32_t *)QEMU_TEST_DEVICE = QEMU_TEST_EXIT_PASS;
    }
    for (;;)
        __asm__ volatile("wfi");
}
