/*
 * A small ELF loader for the in-place mode (APP_BASE=0), where the packed
 * images are the apps' ELF files: checks the header and every segment, then
 * copies the segments into the app's slot.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

/* Loads image into [slot, slot + APP_SLOT_SIZE), which must be zeroed, and
   sets *entry. Returns NULL on success, or why the image was refused, in
   words; nothing is written to the slot before all checks pass. */
const char *elf_load(const uint8_t *image, size_t size, uintptr_t slot,
                     uintptr_t *entry);

#endif
