/*
 * KTESTs of user_memory_contains (kernel/user_memory.c), the check behind
 * every system call argument that points into memory (ktest builds only):
 * a range is the app's only if it lies wholly inside its slot.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "ktest.h"
#include "linker/linker.h"
#include "user_memory.h"

static const struct app app = {.name = "scratch", .slot = KTEST_SCRATCH_SLOT};
#define SLOT_END (KTEST_SCRATCH_SLOT + APP_SLOT_SIZE)

static bool inside(uint64_t address, uint64_t len) {
    return user_memory_contains(&app, address, len);
}

KTEST(user_memory_exact_slot_bounds) {
    KTEST_CHECK(inside(app.slot, APP_SLOT_SIZE));
    KTEST_CHECK(inside(app.slot, 0));
    KTEST_CHECK(inside(app.slot, 1));
    KTEST_CHECK(inside(SLOT_END - 1, 1));
    KTEST_CHECK(inside(SLOT_END, 0));
}

KTEST(user_memory_outside_the_slot) {
    KTEST_CHECK(!inside(app.slot - 1, 1));
    KTEST_CHECK(!inside(app.slot - 1, 2));
    KTEST_CHECK(!inside(app.slot, APP_SLOT_SIZE + 1));
    KTEST_CHECK(!inside(SLOT_END - 1, 2));
    KTEST_CHECK(!inside(SLOT_END, 1));
    KTEST_CHECK(!inside(SLOT_END + 1, 0));
    KTEST_CHECK(!inside(0, 1));
    KTEST_CHECK(!inside(KERNEL_BASE, 16)); /* the kernel */
}

/* address + len past 2^64 comes back as a small number: naively compared,
   these ranges would end inside the slot. */
KTEST(user_memory_wrap_around) {
    KTEST_CHECK(!inside(app.slot + 16, UINT64_MAX));
    KTEST_CHECK(!inside(app.slot + 16, UINT64_MAX - 7));
    KTEST_CHECK(!inside(UINT64_MAX, 2));
    KTEST_CHECK(!inside(UINT64_MAX - 15, app.slot + 32));
}
