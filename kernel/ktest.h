/*
 * In-kernel tests: KTEST(name) { ... } in any kernel file. `make ktest`
 * builds the kernel with -DKTEST_ENABLED: it runs every KTEST at boot (ktest.c)
 * and reports TAP on the console. In any other build a KTEST compiles to
 * nothing.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdint.h>

#ifdef KTEST_ENABLED
#include "linker/set.h"

struct ktest {
    const char *name;
    void (*run)(void);
};

LINKER_SET_DECLARE(ktests, const struct ktest);

/* The entry's name ends with the test's, so that the set's order (by name)
   is the order of the tests' names. */
#define KTEST(name)                                                            \
    static void ktest_##name(void);                                            \
    static const struct ktest ktest_entry_##name = {#name, ktest_##name};      \
    LINKER_SET_ADD(ktests, 0, ktest_entry_##name);                             \
    static void ktest_##name(void)
#else
/* Compiled, so that it cannot rot, then dropped: nothing calls it. */
#define KTEST(name) __attribute__((unused)) static void ktest_##name(void)
#endif

/*
 * Inside a KTEST body: fail the test with a printf-style message and return
 * from it. TAP gets "not ok N - name # file:line: message"; only the first
 * failure of a test is reported.
 */
#define KTEST_FAIL(...)                                                        \
    do {                                                                       \
        ktest_fail(__FILE__, __LINE__, __VA_ARGS__);                           \
        return;                                                                \
    } while (0)

#define KTEST_CHECK(condition)                                                 \
    do {                                                                       \
        if (!(condition))                                                      \
            KTEST_FAIL("%s", #condition);                                      \
    } while (0)

/* For integers and pointers: the message shows both values. */
#define KTEST_CHECK_EQUAL(actual, wanted)                                      \
    do {                                                                       \
        unsigned long actual_ = (unsigned long)(actual);                       \
        unsigned long wanted_ = (unsigned long)(wanted);                       \
        if (actual_ != wanted_)                                                \
            KTEST_FAIL("%s is 0x%lx, not 0x%lx", #actual, actual_, wanted_);   \
    } while (0)

void ktest_fail(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Scratch memory for tests that write where an app or a loader would: two
 * 2 MiB slots of RAM that nothing else uses. QEMU virt has 128 MiB from
 * 0x80000000: OpenSBI and the kernel in the first 64 MiB (the Makefile keeps
 * KERNEL_BASE there), apps after the kernel,
 * the device tree at 0x82200000 (fw_jump's copy) or 0x87e00000 (QEMU's).
 */
#define KTEST_SCRATCH_SLOT 0x87000000UL

/* Sets every byte of [start, end) to `byte`. */
void ktest_fill(uintptr_t start, uintptr_t end, uint8_t byte);

/* The first address in [start, end) whose byte is not `byte`, or end. */
uintptr_t ktest_first_not(uintptr_t start, uintptr_t end, uint8_t byte);

#endif
