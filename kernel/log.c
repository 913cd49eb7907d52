/*
 * Every line the kernel prints goes out here: kernel_say (the memory map,
 * the app lines, the summary), kernel_log behind log_info and friends, and
 * panic's line. Each starts a line of its own, "[kernel] ...", however
 * the app before it left the console.
 */
#include "log.h"

#include "lib/console.h"

void kernel_vlog(const char *tag, const char *format, va_list args) {
    /* A line an app left open is ended first, so that "[kernel]" starts a
       line: the output filter (app_output.c) marks an app's line that
       does, so only the kernel's can. What the filter holds back of an
       app's line stays there: it is not on the console yet. */
    if (!lib_console_at_line_start())
        lib_console_write("\n", 1);
    lib_console_write("[kernel] ", 9);
    if (tag != NULL)
        lib_console_printf("%s: ", tag);
    lib_console_vprintf(format, args);
    lib_console_write("\n", 1);
}

void kernel_say(const char *format, ...) {
    va_list args;
    va_start(args, format);
    kernel_vlog(NULL, format, args);
    va_end(args);
}

void kernel_log(const char *tag, const char *format, ...) {
    va_list args;
    va_start(args, format);
    kernel_vlog(tag, format, args);
    va_end(args);
}
