/*
 * memcpy, memmove, memset and memcmp: the C library functions that GCC and
 * clang may call on their own even in freestanding code (a struct copy, a
 * zeroed array). Optional: a kernel that has its own leaves compiler_helpers.c
 * out, and nothing else in lib/ or linker/ calls these by name.
 */
#ifndef LIB_COMPILER_HELPERS_H
#define LIB_COMPILER_HELPERS_H

#include <stddef.h>

void *memcpy(void *restrict destination, const void *restrict source,
             size_t len);
void *memmove(void *destination, const void *source, size_t len);
void *memset(void *destination, int byte, size_t len);
int memcmp(const void *left, const void *right, size_t len);

#endif
