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
typedef void (*lib_format_sink)(void *context, const char *text, size_t len);

/* Formats like vprintf and returns the number of bytes sent to the sink. */
int lib_format_print(lib_format_sink sink, void *context, const char *format,
                     va_list args);

/* Where lib_format_print_buffered sends its text. */
typedef void (*lib_format_writer)(const char *text, size_t len);

/* Formats into a 256-byte buffer that goes to `writer` when full and at the
   end, so that a line is usually one console or system call, not several. */
int lib_format_print_buffered(lib_format_writer writer, const char *format,
                              va_list args);

#endif
