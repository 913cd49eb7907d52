/*
 * The one place where the kernel reads or writes memory an app handed it.
 * Every system call argument that points into memory is checked here against
 * the app's slot, and copied with sstatus.SUM set only for the copy.
 */
#ifndef KERNEL_USER_MEMORY_H
#define KERNEL_USER_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"

/* True if [address, address + len) lies wholly inside the app's slot,
   without wrapping around. */
bool user_memory_contains(const struct app *app, uint64_t address,
                          uint64_t len);

/* Copies len bytes at the app's `address` to the kernel's `destination`,
   if user_memory_contains says they are the app's; false (and nothing
   read) otherwise. */
bool user_memory_read(const struct app *app, void *destination,
                      uint64_t address, size_t len);

/* Copies len bytes of the kernel's `source` to the app's `address`, if
   user_memory_contains says they are the app's; false (and nothing
   written) otherwise. The time lab writes it. */
bool user_memory_write(const struct app *app, uint64_t address,
                       const void *source, size_t len);

#endif
