/*
 * The apps packed into the kernel image (host/pack_apps.c writes the table):
 * locating the table and the apps' names, and handing out one app per call,
 * copied into its slot first when the table asks for it. The batch kernel's
 * loop runs on this, after apps_check.c has checked the table.
 */
#include "linker.h"

/* The table's symbol: `apps`, unless the apps were packed with --symbol
   NAME, which also names the list of names NAME_names. */
#define LINKER_JOIN(a, b)       a##b
#define LINKER_NAMES_OF(symbol) LINKER_JOIN(symbol, _names)
#ifndef LINKER_APPS_SYMBOL
#define LINKER_APPS_SYMBOL      apps
#define LINKER_APP_NAMES_SYMBOL app_names
#else
#define LINKER_APP_NAMES_SYMBOL LINKER_NAMES_OF(LINKER_APPS_SYMBOL)
#endif

/* Defined by the packed apps, not by the library or the script; the names
   are weak, so that a table without them still links. */
extern const struct app_meta LINKER_APPS_SYMBOL;
extern const char LINKER_APP_NAMES_SYMBOL[] __attribute__((weak));

const struct app_meta *app_meta_locate(void) {
    return &LINKER_APPS_SYMBOL;
}

struct app_iter app_meta_iter(const struct app_meta *meta) {
    return (struct app_iter){.meta = meta, .index = 0};
}

/* The names' address, read from data: a weak symbol left undefined is 0,
   which code at 0x80200000 cannot reach pc-relative (ld.lld refuses the
   link: R_RISCV_PCREL_HI20 out of range), while a 64-bit address in data
   holds 0 as well as any other. Volatile, so that the compiler reads it
   rather than turn it back into a pc-relative reference. */
static const char *const volatile app_names_address = LINKER_APP_NAMES_SYMBOL;

const char *linker_app_names(void) {
    return app_names_address;
}

const char *linker_app_name(const char *names, uint64_t index) {
    if (names == NULL)
        return NULL;
    for (uint64_t i = 0; i < index; i++) {
        while (*names != '\0')
            names++;
        names++;
    }
    return names;
}

void linker_sync_instructions(void) {
#if defined(__riscv)
    /* fence.i, spelt as the instruction it is (MISC-MEM, funct3 1): GNU
       as takes the mnemonic only when -march names Zifencei, which a host
       kernel's flags may not; .insn takes any. */
    __asm__ volatile(".insn i 0x0f, 1, x0, x0, 0" ::: "memory");
#endif
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
        linker_sync_instructions();
        position = slot;
    }
    iter->index++;
    *image = (const uint8_t *)(uintptr_t)position;
    *size = length;
    return true;
}
