/*
 * KTESTs of user_memory_readable (kernel/user_memory.c), the check behind
 * every system call argument that points into memory (ktest builds only):
 * a range is readable only if it lies wholly inside the app's slot.
 */
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "ktest.h"
#include "linker.h"
#include "user_memory.h"

static const struct app app = {.name = "scratch", .slot = KTEST_SCRATCH_SLOT};
#define SLOT_END (KTEST_SCRATCH_SLOT + APP_SLOT_SIZE)

static uintptr_t readable(uint64_t address, uint64_t len) {
    return (uintptr_t)user_memory_readable(&app, address, len);
}

KTEST(user_memory_exact_slot_bounds) {
    KTEST_CHECK_EQUAL(readable(app.slot, APP_SLOT_SIZE), app.slot);
    KTEST_CHECK_EQUAL(readable(app.slot, 0), app.slot);
    KTEST_CHECK_EQUAL(readable(app.slot, 1), app.slot);
    KTEST_CHECK_EQUAL(readable(SLOT_END - 1, 1), SLOT_END - 1);
    KTEST_CHECK_EQUAL(readable(SLOT_END, 0), SLOT_END);
}

KTEST(user_memory_outside_the_slot) {
    KTEST_CHECK_EQUAL(readable(app.slot - 1, 1), 0);
    KTEST_CHECK_EQUAL(readable(app.slot - 1, 2), 0);
    KTEST_CHECK_EQUAL(readable(app.slot, APP_SLOT_SIZE + 1), 0);
    KTEST_CHECK_EQUAL(readable(SLOT_END - 1, 2), 0);
    KTEST_CHECK_EQUAL(readable(SLOT_END, 1), 0);
    KTEST_CHECK_EQUAL(readable(SLOT_END + 1, 0), 0);
    KTEST_CHECK_EQUAL(readable(0, 1), 0);
    KTEST_CHECK_EQUAL(readable(0x80200000, 16), 0); /* the kernel */
}

/* address + len past 2^64 comes back as a small number: naively compared,
   these ranges would end inside the slot. */
KTEST(user_memory_wrap_around) {
    KTEST_CHECK_EQUAL(readable(app.slot + 16, UINT64_MAX), 0);
    KTEST_CHECK_EQUAL(readable(app.slot + 16, UINT64_MAX - 7), 0);
    KTEST_CHECK_EQUAL(readable(UINT64_MAX, 2), 0);
    KTEST_CHECK_EQUAL(readable(UINT64_MAX - 15, app.slot + 32), 0);
}
