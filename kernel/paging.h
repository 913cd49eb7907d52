/*
 * Sv39 paging with an identity map: virtual address = physical address, so
 * every pointer means what it meant before paging. paging.c builds the map
 * at boot (an init call); app.c hands the running app its slot with
 * paging_open_slot and takes it back with paging_close_slot.
 */
#ifndef KERNEL_PAGING_H
#define KERNEL_PAGING_H

#include <stdint.h>

/* Makes the 2 MiB slot at `slot` the app's: readable, writable and
   executable from U-mode, and no longer the kernel's (it may then touch it
   only with sstatus.SUM set, as user_memory.c does). */
void paging_open_slot(uintptr_t slot);

/* Gives the slot back to the kernel: read and write in S-mode only. */
void paging_close_slot(uintptr_t slot);

#endif
