/*
 * KTESTs of the linker library on the real machine (ktest builds only): the
 * regions linker.ld made, clearing ranges, and the app iterator copying into
 * a scratch slot. tests/host/ tests the same C on the host; here it is the
 * RISC-V build, in the kernel the script laid out.
 */
#include <stdbool.h>
#include <stdint.h>

#include "initcall.h"
#include "ktest.h"
#include "lib/compiler_helpers.h"
#include "lib/text.h"
#include "linker/linker.h"
#include "settings.h"

/* Defined by linker.ld. */
extern char __start[], __rodata[], __data[], __sbss[], __ebss[], __boot[],
    __end[];

/* One thing for each region. volatile: the compiler could move a variable
   it sees never written into .rodata. */
static const char constant[] = "in .rodata";
static volatile int initialised = 1;
static volatile int zeroed;

static bool inside(uintptr_t address, uintptr_t start, uintptr_t end) {
    return address >= start && address < end;
}

KTEST(layout_four_regions_in_order) {
    struct kernel_layout layout = kernel_layout_locate();
    struct kernel_region_iter regions = kernel_layout_iter(&layout);
    const uintptr_t bounds[4][2] = {
        {(uintptr_t)__start, (uintptr_t)__rodata},
        {(uintptr_t)__rodata, (uintptr_t)__data},
        {(uintptr_t)__data, (uintptr_t)__ebss},
        {(uintptr_t)__boot, (uintptr_t)__end},
    };
    const char *const names[4] = {".text", ".rodata", ".data", ".boot"};
    uintptr_t previous_end = kernel_base;
    struct kernel_region region;
    for (unsigned i = 0; i < 4; i++) {
        KTEST_CHECK(kernel_region_iter_next(&regions, &region));
        KTEST_CHECK_EQUAL(region.title, i);
        KTEST_CHECK(lib_strcmp(kernel_region_name(region.title), names[i]) ==
                    0);
        KTEST_CHECK_EQUAL(region.start, bounds[i][0]);
        KTEST_CHECK_EQUAL(region.end, bounds[i][1]);
        KTEST_CHECK(region.start < region.end);
        KTEST_CHECK(region.start >= previous_end);
        KTEST_CHECK_EQUAL(region.start % 4096, 0);
        previous_end = region.end;
    }
    KTEST_CHECK(!kernel_region_iter_next(&regions, &region));
    KTEST_CHECK(!kernel_region_iter_next(&regions, &region));
    KTEST_CHECK_EQUAL(layout.text, kernel_base);
    KTEST_CHECK_EQUAL(kernel_layout_len(&layout), layout.end - layout.text);
}

/* Each kind of thing the kernel has lies in the region meant for it. */
KTEST(layout_things_where_they_belong) {
    struct kernel_layout layout = kernel_layout_locate();
    int on_the_stack = 0;
    KTEST_CHECK(inside((uintptr_t)initcalls_run, layout.text, layout.rodata));
    KTEST_CHECK(inside((uintptr_t)constant, layout.rodata, layout.data));
    KTEST_CHECK(inside((uintptr_t)&initialised, layout.data, layout.sbss));
    KTEST_CHECK(inside((uintptr_t)&zeroed, layout.sbss, layout.ebss));
    KTEST_CHECK(inside((uintptr_t)&on_the_stack, layout.boot, layout.end));
}

static uint8_t scratch[64] __attribute__((aligned(8)));

static void poison_scratch(void) {
    ktest_fill((uintptr_t)scratch, (uintptr_t)scratch + sizeof(scratch), 0xa5);
}

/* Exactly [from, to) of the scratch is zero; the rest is still poisoned. */
static void check_scratch_cleared(uintptr_t from, uintptr_t to) {
    uintptr_t start = (uintptr_t)scratch, end = start + sizeof(scratch);
    KTEST_CHECK_EQUAL(ktest_first_not(start, from, 0xa5), from);
    KTEST_CHECK_EQUAL(ktest_first_not(from, to, 0), to);
    KTEST_CHECK_EQUAL(ktest_first_not(to, end, 0xa5), end);
}

/* Every alignment of start and end, and ranges too short for a word. */
KTEST(linker_zero_range_clears_exactly_its_range) {
    uintptr_t start = (uintptr_t)scratch;
    for (uintptr_t from = start; from <= start + 16; from++) {
        for (uintptr_t to = from; to <= start + sizeof(scratch); to++) {
            poison_scratch();
            linker_zero_range(from, to);
            check_scratch_cleared(from, to);
        }
    }
    /* start > end is an empty range, not a wrap-around. */
    poison_scratch();
    linker_zero_range(start + 40, start + 8);
    check_scratch_cleared(start, start);
}

KTEST(layout_zero_bss_clears_sbss_to_ebss) {
    struct kernel_layout fake = kernel_layout_locate();
    fake.sbss = (uintptr_t)scratch + 3;
    fake.ebss = (uintptr_t)scratch + 61;
    poison_scratch();
    kernel_layout_zero_bss(&fake);
    check_scratch_cleared(fake.sbss, fake.ebss);
}

