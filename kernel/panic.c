/*
 * The two ways the kernel ends: shutdown, which kernel_main calls after the
 * batch, and panic, from anywhere the kernel cannot go on. A panic must make
 * QEMU exit non-zero so that scripts notice, and OpenSBI 1.1 ignores the SBI
 * reset reason; so it first stores to the QEMU virt "test" device, which exits
 * QEMU with a chosen status, and falls back to SBI on other machines.
 */
#include "panic.h"

#include <stdarg.h>
#include <stdint.h>

#include "lib/sbi.h"
#include "log.h"
#include "platform.h"

/* What QEMU_TEST_DEVICE takes to exit QEMU with a status. */
#define QEMU_TEST_EXIT_FAILURE 0x3333
#define PANIC_EXIT_STATUS      1

void panic(const char *format, ...) {
    va_list args;
    va_start(args, format);
    kernel_vlog("panic", format, args);
    va_end(args);

    *(volatile uint32_t *)QEMU_TEST_DEVICE =
        (PANIC_EXIT_STATUS << 16) | QEMU_TEST_EXIT_FAILURE;
    lib_sbi_shutdown(true);
}

void shutdown(void) {
    lib_sbi_shutdown(false);
}
