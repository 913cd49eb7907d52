/*
 * The batch loop, called by kernel_main after boot: once apps_table.c has
 * checked the packed table, the linker library's app iterator copies each
 * app into its slot (or, with APP_BASE=0, hands over its ELF file for elf.c
 * to load), then app.c runs it in U-mode. An app that is refused, faults,
 * runs out of time or exits ends; the batch goes on.
 */
#include "batch.h"

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "apps_table.h"
#include "elf.h"
#include "linker/linker.h"
#include "log.h"

/* In the in-place mode the ELF apps are linked for this slot (the Makefile
   sets it for the apps' link and for the kernel). */
#ifndef APP_ELF_SLOT
#define APP_ELF_SLOT 0x80400000UL
#endif

/* The names of the apps, one NUL-terminated string each, written by the
   packer next to `apps`. Weak: a table without names still works. */
extern const char app_names[] __attribute__((weak));

static const char *app_name(uint64_t index) {
    if (app_names == NULL)
        return "app";
    const char *name = app_names;
    for (uint64_t i = 0; i < index; i++) {
        while (*name != '\0')
            name++;
        name++;
    }
    return name;
}

/* Makes the instructions just copied into memory visible to the fetch. */
static void flush_instruction_cache(void) {
    __asm__ volatile("fence.i" ::: "memory");
}

void batch_run(void) {
    const struct app_meta *meta = app_meta_locate();
    apps_table_check(meta, APP_ELF_SLOT);
    struct app_iter apps = app_meta_iter(meta);
    unsigned exited = 0, killed = 0, refused = 0;
    const uint8_t *image;
    size_t size;

    for (uint64_t index = apps.index; app_iter_next(&apps, &image, &size);
         index = apps.index) {
        struct app app = {.index = index, .name = app_name(index)};
        if (meta->base != 0) {
            /* The iterator copied the image to its slot and zeroed the
               rest of the slot; the image starts with _start. */
            app.slot = (uintptr_t)image;
            app.entry = app.slot;
        } else {
            app.slot = APP_ELF_SLOT;
            linker_zero_range(app.slot, app.slot + APP_SLOT_SIZE);
            const char *problem = elf_load(image, size, app.slot, &app.entry);
            if (problem != NULL) {
                kernel_say("app %lu %s: refused: %s", index, app.name, problem);
                refused++;
                continue;
            }
        }
        kernel_say("app %lu %s: loaded at 0x%lx, %zu bytes", index, app.name,
                   app.slot, size);
        flush_instruction_cache();

        if (app_run(&app) == APP_EXITED)
            exited++;
        else
            killed++;
    }

    if (refused == 0)
        kernel_say("%lu apps: %u exited, %u killed", meta->count, exited,
                   killed);
    else
        kernel_say("%lu apps: %u exited, %u killed, %u refused", meta->count,
                   exited, killed, refused);
}
