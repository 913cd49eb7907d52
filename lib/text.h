/*
 * String functions for NUL-terminated text, under the library's prefix so
 * that they never clash with a kernel's own strlen or strcmp.
 */
#ifndef LIB_TEXT_H
#define LIB_TEXT_H

#include <stddef.h>

/* The number of bytes before the NUL. */
size_t lib_strlen(const char *text);

/* Compares byte by byte as unsigned char: <0, 0 or >0, like strcmp. */
int lib_strcmp(const char *left, const char *right);

#endif
