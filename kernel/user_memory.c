/*
 * user_memory.h: checks a user range against the app's slot. Apps run on
 * physical addresses (no paging yet), so a valid user address is also the
 * kernel's pointer to it.
 */
#include "user_memory.h"

#include "linker.h"

const void *user_memory_readable(const struct app *app, uint64_t address,
                                 uint64_t len) {
    uint64_t slot_end = app->slot + APP_SLOT_SIZE;
    /* Written so that nothing can overflow: address + len might. */
    if (address < app->slot || address > slot_end || len > slot_end - address)
        return NULL;
    return (const void *)(uintptr_t)address;
}
