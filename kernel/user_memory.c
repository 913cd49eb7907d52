/*
 * Reading an app's memory for a system call (write's buffer): syscall.c
 * asks here whether a range is the app's, then copies it. The app's slot is
 * mapped for U-mode (paging.c), and the kernel may read U-mode pages only while
 * sstatus.SUM is set: it is set here, around a copy whose range was checked
 * first, and nowhere else, so that a stray kernel pointer into an app faults
 * instead of reading it.
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

bool user_memory_read(const struct app *app, void *destination,
                      uint64_t address, size_t len) {
    if (!user_memory_contains(app, address, len))
        return false;
    __asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SUM) : "memory");
    memcpy(destination, (const void *)(uintptr_t)address, len);
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SUM) : "memory");
    return true;
}
