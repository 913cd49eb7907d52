/*
 * KTESTs of kernel/user_memory.c (ktest builds only): user_memory_contains,
 * the check behind every system call argument that points into memory (a
 * range is the app's only if it lies wholly inside its slot), and the
 * copies through it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "ktest.h"
#include "lib/compiler_helpers.h"
#include "linker/linker.h"
#include "paging.h"
#include "settings.h"
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
    KTEST_CHECK(!inside(kernel_base, 16)); /* the kernel */
}

/* address + len past 2^64 comes back as a small number: naively compared,
   these ranges would end inside the slot. */
KTEST(user_memory_wrap_around) {
    KTEST_CHECK(!inside(app.slot + 16, UINT64_MAX));
    KTEST_CHECK(!inside(app.slot + 16, UINT64_MAX - 7));
    KTEST_CHECK(!inside(UINT64_MAX, 2));
    KTEST_CHECK(!inside(UINT64_MAX - 15, app.slot + 32));
}

/* LAB time BEGIN */
/* user_memory_write copies a range that is wholly the app's, and writes
   nothing of one that is not, not even the part inside the slot. The slot
   is open to U-mode only around the writes, so that the checks can read it
   without sstatus.SUM. */
KTEST(user_memory_write_whole_or_nothing) {
    const uint8_t bytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    ktest_fill(SLOT_END - 32, SLOT_END, 0xa5);
    paging_open_slot(app.slot);
    bool inside = user_memory_write(&app, SLOT_END - 32, bytes, 16);
    bool across = user_memory_write(&app, SLOT_END - 8, bytes, 16);
    bool wrapping = user_memory_write(&app, UINT64_MAX - 7, bytes, 16);
    paging_close_slot(app.slot);
    KTEST_CHECK(inside && !across && !wrapping);
    KTEST_CHECK_EQUAL(memcmp((const void *)(SLOT_END - 32), bytes, 16), 0);
    KTEST_CHECK_EQUAL(ktest_first_not(SLOT_END - 16, SLOT_END, 0xa5), SLOT_END);
}
/* LAB time END */
