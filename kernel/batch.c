/*
 * The batch loop, called by kernel_main after boot: once the linker
 * library has checked the packed table against this machine, its app
 * iterator copies each app into its slot (or, with APP_BASE=0, hands over
 * its ELF file for elf.c to load), then app.c runs it in U-mode. An app that
 * is refused, faults, runs out of time or exits ends; the batch goes on.
 */
#include "batch.h"

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "elf.h"
#include "linker/linker.h"
#include "log.h"
#include "panic.h"
#include "platform.h"

/* In the in-place mode the ELF apps are linked for this slot (the Makefile
   sets it for the apps' link and for the kernel). */
#ifndef APP_ELF_SLOT
#define APP_ELF_SLOT 0x80400000UL
#endif

/* The packed table is input like any other: a wrong one is a panic that
   names the first problem, before a byte is copied (linker/apps_check.c
   says what is checked; the packer's --broken writes such tables for
   tests). Slots that are whole, aligned megapages never overlap one another
   in part; paging.c relies on that too, since it gives an app exactly one
   megapage. */
static void check_apps_table(const struct app_meta *meta) {
    struct kernel_layout layout = kernel_layout_locate();
    struct linker_range kernel = {"the kernel", kernel_layout_start(&layout),
                                  kernel_layout_end(&layout)};
    const struct linker_range reserved[] = {
        {"the firmware", RAM_START, FIRMWARE_END},
        kernel,
    };
    struct linker_apps_limits limits = {
        .slot_size = APP_SLOT_SIZE,
        .ram = {"RAM", RAM_START, RAM_END},
        .images = {"the kernel image", kernel.start, kernel.end},
        .reserved = reserved,
        .reserved_count = sizeof(reserved) / sizeof(reserved[0]),
        .in_place_slot = APP_ELF_SLOT,
    };
    struct linker_apps_problem problem;
    if (!linker_apps_check(meta, &limits, &problem))
        panic("apps table: %s", problem.message);
}

void batch_run(void) {
    const struct app_meta *meta = app_meta_locate();
    check_apps_table(meta);
    const char *names = linker_app_names();
    struct app_iter apps = app_meta_iter(meta);
    unsigned exited = 0, killed = 0, refused = 0;
    const uint8_t *image;
    size_t size;

    for (uint64_t index = apps.index; app_iter_next(&apps, &image, &size);
         index = apps.index) {
        const char *name = linker_app_name(names, index);
        struct app app = {.index = index, .name = name != NULL ? name : "app"};
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
            /* The iterator runs fence.i after the copies it makes; this
               copy is elf.c's. */
            linker_sync_instructions();
        }
        kernel_say("app %lu %s: loaded at 0x%lx, %zu bytes", index, app.name,
                   app.slot, size);

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
