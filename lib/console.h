/*
 * The S-mode console: text out and bytes in through the SBI firmware. Uses
 * the Debug Console extension when the firmware has it (one call per
 * string) and the legacy putchar and getchar otherwise (one call per
 * character).
 */
#ifndef LIB_CONSOLE_H
#define LIB_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

void lib_console_write(const char *text, size_t len);
int lib_console_printf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
int lib_console_vprintf(const char *format, va_list args);

/* The next byte typed on the console, or -1 if none is waiting: it does not
   wait. */
int lib_console_getchar(void);

#endif
