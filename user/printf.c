/*
 * printf for apps: lib/format.c formats into a buffer that goes to fd 1 with
 * one write system call when full and at the end of the call.
 */
#include <stdarg.h>

#include "lib/format.h"
#include "user.h"

static void write_stdout(const char *text, size_t len) {
    write(1, text, len);
}

int printf(const char *format, ...) {
    va_list args;
    va_start(args, format);
    int written = lib_format_print_buffered(write_stdout, format, args);
    va_end(args);
    return written;
}
