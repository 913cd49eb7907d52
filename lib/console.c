/*
 * The kernel's console, text out and bytes in, over SBI calls (sbi.c); the
 * kernel's printing (kernel/log.c) and its apps' output end here. The first
 * call asks the firmware whether it has the Debug Console; the answer is kept,
 * as is whether the last byte written ended a line, so this file's statics must
 * not be read before the kernel has cleared its BSS.
 */
#include "console.h"

#include <stdbool.h>

#include "format.h"
#include "sbi.h"

enum debug_console {
    DEBUG_CONSOLE_UNKNOWN,
    DEBUG_CONSOLE_YES,
    DEBUG_CONSOLE_NO
};
static enum debug_console debug_console;

/* The last byte written was not a newline: a line is open. */
static bool line_open;

bool lib_console_at_line_start(void) {
    return !line_open;
}

static bool has_debug_console(void) {
    if (debug_console == DEBUG_CONSOLE_UNKNOWN)
        debug_console = lib_sbi_probe_extension(LIB_SBI_EXT_DEBUG_CONSOLE)
                            ? DEBUG_CONSOLE_YES
                            : DEBUG_CONSOLE_NO;
    return debug_console == DEBUG_CONSOLE_YES;
}

void lib_console_write(const char *text, size_t len) {
    if (len > 0)
        line_open = text[len - 1] != '\n';
    while (len > 0 && has_debug_console()) {
        struct lib_sbi_result result = lib_sbi_debug_console_write(text, len);
        if (result.error != LIB_SBI_SUCCESS)
            break; /* fall back to putchar for whatever is left */
        text += result.value;
        len -= (size_t)result.value;
    }
    for (size_t i = 0; i < len; i++)
        lib_sbi_console_putchar(text[i]);
}

int lib_console_vprintf(const char *format, va_list args) {
    return lib_format_print_buffered(lib_console_write, format, args);
}

int lib_console_getchar(void) {
    if (has_debug_console()) {
        char byte;
        struct lib_sbi_result result = lib_sbi_debug_console_read(&byte, 1);
        if (result.error == LIB_SBI_SUCCESS)
            return result.value == 1 ? (unsigned char)byte : -1;
    }
    return lib_sbi_console_getchar();
}

int lib_console_printf(const char *format, ...) {
    va_list args;
    va_start(args, format);
    int written = lib_console_vprintf(format, args);
    va_end(args);
    return written;
}
