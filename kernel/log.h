/*
 * The kernel's lines on the console, each "[kernel] ..." at the start of a
 * line. kernel_say prints the lines of the output contract (memory map, app
 * loaded/exited/killed, summary): always.
 * log_error .. log_trace print diagnostics, chosen at build time with
 * LOG=error|warn|info|debug|trace (the Makefile defines LOG_LEVEL); traps and
 * system calls are traced at trace.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

#include <stdarg.h>
#include <stddef.h>

#define LOG_LEVEL_ERROR 1
#define LOG_LEVEL_WARN  2
#define LOG_LEVEL_INFO  3
#define LOG_LEVEL_DEBUG 4
#define LOG_LEVEL_TRACE 5

#ifndef LOG_LEVEL
#define LOG_LEVEL LOG_LEVEL_WARN
#endif

/* "[kernel] <formatted>\n" */
void kernel_say(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* "[kernel] <tag>: <formatted>\n" */
void kernel_log(const char *tag, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Both of them, and panic: "[kernel] <tag>: " (no tag if NULL), the line
   and a newline. Every kernel line comes through here, and starts a line
   of the console: if the app left one open, a newline ends it first. */
void kernel_vlog(const char *tag, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));

/* A level above LOG_LEVEL compiles to nothing. */
#define LOG_AT(level, tag, ...)                                                \
    do {                                                                       \
        if (LOG_LEVEL >= (level))                                              \
            kernel_log(tag, __VA_ARGS__);                                      \
    } while (0)

#define log_error(...) LOG_AT(LOG_LEVEL_ERROR, "error", __VA_ARGS__)
#define log_warn(...)  LOG_AT(LOG_LEVEL_WARN, "warn", __VA_ARGS__)
#define log_info(...)  LOG_AT(LOG_LEVEL_INFO, "info", __VA_ARGS__)
#define log_debug(...) LOG_AT(LOG_LEVEL_DEBUG, "debug", __VA_ARGS__)
#define log_trace(...) LOG_AT(LOG_LEVEL_TRACE, "trace", __VA_ARGS__)

#endif
