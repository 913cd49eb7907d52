/*
 * The S-mode console: text out and bytes in through the SBI firmware. Uses
 * the Debug Console extension when the firmware has it (one call per
 * string) and the legacy putchar and getchar otherwise (one call per
 * character).
 */
#ifndef LIB_CONSOLE_H
#define LIB_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void lib_console_write(const char *text, size_t len);

/* True if nothing was written yet or the last byte written was a newline:
   what comes next starts a line. A kernel that wants its messages to start
   lines asks before it writes one. */
bool lib_console_at_line_start(void);

int lib_console_printf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
int lib_console_vprintf(const char *format, va_list args);

/* The next byte typed on the console, or -1 if none is waiting: it does not
   wait. */
int lib_console_getchar(void);

#endif
