/*
 * Host unit tests of linker/apps.c: app_iter_next hands out the apps of a
 * table in order, copies each to base + i * step and zeroes the rest of its
 * 2 MiB slot without touching a byte outside it, reuses one slot with step 0,
 * returns the images in place with base 0, and stays finished at the end.
 * Host buffers stand in for the slots, poisoned so that every write shows.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "linker/linker.h"

/* The symbol the packed apps define; app_meta_locate must return it. */
const struct app_meta apps = {.base = 0, .step = 0, .count = 0, .first = 0};

/* linker/apps.c calls linker_zero_range in linker/layout.c, which also
   refers to the symbols linker.ld defines: stand-ins, never used here. */
char __start[1], __rodata[1], __data[1], __sbss[1], __ebss[1], __boot[1],
    __end[1];

#define SLOT     APP_SLOT_SIZE
#define SLOTS    3
#define GUARD    4096 /* poisoned bytes before the first and after the last */
#define POISON   0xa5
#define MAX_APPS 4

/* Three slots with a guard on each side, and the images to copy from. */
static uint8_t memory[GUARD + SLOTS * SLOT + GUARD]
    __attribute__((aligned(4096)));
static uint8_t source[SLOT + 16384] __attribute__((aligned(16)));

/* A table as the packer lays it out: base, step, count, then count + 1
   addresses, addr[0] in meta.first and the others right after it. */
struct table {
    struct app_meta meta;
    uint64_t more[MAX_APPS];
};
_Static_assert(offsetof(struct table, more) == sizeof(struct app_meta),
               "addr[1] must follow addr[0]");

static uint8_t *slot_at(size_t index) {
    return memory + GUARD + index * SLOT;
}

/* Fills a table with count images that lie back to back from `images` on,
   as the packer's .incbin lines put them. */
static struct table make_table(uint8_t *base, uint64_t step,
                               const uint8_t *images, size_t count,
                               const size_t *sizes) {
    struct table table = {.meta = {.base = (uintptr_t)base,
                                   .step = step,
                                   .count = count,
                                   .first = (uintptr_t)images}};
    uint64_t address = table.meta.first;
    for (size_t i = 0; i < count; i++) {
        address += sizes[i];
        table.more[i] = address;
    }
    return table;
}

/* Source bytes from a simple generator, never 0 nor POISON, so that a byte
   not copied, or copied from the wrong place, is seen. */
static void fill_source(void) {
    uint32_t state = 12345;
    for (size_t i = 0; i < sizeof(source); i++) {
        state = state * 1103515245 + 12345;
        source[i] = (uint8_t)(1 + (state >> 16) % 0xa4); /* 1 .. 0xa4 */
    }
}

static void poison_memory(void) {
    memset(memory, POISON, sizeof(memory));
}

/* How many bytes of the slot at dst are wrong: [dst, dst + size) must be
   the image and [dst + size, dst + SLOT) zero. */
static size_t wrong_in_slot(const uint8_t *dst, const uint8_t *image,
                            size_t size) {
    return (memcmp(dst, image, size) != 0) +
           count_other(dst + size, dst + SLOT, 0);
}

/* The symbol: app_meta_locate finds `apps`, and an iterator starts at 0. */
static void test_locate(void) {
    CHECK(app_meta_locate() == &apps);
    struct app_iter iter = app_meta_iter(app_meta_locate());
    CHECK(iter.meta == &apps);
    CHECK(iter.index == 0);
    const uint8_t *image;
    size_t size;
    CHECK(!app_iter_next(&iter, &image, &size)); /* apps.count is 0 */
}

/* No apps: false at once and every time, and not a byte written. addr[1]
   is a real address, so an iterator that ignored count would copy an app
   there rather than crash. */
static void test_count_zero(void) {
    poison_memory();
    size_t sizes[] = {100};
    struct table table = make_table(slot_at(0), SLOT, source, 1, sizes);
    table.meta.count = 0;
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(count_other(memory, memory + sizeof(memory), POISON) == 0);
}

static void test_one_app(void) {
    poison_memory();
    size_t sizes[] = {1000};
    struct table table = make_table(slot_at(0), SLOT, source, 1, sizes);
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == slot_at(0));
    CHECK(size == 1000);
    CHECK(wrong_in_slot(slot_at(0), source, 1000) == 0);
    CHECK(count_other(memory, slot_at(0), POISON) == 0);
    CHECK(count_other(slot_at(1), memory + sizeof(memory), POISON) == 0);
    /* Finished, and stays so. */
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(!app_iter_next(&iter, &image, &size));
    /* A new iterator starts over. */
    iter = app_meta_iter(&table.meta);
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == slot_at(0) && size == 1000);
}

/* step = one slot: app i goes to slot i, the others stay as they are. An
   image of a whole slot leaves nothing to zero and nothing past it. */
