/*
 * Host unit tests of linker/layout.c: kernel_layout_locate reads each
 * symbol into its own field, the region iterator gives the four regions in
 * order with the spec's bounds, and linker_zero_range / zero_bss clear
 * exactly their range for every alignment of its start and end.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "linker/linker.h"

/* Stand-ins for the symbols linker.ld defines, at addresses we can compare. */
char __start[1], __rodata[1], __data[1], __sbss[1], __ebss[1], __boot[1],
    __end[1];

static void test_locate(void) {
    struct kernel_layout layout = kernel_layout_locate();
    CHECK(layout.text == (uintptr_t)__start);
    CHECK(layout.rodata == (uintptr_t)__rodata);
    CHECK(layout.data == (uintptr_t)__data);
    CHECK(layout.sbss == (uintptr_t)__sbss);
    CHECK(layout.ebss == (uintptr_t)__ebss);
    CHECK(layout.boot == (uintptr_t)__boot);
    CHECK(layout.end == (uintptr_t)__end);
}

static const struct kernel_layout example = {
    .text = 0x80200000,
    .rodata = 0x80203000,
    .data = 0x80204000,
    .sbss = 0x80204010,
    .ebss = 0x80205010,
    .boot = 0x80206000,
    .end = 0x8020a000,
};

static void test_start_end_len(void) {
    CHECK(kernel_layout_start(&example) == 0x80200000);
    CHECK(kernel_layout_end(&example) == 0x8020a000);
    CHECK(kernel_layout_len(&example) == 0xa000);
}

static void test_regions(void) {
    static const struct kernel_region wanted[] = {
        {KERNEL_REGION_TEXT, 0x80200000, 0x80203000},
        {KERNEL_REGION_RODATA, 0x80203000, 0x80204000},
        {KERNEL_REGION_DATA, 0x80204000, 0x80205010}, /* .data + .bss */
        {KERNEL_REGION_BOOT, 0x80206000, 0x8020a000},
    };
    struct kernel_region_iter iter = kernel_layout_iter(&example);
    struct kernel_region region;
    for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
        CHECK(kernel_region_iter_next(&iter, &region));
        CHECK(region.title == wanted[i].title);
        CHECK(region.start == wanted[i].start);
        CHECK(region.end == wanted[i].end);
    }
    /* Exactly four, and it stays finished. */
    CHECK(!kernel_region_iter_next(&iter, &region));
    CHECK(!kernel_region_iter_next(&iter, &region));

    CHECK(strcmp(kernel_region_name(KERNEL_REGION_TEXT), ".text") == 0);
    CHECK(strcmp(kernel_region_name(KERNEL_REGION_RODATA), ".rodata") == 0);
    CHECK(strcmp(kernel_region_name(KERNEL_REGION_DATA), ".data") == 0);
    CHECK(strcmp(kernel_region_name(KERNEL_REGION_BOOT), ".boot") == 0);
    CHECK(strcmp(kernel_region_name((enum kernel_region_title)7), "?") == 0);
}

/* Every start offset 0..15 and length 0..300 inside a poisoned buffer:
   [start, end) must become zero and every byte around it keep its poison. */
static void test_zero_every_alignment(void) {
    static uint8_t buffer[512] __attribute__((aligned(16)));
    for (size_t head = 0; head < 16; head++) {
        for (size_t len = 0; len <= 300; len++) {
            memset(buffer, 0xa5, sizeof(buffer));
            uintptr_t start = (uintptr_t)buffer + 64 + head;
            struct kernel_layout layout = {.sbss = start, .ebss = start + len};
            kernel_layout_zero_bss(&layout);
            size_t wrong = 0;
            for (size_t i = 0; i < sizeof(buffer); i++) {
                uintptr_t at = (uintptr_t)buffer + i;
                uint8_t expected = (at >= start && at < start + len) ? 0 : 0xa5;
                wrong += buffer[i] != expected;
            }
            CHECK(wrong == 0);
        }
    }
}

/* An empty or reversed range writes nothing. */
static void test_zero_empty_range(void) {
    uint8_t buffer[32];
    memset(buffer, 0x5a, sizeof(buffer));
    linker_zero_range((uintptr_t)buffer + 8, (uintptr_t)buffer + 8);
    linker_zero_range((uintptr_t)buffer + 16, (uintptr_t)buffer + 8);
    for (size_t i = 0; i < sizeof(buffer); i++)
        CHECK(buffer[i] == 0x5a);
}

int main(void) {
    test_locate();
    test_start_end_len();
    test_regions();
    test_zero_every_alignment();
    test_zero_empty_range();
    return check_report("test_layout");
}
