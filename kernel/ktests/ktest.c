/*
 * The KTEST runner, in `make ktest` kernels only: the last init call runs
 * every KTEST in the set's order and reports TAP on the console. If any
 * failed it panics, so that QEMU exits non-zero.
 */
#include "ktest.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "initcall.h"
#include "lib/console.h"
#include "panic.h"

static const struct ktest *current;
static unsigned current_number;
static bool current_failed;

void ktest_fail(const char *file, int line, const char *format, ...) {
    /* TAP has one line per test: a helper may fail again after the test's
       first failure, since its KTEST_FAIL returns only from the helper. */
    if (current_failed)
        return;
    current_failed = true;
    va_list args;
    va_start(args, format);
    lib_console_printf("not ok %u - %s # %s:%d: ", current_number,
                       current->name, file, line);
    lib_console_vprintf(format, args);
    lib_console_write("\n", 1);
    va_end(args);
}

void ktest_fill(uintptr_t start, uintptr_t end, uint8_t byte) {
    for (uintptr_t address = start; address < end; address++)
        *(volatile uint8_t *)address = byte;
}

uintptr_t ktest_first_not(uintptr_t start, uintptr_t end, uint8_t byte) {
    uintptr_t address = start;
    while (address < end && *(volatile const uint8_t *)address == byte)
        address++;
    return address;
}

static void ktest_run_all(void) {
    size_t count = LINKER_SET_COUNT(ktests);
    unsigned failed = 0;
    lib_console_printf("1..%zu\n", count);
    LINKER_SET_FOREACH(ktests, test) {
        current = test;
        current_number++;
        current_failed = false;
        test->run();
        if (current_failed)
            failed++;
        else
            lib_console_printf("ok %u - %s\n", current_number, test->name);
    }
    if (failed > 0)
        panic("%u of %zu KTESTs failed", failed, count);
}

INITCALL(9, ktests, ktest_run_all, NULL);