static void test_slots(void) {
    poison_memory();
    size_t sizes[] = {5000, SLOT, 17};
    size_t offsets[] = {0, 5000, 5000 + SLOT};
    struct table table = make_table(slot_at(0), SLOT, source, 3, sizes);
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    for (size_t i = 0; i < 3; i++) {
        CHECK(app_iter_next(&iter, &image, &size));
        CHECK(image == slot_at(i));
        CHECK(size == sizes[i]);
        /* Slots 0..i hold their apps, the later ones are untouched. */
        for (size_t done = 0; done <= i; done++)
            CHECK(wrong_in_slot(slot_at(done), source + offsets[done],
                                sizes[done]) == 0);
        CHECK(count_other(slot_at(i + 1), slot_at(SLOTS), POISON) == 0);
        CHECK(count_other(memory, slot_at(0), POISON) == 0);
        CHECK(count_other(slot_at(SLOTS), memory + sizeof(memory), POISON) ==
              0);
    }
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(!app_iter_next(&iter, &image, &size));
}

/* step 0: every app lands in the one slot, and the zero fill removes what
   a longer app before it left there. */
static void test_step_zero(void) {
    poison_memory();
    size_t sizes[] = {9000, 100, 3000};
    size_t offsets[] = {0, 9000, 9100};
    struct table table = make_table(slot_at(0), 0, source, 3, sizes);
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    for (size_t i = 0; i < 3; i++) {
        CHECK(app_iter_next(&iter, &image, &size));
        CHECK(image == slot_at(0));
        CHECK(size == sizes[i]);
        CHECK(wrong_in_slot(slot_at(0), source + offsets[i], sizes[i]) == 0);
        CHECK(count_other(memory, slot_at(0), POISON) == 0);
        CHECK(count_other(slot_at(1), memory + sizeof(memory), POISON) == 0);
    }
    CHECK(!app_iter_next(&iter, &image, &size));
}

/* base 0: each image is returned where it lies, and nothing is written,
   neither a copy nor a zero fill after the image. The images lie in the
   poisoned memory here, so that any write shows. */
static void test_in_place(void) {
    poison_memory();
    uint8_t *images = slot_at(1) + 5;
    memcpy(images, source, 341);
    size_t sizes[] = {300, 41};
    struct table table = make_table(NULL, SLOT, images, 2, sizes);
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == images);
    CHECK(size == 300);
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == images + 300);
    CHECK(size == 41);
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(!app_iter_next(&iter, &image, &size));
    CHECK(count_other(memory, images, POISON) == 0);
    CHECK(memcmp(images, source, 341) == 0);
    CHECK(count_other(images + 341, memory + sizeof(memory), POISON) == 0);
}

/* An empty app: size 0 and a slot of zeros; in place, size 0 where it is. */
static void test_empty_app(void) {
    poison_memory();
    size_t sizes[] = {0, 50, 0};
    struct table table = make_table(slot_at(0), SLOT, source, 3, sizes);
    struct app_iter iter = app_meta_iter(&table.meta);
    const uint8_t *image;
    size_t size;
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == slot_at(0));
    CHECK(size == 0);
    CHECK(count_other(slot_at(0), slot_at(1), 0) == 0);
    CHECK(count_other(slot_at(1), memory + sizeof(memory), POISON) == 0);
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == slot_at(1));
    CHECK(size == 50);
    CHECK(wrong_in_slot(slot_at(1), source, 50) == 0);
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == slot_at(2));
    CHECK(size == 0);
    CHECK(count_other(slot_at(2), slot_at(3), 0) == 0);
    CHECK(count_other(memory, slot_at(0), POISON) == 0);
    CHECK(count_other(slot_at(SLOTS), memory + sizeof(memory), POISON) == 0);
    CHECK(!app_iter_next(&iter, &image, &size));

    size_t empty[] = {0};
    table = make_table(NULL, 0, source + 7, 1, empty);
    iter = app_meta_iter(&table.meta);
    CHECK(app_iter_next(&iter, &image, &size));
    CHECK(image == source + 7);
    CHECK(size == 0);
    CHECK(!app_iter_next(&iter, &image, &size));
}

/* Images at every source alignment, copied to destinations at several: the
   packer puts images at any byte offset, and the copy must not care. */
static void test_unaligned(void) {
    static const size_t dst_offsets[] = {0, 1, 4, 7};
    static const size_t image_sizes[] = {1001, 8, 7};
    for (size_t src = 0; src <= 8; src++) {
        for (size_t d = 0; d < sizeof(dst_offsets) / sizeof(size_t); d++) {
            for (size_t s = 0; s < sizeof(image_sizes) / sizeof(size_t); s++) {
                poison_memory();
                uint8_t *dst = slot_at(0) + dst_offsets[d];
                size_t sizes[] = {image_sizes[s]};
                struct table table =
                    make_table(dst, SLOT, source + src, 1, sizes);
                struct app_iter iter = app_meta_iter(&table.meta);
                const uint8_t *image;
                size_t size;
                CHECK(app_iter_next(&iter, &image, &size));
                CHECK(image == dst);
                CHECK(size == sizes[0]);
                CHECK(wrong_in_slot(dst, source + src, sizes[0]) == 0);
                CHECK(count_other(memory, dst, POISON) == 0);
                CHECK(count_other(dst + SLOT, memory + sizeof(memory),
                                  POISON) == 0);
                CHECK(!app_iter_next(&iter, &image, &size));
            }
        }
    }
}

int main(void) {
    fill_source();
    test_locate();
    test_count_zero();
    test_one_app();
    test_slots();
    test_step_zero();
    test_in_place();
    test_empty_app();
    test_unaligned();
    return check_report("test_apps");
}
