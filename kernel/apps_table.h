/*
 * The packed apps table is input like any other: batch.c has it checked
 * here before it copies a byte. A wrong table is a panic that names the
 * first problem (tools/pack_apps.c --broken writes such tables for tests).
 */
#ifndef KERNEL_APPS_TABLE_H
#define KERNEL_APPS_TABLE_H

#include <stdint.h>

#include "linker/linker.h"

/* Panics unless: count fits in the kernel image; base and step are whole
   slots; every image lies inside the kernel image, ends after it starts and
   fits a slot; every slot (elf_slot for all, in the in-place mode) lies in
   RAM, over neither the firmware nor the kernel. */
void apps_table_check(const struct app_meta *meta, uintptr_t elf_slot);

#endif