/*
 * The app iterator with a table of our own: two images from `images`,
 * copied to the scratch slots. The table's layout is the packer's: base,
 * step, count, then count + 1 addresses.
 */
struct fake_apps {
    struct app_meta meta;
    uint64_t more[2];
};
_Static_assert(sizeof(struct fake_apps) == 6 * sizeof(uint64_t),
               "the addresses must follow `first` without a gap");

#define BIG_SIZE   100
#define SMALL_SIZE 13
static uint8_t images[BIG_SIZE + SMALL_SIZE];
static const uint8_t *const big = images, *const small = images + BIG_SIZE;

static struct fake_apps fake_apps(uint64_t base, uint64_t step) {
    for (unsigned i = 0; i < sizeof(images); i++)
        images[i] = (uint8_t)(i * 7 + 1); /* a copy from a wrong offset shows */
    return (struct fake_apps){
        .meta = {.base = base,
                 .step = step,
                 .count = 2,
                 .first = (uintptr_t)big},
        .more = {(uintptr_t)small, (uintptr_t)small + SMALL_SIZE},
    };
}

/* Poisons both scratch slots and 64 bytes on either side. */
static void poison_slots(void) {
    ktest_fill(KTEST_SCRATCH_SLOT - 64,
               KTEST_SCRATCH_SLOT + 2 * APP_SLOT_SIZE + 64, 0xa5);
}

/* The 64 bytes on either side of [start, end) are still poisoned. */
static void check_untouched_around(uintptr_t start, uintptr_t end) {
    KTEST_CHECK_EQUAL(ktest_first_not(start - 64, start, 0xa5), start);
    KTEST_CHECK_EQUAL(ktest_first_not(end, end + 64, 0xa5), end + 64);
}

/* The next app is `source` copied to `slot`, and the rest of the slot,
   exactly [slot + size, slot + APP_SLOT_SIZE), is zero. */
static void check_next_copied(struct app_iter *apps, const uint8_t *source,
                              size_t wanted_size, uintptr_t slot) {
    const uint8_t *image;
    size_t size;
    KTEST_CHECK(app_iter_next(apps, &image, &size));
    KTEST_CHECK_EQUAL(image, slot);
    KTEST_CHECK_EQUAL(size, wanted_size);
    KTEST_CHECK(memcmp(image, source, size) == 0);
    KTEST_CHECK_EQUAL(ktest_first_not(slot + size, slot + APP_SLOT_SIZE, 0),
                      slot + APP_SLOT_SIZE);
}

/* Step 0: both apps in one slot; the zero fill after the second clears
   what the bigger first one left. */
KTEST(app_iter_copies_and_zero_fills_one_slot) {
    struct fake_apps table = fake_apps(KTEST_SCRATCH_SLOT, 0);
    struct app_iter apps = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    poison_slots();
    check_next_copied(&apps, big, BIG_SIZE, KTEST_SCRATCH_SLOT);
    check_next_copied(&apps, small, SMALL_SIZE, KTEST_SCRATCH_SLOT);
    KTEST_CHECK(!app_iter_next(&apps, &image, &size));
    check_untouched_around(KTEST_SCRATCH_SLOT,
                           KTEST_SCRATCH_SLOT + APP_SLOT_SIZE);
}

/* Step APP_SLOT_SIZE: each app in its own slot, the first left intact. */
KTEST(app_iter_copies_each_app_to_its_slot) {
    struct fake_apps table = fake_apps(KTEST_SCRATCH_SLOT, APP_SLOT_SIZE);
    struct app_iter apps = app_meta_iter(&table.meta);
    poison_slots();
    check_next_copied(&apps, big, BIG_SIZE, KTEST_SCRATCH_SLOT);
    check_next_copied(&apps, small, SMALL_SIZE,
                      KTEST_SCRATCH_SLOT + APP_SLOT_SIZE);
    KTEST_CHECK(memcmp((const void *)KTEST_SCRATCH_SLOT, big, BIG_SIZE) == 0);
    check_untouched_around(KTEST_SCRATCH_SLOT,
                           KTEST_SCRATCH_SLOT + 2 * APP_SLOT_SIZE);
}

/* Base 0: the images are returned where they lie; nothing is written. */
KTEST(app_iter_in_place_writes_nothing) {
    struct fake_apps table = fake_apps(0, 0);
    struct app_iter apps = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    poison_slots();
    KTEST_CHECK(app_iter_next(&apps, &image, &size));
    KTEST_CHECK(image == big && size == BIG_SIZE);
    KTEST_CHECK(app_iter_next(&apps, &image, &size));
    KTEST_CHECK(image == small && size == SMALL_SIZE);
    KTEST_CHECK(!app_iter_next(&apps, &image, &size));
    KTEST_CHECK_EQUAL(ktest_first_not(KTEST_SCRATCH_SLOT,
                                      KTEST_SCRATCH_SLOT + APP_SLOT_SIZE, 0xa5),
                      KTEST_SCRATCH_SLOT + APP_SLOT_SIZE);
}
