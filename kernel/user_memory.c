/*
 * Where the kernel touches an app's memory for a system call (write's
 * buffer, the structures get_time and task_info fill): syscall.c asks here
 * whether a range is the app's, then copies it. The app's slot is mapped
 * for U-mode (paging.c), and the kernel may touch U-mode pages only while
 * sstatus.SUM is set: it is set here, around a copy whose range was checked
 * first, and nowhere else, so that a stray kernel pointer into an app
 * faults instead of using it.
 */
#include "user_memory.h"

#include "lib/compiler_helpers.h"
#include "linker/linker.h"

/* sstatus.SUM: S-mode may access pages mapped for U-mode. */
#define SSTATUS_SUM (1UL << 18)

bool user_memory_contains(const struct app *app, uint64_t address,
                          uint64_t len) {
    uint64_t slot_end = app->slot + APP_SLOT_SIZE;
    /* Written so that nothing can overflow: address + len might. */
    return address >= app->slot && address <= slot_end &&
           len <= slot_end - address;
}

/* Opens and closes the window in which the kernel may touch U-mode pages. */
static void user_access_begin(void) {
    __asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SUM) : "memory");
}

static void user_access_end(void) {
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SUM) : "memory");
}

bool user_memory_read(const struct app *app, void *destination,
                      uint64_t address, size_t len) {
    if (!user_memory_contains(app, address, len))
        return false;
    user_access_begin();
    memcpy(destination, (const void *)(uintptr_t)address, len);
    user_access_end();
    return true;
}

/* LAB time BEGIN */
bool user_memory_write(const struct app *app, uint64_t address,
                       const void *source, size_t len) {
    if (!user_memory_contains(app, address, len))
        return false;
    user_access_begin();
    memcpy((void *)(uintptr_t)address, source, len);
    user_access_end();
    return true;
}
/* LAB time END */
