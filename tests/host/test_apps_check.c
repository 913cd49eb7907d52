/*
 * Host unit tests of linker/apps_check.c: linker_apps_check passes a good
 * table in each mode, and for each thing that can be wrong with a table or
 * a layout names the right app and says the right line, the first problem
 * first, with no sum wrapping around. The table lies in a host buffer that
 * stands in for the kernel image; its images are addresses only, never
 * read.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "linker/linker.h"

#define SLOT     0x200000ULL
#define RAM      0x80000000ULL
#define RAM_END  0x88000000ULL
#define FIRMWARE 0x80200000ULL /* the firmware's end, the kernel's start */
#define KERNEL   0x80300000ULL /* the kernel's end */

/* The "kernel image": the table at its start, then room for the images'
   addresses to point into. */
static uint64_t image[64];
#define IMAGE_START ((uint64_t)(uintptr_t)image)
#define IMAGE_END   ((uint64_t)(uintptr_t)(image + 64))

static const struct linker_range reserved[] = {
    {"the firmware", RAM, FIRMWARE},
    {"the kernel", FIRMWARE, KERNEL},
};

static struct linker_apps_limits limits(void) {
    return (struct linker_apps_limits){
        .slot_size = SLOT,
        .ram = {"RAM", RAM, RAM_END},
        .images = {"the kernel image", IMAGE_START, IMAGE_END},
        .reserved = reserved,
        .reserved_count = 2,
        .in_place_slot = 0x80400000,
    };
}

/* Writes a table at the start of `image`: count apps of the given sizes,
   back to back right after the table's addresses. */
static struct app_meta *table(uint64_t base, uint64_t step, uint64_t count,
                              const uint64_t *sizes) {
    memset(image, 0, sizeof(image));
    struct app_meta *meta = (struct app_meta *)image;
    meta->base = base;
    meta->step = step;
    meta->count = count;
    uint64_t *addresses = &meta->first;
    addresses[0] = (uintptr_t)(addresses + count + 1);
    for (uint64_t i = 0; i < count; i++)
        addresses[i + 1] = addresses[i] + sizes[i];
    return meta;
}

static const uint64_t small[] = {16, 24, 8, 0};

/* The check's verdict: true, or false with exactly this app and line. */
static bool refuses(const struct app_meta *meta,
                    const struct linker_apps_limits *given, uint64_t app,
                    const char *message) {
    struct linker_apps_problem problem;
    memset(&problem, 0x55, sizeof(problem));
    if (linker_apps_check(meta, given, &problem))
        return false;
    if (problem.app != app || strcmp(problem.message, message) != 0) {
        fprintf(stderr, "got app %llu: '%s'\n", (unsigned long long)problem.app,
                problem.message);
        return false;
    }
    return true;
}

static bool passes(const struct app_meta *meta,
                   const struct linker_apps_limits *given) {
    struct linker_apps_problem problem;
    if (linker_apps_check(meta, given, &problem))
        return true;
    fprintf(stderr, "refused: '%s'\n", problem.message);
    return false;
}

static void test_good_tables(void) {
    struct linker_apps_limits given = limits();
    CHECK(passes(table(0x80400000, 0, 4, small), &given));    /* batch */
    CHECK(passes(table(0x80400000, SLOT, 4, small), &given)); /* slots */
    CHECK(passes(table(0, 0, 4, small), &given));             /* in place */
    CHECK(passes(table(0x80400000, 0, 0, small), &given));    /* no apps */
    CHECK(passes(table(0x87e00000, 0, 1, small), &given)); /* the last slot */
    /* A full slot, in a kernel image large enough to hold it. */
    uint64_t whole[] = {SLOT};
    given.images.end = IMAGE_START + 2 * SLOT;
    CHECK(passes(table(0x80400000, 0, 1, whole), &given));
}

static void test_table(void) {
    struct linker_apps_limits given = limits();
    /* 64 quads hold the header and 61 addresses: 60 apps, no more. */
    struct app_meta *meta = table(0x80400000, 0, 4, small);
    meta->count = 61;
    CHECK(refuses(meta, &given, LINKER_APPS_WHOLE_TABLE,
                  "count 61 is more than the kernel image can hold"));
    meta->count = UINT64_MAX;
    CHECK(refuses(meta, &given, LINKER_APPS_WHOLE_TABLE,
                  "count 18446744073709551615 is more than the kernel image "
                  "can hold"));
    CHECK(refuses(table(0x80401000, 0, 4, small), &given,
                  LINKER_APPS_WHOLE_TABLE,
                  "base 0x80401000 and step 0x0 must be multiples of the "
                  "slot size, 0x200000"));
    CHECK(refuses(table(0x80400000, 0x300000, 4, small), &given,
                  LINKER_APPS_WHOLE_TABLE,
                  "base 0x80400000 and step 0x300000 must be multiples of "
                  "the slot size, 0x200000"));
    CHECK(refuses(table(0x80400000, 0x8000000 + SLOT, 4, small), &given,
                  LINKER_APPS_WHOLE_TABLE,
                  "step 0x8200000 is larger than RAM, 0x80000000..0x88000000"));
    given.slot_size = 0;
    CHECK(refuses(table(0x80400000, 0, 4, small), &given,
                  LINKER_APPS_WHOLE_TABLE, "the slot size is 0"));
}

