/*
 * apps_table.h: the checks, in the order the table is read. Slots that are
 * whole, aligned megapages never overlap one another in part; paging.c
 * relies on that too, since it gives the app exactly one megapage.
 */
#include "apps_table.h"

#include "panic.h"
#include "platform.h"

static void check_slot(uint64_t index, uintptr_t slot,
                       const struct kernel_layout *layout) {
    uintptr_t kernel_start = kernel_layout_start(layout);
    uintptr_t kernel_end = kernel_layout_end(layout);
    if (slot < RAM_START || slot > RAM_END - APP_SLOT_SIZE)
        panic("apps table: the slot of app %lu, 0x%lx, is outside RAM, "
              "0x%lx..0x%lx",
              index, slot, RAM_START, RAM_END);
    if (slot < FIRMWARE_END)
        panic("apps table: the slot of app %lu, 0x%lx..0x%lx, is over the "
              "firmware, 0x%lx..0x%lx",
              index, slot, slot + APP_SLOT_SIZE, RAM_START, FIRMWARE_END);
    if (slot < kernel_end && slot + APP_SLOT_SIZE > kernel_start)
        panic("apps table: the slot of app %lu, 0x%lx..0x%lx, is over the "
              "kernel, 0x%lx..0x%lx",
              index, slot, slot + APP_SLOT_SIZE, kernel_start, kernel_end);
}

void apps_table_check(const struct app_meta *meta, uintptr_t elf_slot) {
    struct kernel_layout layout = kernel_layout_locate();
    uintptr_t kernel_start = kernel_layout_start(&layout);
    uintptr_t kernel_end = kernel_layout_end(&layout);
    const uint64_t *addresses = &meta->first;

    /* The count + 1 addresses follow the header inside the kernel image, as
       the images do: that bounds count, with no limit made up for it. */
    uint64_t room = (kernel_end - (uintptr_t)addresses) / sizeof(uint64_t);
    if (meta->count >= room)
        panic("apps table: count %lu is more than the kernel image can hold",
              meta->count);
    if (meta->base % APP_SLOT_SIZE != 0 || meta->step % APP_SLOT_SIZE != 0)
        panic("apps table: base 0x%lx and step 0x%lx must be multiples of "
              "the slot size, 0x%lx",
              meta->base, meta->step, APP_SLOT_SIZE);
    /* A larger step puts app 1 outside RAM; bounding it here also keeps
       index * step below from wrapping around. */
    if (meta->step > RAM_END - RAM_START)
        panic("apps table: step 0x%lx is larger than RAM", meta->step);

    for (uint64_t index = 0; index < meta->count; index++) {
        uint64_t start = addresses[index], end = addresses[index + 1];
        if (end < start)
            panic("apps table: app %lu ends before it starts: 0x%lx..0x%lx",
                  index, start, end);
        if (end - start > APP_SLOT_SIZE)
            panic("apps table: app %lu is %lu bytes, more than a slot (%lu)",
                  index, end - start, APP_SLOT_SIZE);
        if (start < kernel_start || end > kernel_end)
            panic("apps table: app %lu, 0x%lx..0x%lx, is not inside the "
                  "kernel image, 0x%lx..0x%lx",
                  index, start, end, kernel_start, kernel_end);
        uintptr_t slot =
            meta->base == 0 ? elf_slot : meta->base + index * meta->step;
        check_slot(index, slot, &layout);
    }
}
