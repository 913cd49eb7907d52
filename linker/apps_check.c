/*
 * Checking a packed apps table before a byte of it is used: everything
 * that would make app_iter_next copy, or an app run, where it must not is
 * found here and told in one line. The kernel checks its own table at boot
 * and panics with the line; the packer (host/pack_apps.c) runs the same
 * code on the table it is about to write, so that a layout that cannot
 * work is refused before any kernel is built.
 */
#include <stdarg.h>

#include "linker.h"

/* The message being written, cut short rather than overflow. Volatile
   stores, as elsewhere in the library, so that no loop becomes a call. */
struct writer {
    char *text;
    size_t size, length;
};

static void put_char(struct writer *writer, char c) {
    if (writer->length + 1 < writer->size) {
        ((volatile char *)writer->text)[writer->length++] = c;
        ((volatile char *)writer->text)[writer->length] = '\0';
    }
}

static void put_text(struct writer *writer, const char *text) {
    while (*text != '\0')
        put_char(writer, *text++);
}

/* In decimal, or in hex after "0x": the syntax the build reads too. */
static void put_number(struct writer *writer, uint64_t value, unsigned base) {
    char digits[20];
    size_t count = 0;
    if (base == 16)
        put_text(writer, "0x");
    do {
        digits[count++] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    while (count > 0)
        put_char(writer, digits[--count]);
}

/*
 * Writes the problem of app `app` (or of the whole table) and returns
 * false, for `return report(...)`. The format knows three conversions: %s
 * a string, %u a uint64_t in decimal, %x a uint64_t in hex.
 */
static bool report(struct linker_apps_problem *problem, uint64_t app,
                   const char *format, ...) {
    struct writer writer = {problem->message, sizeof(problem->message), 0};
    problem->app = app;
    problem->message[0] = '\0';
    va_list args;
    va_start(args, format);
    for (const char *c = format; *c != '\0'; c++) {
        if (*c != '%') {
            put_char(&writer, *c);
        } else if (*++c == 's') {
            const char *text = va_arg(args, const char *);
            put_text(&writer, text != NULL ? text : "?");
        } else {
            put_number(&writer, va_arg(args, uint64_t), *c == 'x' ? 16 : 10);
        }
    }
    va_end(args);
    return false;
}

/* Does [start, start + size) meet the range? Written so that no sum can
   wrap around. */
static bool overlaps(uint64_t start, uint64_t size,
                     const struct linker_range *range) {
    if (range->start >= range->end)
        return false;
    return start < range->start ? range->start - start < size
                                : start < range->end;
}

/* The slot of one app: inside RAM, over nothing reserved. */
static bool check_slot(uint64_t index, uint64_t slot,
                       const struct linker_apps_limits *limits,
                       struct linker_apps_problem *problem) {
    uint64_t size = limits->slot_size;
    const struct linker_range *ram = &limits->ram;
    if (slot > UINT64_MAX - size)
        return report(problem, index,
                      "the slot of app %u, %x, runs past the end of memory",
                      index, slot);
    if (ram->end != 0 &&
        (slot < ram->start || slot >= ram->end || ram->end - slot < size))
        return report(
            problem, index, "the slot of app %u, %x..%x, is outside %s, %x..%x",
            index, slot, slot + size, ram->name, ram->start, ram->end);
    for (size_t i = 0; i < limits->reserved_count; i++) {
        const struct linker_range *reserved = &limits->reserved[i];
        if (overlaps(slot, size, reserved))
            return report(problem, index,
                          "the slot of app %u, %x..%x, is over %s, %x..%x",
                          index, slot, slot + size, reserved->name,
                          reserved->start, reserved->end);
    }
    return true;
}

bool linker_apps_check(const struct app_meta *meta,
                       const struct linker_apps_limits *limits,
                       struct linker_apps_problem *problem) {
    const uint64_t *addresses = &meta->first;
    const struct linker_range *images = &limits->images;
    uint64_t slot_size = limits->slot_size;

    /* The count + 1 addresses follow the header inside the image that
       holds the table, as the images do: that bounds count, with no limit
       made up for it, before a single address is read. */
    uint64_t first = (uintptr_t)addresses;
    uint64_t room =
        images->end > first ? (images->end - first) / sizeof(uint64_t) : 0;
    if (meta->count >= room)
        return report(problem, LINKER_APPS_WHOLE_TABLE,
                      "count %u is more than %s can hold", meta->count,
                      images->name);
    /* Whole slots never overlap one another in part. */
    if (slot_size == 0)
        return report(problem, LINKER_APPS_WHOLE_TABLE, "the slot size is 0");
    if (meta->base % slot_size != 0 || meta->step % slot_size != 0)
        return report(problem, LINKER_APPS_WHOLE_TABLE,
                      "base %x and step %x must be multiples of the slot "
                      "size, %x",
                      meta->base, meta->step, slot_size);
    /* A larger step puts app 1 outside RAM, and index * step below could
       then wrap around. */
    if (limits->ram.end != 0 &&
        meta->step > limits->ram.end - limits->ram.start)
        return report(problem, LINKER_APPS_WHOLE_TABLE,
                      "step %x is larger than %s, %x..%x", meta->step,
                      limits->ram.name, limits->ram.start, limits->ram.end);

    for (uint64_t index = 0; index < meta->count; index++) {
        uint64_t start = addresses[index], end = addresses[index + 1];
        if (end < start)
            return report(problem, index,
                          "app %u ends before it starts: %x..%x", index, start,
                          end);
        if (end - start > slot_size)
            return report(problem, index,
                          "app %u is %u bytes, more than a slot (%u)", index,
                          end - start, slot_size);
        if (start < images->start || end > images->end)
            return report(problem, index,
                          "app %u, %x..%x, is not inside %s, %x..%x", index,
                          start, end, images->name, images->start, images->end);

        uint64_t slot = meta->base == 0 ? limits->in_place_slot : 0;
        if (meta->base != 0) {
            if (meta->step != 0 &&
                index > (UINT64_MAX - meta->base) / meta->step)
                return report(problem, index,
                              "the slot of app %u is past the end of memory",
                              index);
            slot = meta->base + index * meta->step;
        }
        /* In place, with no slot given, the images are returned where
           they lie: where they go next is the kernel's business. */
        if (slot != 0 && !check_slot(index, slot, limits, problem))
            return false;
    }
    return true;
}