static void test_images(void) {
    struct linker_apps_limits given = limits();
    struct app_meta *meta = table(0x80400000, SLOT, 4, small);
    uint64_t *addresses = &meta->first;
    uint64_t saved = addresses[2];
    addresses[2] = addresses[1] - 1; /* app 1 ends before it starts */
    char wanted[200];
    snprintf(
        wanted, sizeof(wanted), "app 1 ends before it starts: 0x%llx..0x%llx",
        (unsigned long long)addresses[1], (unsigned long long)addresses[2]);
    CHECK(refuses(meta, &given, 1, wanted));
    addresses[2] = saved;

    uint64_t big[] = {16, SLOT + 1};
    CHECK(refuses(table(0x80400000, SLOT, 2, big), &given, 1,
                  "app 1 is 2097153 bytes, more than a slot (2097152)"));

    /* An image outside the kernel image, past its end. */
    meta = table(0x80400000, 0, 2, small);
    addresses = &meta->first;
    addresses[2] = IMAGE_END + 8;
    snprintf(wanted, sizeof(wanted),
             "app 1, 0x%llx..0x%llx, is not inside the kernel image, "
             "0x%llx..0x%llx",
             (unsigned long long)addresses[1],
             (unsigned long long)IMAGE_END + 8, (unsigned long long)IMAGE_START,
             (unsigned long long)IMAGE_END);
    CHECK(refuses(meta, &given, 1, wanted));
}

static void test_slots(void) {
    struct linker_apps_limits given = limits();
    CHECK(refuses(table(0x88000000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0x88000000..0x88200000, is outside "
                  "RAM, 0x80000000..0x88000000"));
    CHECK(refuses(table(0x10000000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0x10000000..0x10200000, is outside "
                  "RAM, 0x80000000..0x88000000"));
    /* App 1 of the slots mode leaves RAM, app 0 does not. */
    CHECK(refuses(table(0x87e00000, SLOT, 2, small), &given, 1,
                  "the slot of app 1, 0x88000000..0x88200000, is outside "
                  "RAM, 0x80000000..0x88000000"));
    CHECK(refuses(table(0x80000000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0x80000000..0x80200000, is over the "
                  "firmware, 0x80000000..0x80200000"));
    CHECK(refuses(table(0x80200000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0x80200000..0x80400000, is over the "
                  "kernel, 0x80200000..0x80300000"));
    /* A slot that begins below a reserved range and reaches into it. */
    given.slot_size = 0x20000;
    static const struct linker_range inside[] = {
        {"a hole", 0x80410000, 0x80410001}};
    given.reserved = inside;
    given.reserved_count = 1;
    CHECK(refuses(table(0x80400000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0x80400000..0x80420000, is over a "
                  "hole, 0x80410000..0x80410001"));
    CHECK(passes(table(0x80420000, 0, 1, small), &given));
    CHECK(passes(table(0x803e0000, 0, 1, small), &given));
}

/* The in-place mode checks the one slot every ELF file is loaded into,
   when there is one. */
static void test_in_place(void) {
    struct linker_apps_limits given = limits();
    given.in_place_slot = 0x80200000;
    CHECK(refuses(table(0, 0, 2, small), &given, 0,
                  "the slot of app 0, 0x80200000..0x80400000, is over the "
                  "kernel, 0x80200000..0x80300000"));
    given.in_place_slot = 0;
    CHECK(passes(table(0, 0, 2, small), &given));
}

/* uCore's slots: 128 KiB, one after another from 0x80400000. */
static void test_other_slot_size(void) {
    struct linker_apps_limits given = limits();
    given.slot_size = 0x20000;
    CHECK(passes(table(0x80400000, 0x20000, 4, small), &given));
    uint64_t big[] = {0x20001};
    CHECK(refuses(table(0x80400000, 0x20000, 1, big), &given, 0,
                  "app 0 is 131073 bytes, more than a slot (131072)"));
    given = limits();
    CHECK(refuses(table(0x80400000, 0x20000, 4, small), &given,
                  LINKER_APPS_WHOLE_TABLE,
                  "base 0x80400000 and step 0x20000 must be multiples of "
                  "the slot size, 0x200000"));
}

/* With no RAM given, nothing may wrap around the top of memory. */
static void test_no_wrap(void) {
    struct linker_apps_limits given = limits();
    given.ram = (struct linker_range){0};
    given.reserved_count = 0;
    CHECK(refuses(table(0xffffffffffe00000, 0, 1, small), &given, 0,
                  "the slot of app 0, 0xffffffffffe00000, runs past the end "
                  "of memory"));
    CHECK(refuses(table(0x8000000000000000, 0x4000000000000000, 3, small),
                  &given, 2, "the slot of app 2 is past the end of memory"));
    CHECK(passes(table(0xffffffffffc00000, 0, 1, small), &given));
}

/* A message too long for the buffer is cut, and still ends. */
static void test_long_names(void) {
    struct linker_apps_limits given = limits();
    char name[400];
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    given.ram.name = name;
    struct linker_apps_problem problem;
    CHECK(!linker_apps_check(table(0x88000000, 0, 1, small), &given, &problem));
    CHECK(strlen(problem.message) == sizeof(problem.message) - 1);
    CHECK(strncmp(problem.message, "the slot of app 0, ", 19) == 0);
}

int main(void) {
    test_good_tables();
    test_table();
    test_images();
    test_slots();
    test_in_place();
    test_other_slot_size();
    test_no_wrap();
    test_long_names();
    return check_report("test_apps_check");
}
