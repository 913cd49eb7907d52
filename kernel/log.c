/*
 * kernel_say and kernel_log from log.h: the "[kernel] " prefix and the
 * newline around a formatted line on the SBI console.
 */
#include "log.h"

#include <stdarg.h>

#include "lib/console.h"

void kernel_say(const char *format, ...) {
    va_list args;
    va_start(args, format);
    lib_console_write("[kernel] ", 9);
    lib_console_vprintf(format, args);
    lib_console_write("\n", 1);
    va_end(args);
}

void kernel_log(const char *tag, const char *format, ...) {
    va_list args;
    va_start(args, format);
    lib_console_printf("[kernel] %s: ", tag);
    lib_console_vprintf(format, args);
    lib_console_write("\n", 1);
    va_end(args);
}
