/*
 * The batch loop, called by kernel_main after boot: once the linker
 * library has checked the packed table against this machine, its app
 * iterator copies each app into its slot (or, with APP_BASE=0, hands over
 * its ELF file for elf.c to load), then app.c runs it in U-mode. An app that
 * is refused, faults, runs out of time or exits ends; the batch goes on.
 * In the batch and in-place modes, which have one slot for all, each app
 * runs to its end before the next is loaded.
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
#include "settings.h"
/* LAB yield BEGIN */
#include "sched.h"
/* LAB yield END */

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
        .in_place_slot = app_elf_slot,
    };
    struct linker_apps_problem problem;
    if (!linker_apps_check(meta, &limits, &problem))
        panic("apps table: %s", problem.message);
}

/* Makes app `index` of the table from what the iterator gave: its image,
   copied to its slot, or in the in-place mode its ELF file, loaded here.
   Says on the console that it is loaded, or why it is refused (false). */
static bool load(struct app *app, const struct app_meta *meta, uint64_t index,
                 const uint8_t *image, size_t size) {
    const char *name = linker_app_name(linker_app_names(), index);
    *app = (struct app){.index = index, .name = name != NULL ? name : "app"};
    if (meta->base != 0) {
        /* The iterator copied the image to its slot and zeroed the rest of
           the slot; the image starts with _start. */
        app->slot = (uintptr_t)image;
        app->entry = app->slot;
    } else {
        app->slot = app_elf_slot;
        linker_zero_range(app->slot, app->slot + APP_SLOT_SIZE);
        const char *problem = elf_load(image, size, app->slot, &app->entry);
        if (problem != NULL) {
            kernel_say("app %lu %s: refused: %s", index, app->name, problem);
            return false;
        }
        /* The iterator runs fence.i after the copies it makes; this copy
           is elf.c's. */
        linker_sync_instructions();
    }
    app_prepare(app);
    kernel_say("app %lu %s: loaded at 0x%lx, %zu bytes", index, app->name,
               app->slot, size);
    return true;
}

/* Each app is loaded and runs to its end before the next is loaded. */
static void run_one_by_one(const struct app_meta *meta,
                           struct app_summary *summary) {
    struct app_iter apps = app_meta_iter(meta);
    struct app app;
    const uint8_t *image;
    size_t size;
    for (uint64_t index = apps.index; app_iter_next(&apps, &image, &size);
         index = apps.index) {
        if (load(&app, meta, index, image, size))
            app_summary_count(summary, app_run(&app));
        else
            summary->refused++;
    }
}

/* LAB yield BEGIN */
/* The slots mode: every app has a slot of its own, so all are loaded first,
   then they run together (sched.c). The slots of RAM bound how many there
   are: check_apps_table has refused a table with more. */
static struct app apps_together[(RAM_END - RAM_START) / APP_SLOT_SIZE];

static void run_together(const struct app_meta *meta,
                         struct app_summary *summary) {
    const size_t most = sizeof(apps_together) / sizeof(apps_together[0]);
    if (meta->count > most)
        panic("apps table: %lu apps, more slots than RAM has (%zu)",
              meta->count, most);
    struct app_iter apps = app_meta_iter(meta);
    const uint8_t *image;
    size_t size;
    for (uint64_t index = apps.index; app_iter_next(&apps, &image, &size);
         index = apps.index)
        load(&apps_together[index], meta, index, image, size);
    sched_run(apps_together, meta->count, summary);
}
/* LAB yield END */

void batch_run(void) {
    const struct app_meta *meta = app_meta_locate();
    check_apps_table(meta);
    struct app_summary summary = {0};
    /* LAB yield BEGIN: run_one_by_one(meta, &summary); */
    if (meta->base != 0 && meta->step != 0)
        run_together(meta, &summary);
    else
        run_one_by_one(meta, &summary);
    /* LAB yield END */

    if (summary.refused == 0)
        kernel_say("%lu apps: %u exited, %u killed", meta->count,
                   summary.exited, summary.killed);
    else
        kernel_say("%lu apps: %u exited, %u killed, %u refused", meta->count,
                   summary.exited, summary.killed, summary.refused);
}
