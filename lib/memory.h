/*
 * The C library's memory and string functions that a freestanding kernel
 * still needs: the compiler itself may emit calls to memcpy, memmove, memset
 * and memcmp, and the kernel compares names with strcmp.
 */
#ifndef LIB_MEMORY_H
#define LIB_MEMORY_H

#include <stddef.h>

void *memcpy(void *restrict destination, const void *restrict source,
             size_t len);
void *memmove(void *destination, const void *source, size_t len);
void *memset(void *destination, int byte, size_t len);
int memcmp(const void *left, const void *right, size_t len);
size_t strlen(const char *text);
int strcmp(const char *left, const char *right);

#endif
