/*
 * A small printf engine that writes through a callback, so the kernel (SBI
 * console) and user apps (write system call) share one implementation.
 * Conversions: %c %s %d %i %u %x %p %%, with the length modifiers l, ll and
 * z, a field width, and the flags '0' (zero padding) and '-' (left align).
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatted text in pieces; `len` bytes, not NUL-terminated. */
typedef void (*format_sink)(void *context, const char *text, size_t len);

/* Formats like vprintf and returns the number of bytes sent to the sink. */
int format_print(format_sink sink, void *context, const char *format,
                 va_list args);

#endif
