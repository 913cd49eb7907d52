/*
 * The one place where the kernel decides whether an address an app handed
 * it may be used. Every system call argument that points into memory goes
 * through here before the kernel touches a byte of it.
 */
#ifndef KERNEL_USER_MEMORY_H
#define KERNEL_USER_MEMORY_H

#include <stdint.h>

#include "app.h"

/* The kernel's pointer to [address, address + len) if that whole range lies
   inside the app's slot (without wrapping around), NULL otherwise. */
const void *user_memory_readable(const struct app *app, uint64_t address,
                                 uint64_t len);

#endif
