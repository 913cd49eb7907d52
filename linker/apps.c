/*
 * The apps packed into the kernel image (tools/pack_apps.c writes the table):
 * locating the table and handing out one app per call, copied into its slot
 * first when the table asks for it. The batch kernel's loop runs on this.
 */
#include "linker.h"

/* Defined by the packed apps, not by the library or the script. */
extern const struct app_meta apps;

const struct app_meta *app_meta_locate(void) {
    return &apps;
}

struct app_iter app_meta_iter(const struct app_meta *meta) {
    return (struct app_iter){.meta = meta, .index = 0};
}

/* Copies size bytes from src to dst, a word at a time when both are
   8-byte aligned. Volatile, like linker_zero_range, so that no memcpy call
   appears. */
static void copy_image(uintptr_t dst, uintptr_t src, size_t size) {
    size_t done = 0;
    if ((dst | src) % sizeof(uint64_t) == 0) {
        for (; size - done >= sizeof(uint64_t); done += sizeof(uint64_t))
            *(volatile uint64_t *)(dst + done) =
                *(const uint64_t *)(src + done);
    }
    for (; done < size; done++)
        *(volatile uint8_t *)(dst + done) = *(const uint8_t *)(src + done);
}

bool app_iter_next(struct app_iter *iter, const uint8_t **image, size_t *size) {
    const struct app_meta *meta = iter->meta;
    if (iter->index >= meta->count)
        return false;

    const uint64_t *addresses = &meta->first;
    uint64_t position = addresses[iter->index];
    uint64_t length = addresses[iter->index + 1] - position;

    if (meta->base != 0) {
        uint64_t slot = meta->base + iter->index * meta->step;
        copy_image(slot, position, length);
        linker_zero_range(slot + length, slot + APP_SLOT_SIZE);
        position = slot;
    }
    iter->index++;
    *image = (const uint8_t *)(uintptr_t)position;
    *size = length;
    return true;
}
