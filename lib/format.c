/*
 * The printf engine behind the kernel's lines (console.c) and the apps'
 * printf (user/printf.c): it formats and hands the text to a sink. Literal text
 * goes to the sink in runs, not a character at a time, so a sink that makes one
 * SBI or system call per piece stays cheap.
 */
#include "format.h"

#include <stdbool.h>
#include <stdint.h>

struct conversion {
    bool left_align;
    bool zero_pad;
    unsigned width;
};

static void emit_padding(lib_format_sink sink, void *context, char pad,
                         size_t count) {
    static const char spaces[16] = "                ";
    static const char zeros[16] = "0000000000000000";
    const char *run = pad == '0' ? zeros : spaces;
    while (count > 0) {
        size_t piece = count < sizeof(spaces) ? count : sizeof(spaces);
        sink(context, run, piece);
        count -= piece;
    }
}

/* Writes text padded to the conversion's width; returns the bytes written. */
static size_t emit_field(lib_format_sink sink, void *context,
                         const struct conversion *conversion, const char *text,
                         size_t len) {
    size_t padding = conversion->width > len ? conversion->width - len : 0;
    if (conversion->left_align) {
        sink(context, text, len);
        emit_padding(sink, context, ' ', padding);
    } else if (conversion->zero_pad && len > 0 && text[0] == '-') {
        /* The sign goes before the zeros: -0042, not 00-42. */
        sink(context, text, 1);
        emit_padding(sink, context, '0', padding);
        sink(context, text + 1, len - 1);
    } else {
        emit_padding(sink, context, conversion->zero_pad ? '0' : ' ', padding);
        sink(context, text, len);
    }
    return len + padding;
}

/* Writes value in the given base at the end of buffer; returns the start. */
static char *digits_of(uint64_t value, unsigned base, char *buffer_end) {
    char *cursor = buffer_end;
    do {
        *--cursor = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    return cursor;
}

int lib_format_print(lib_format_sink sink, void *context, const char *format,
                     va_list args) {
    size_t total = 0;
    while (*format != '\0') {
        if (*format != '%') {
            const char *run = format;
            while (*format != '\0' && *format != '%')
                format++;
            sink(context, run, (size_t)(format - run));
            total += (size_t)(format - run);
            continue;
        }
        const char *conversion_start = format++;

        struct conversion conversion = {0};
        for (;; format++) {
            if (*format == '-')
                conversion.left_align = true;
            else if (*format == '0')
                conversion.zero_pad = true;
            else
                break;
        }
        while (*format >= '0' && *format <= '9')
            conversion.width =
                conversion.width * 10 + (unsigned)(*format++ - '0');

        /* 0 = int, 1 = long, 2 = long long, 3 = size_t */
        int length = 0;
        if (*format == 'l') {
            length = 1;
            if (*++format == 'l') {
                length = 2;
                format++;
            }
        } else if (*format == 'z') {
            length = 3;
            format++;
        }

        /* Room for 64 bits in octal or decimal plus a sign and "0x". */
        char buffer[24];
        char *buffer_end = buffer + sizeof(buffer);
        const char *text = buffer;
        size_t len = 0;
        switch (*format) {
        case 'c':
            buffer[0] = (char)va_arg(args, int);
            len = 1;
            break;
        case 's':
            text = va_arg(args, const char *);
            if (text == NULL)
                text = "(null)";
            while (text[len] != '\0')
                len++;
            break;
        case 'd':
        case 'i': {
            int64_t value = length == 0   ? va_arg(args, int)
                            : length == 1 ? va_arg(args, long)
                            : length == 2 ? va_arg(args, long long)
                                          : (int64_t)va_arg(args, size_t);
            /* Negate as unsigned so that INT64_MIN survives. */
            uint64_t magnitude =
                value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
            char *digits = digits_of(magnitude, 10, buffer_end);
            if (value < 0)
                *--digits = '-';
            text = digits;
            len = (size_t)(buffer_end - digits);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t value = length == 0   ? va_arg(args, unsigned)
                             : length == 1 ? va_arg(args, unsigned long)
                             : length == 2 ? va_arg(args, unsigned long long)
                                           : va_arg(args, size_t);
            text = digits_of(value, *format == 'x' ? 16 : 10, buffer_end);
            len = (size_t)(buffer_end - text);
            break;
        }
        case 'p': {
            char *digits =
                digits_of((uintptr_t)va_arg(args, void *), 16, buffer_end);
            *--digits = 'x';
            *--digits = '0';
            text = digits;
            len = (size_t)(buffer_end - digits);
            break;
        }
        case '%':
            text = "%";
            len = 1;
            break;
        default:
            /* Unknown or cut short: print it as written, so the mistake
               shows instead of swallowing an argument. */
            if (*format != '\0')
                format++;
            sink(context, conversion_start,
                 (size_t)(format - conversion_start));
            total += (size_t)(format - conversion_start);
            continue;
        }
        format++;
        total += emit_field(sink, context, &conversion, text, len);
    }
    return (int)total;
}

struct format_buffer {
    lib_format_writer writer;
    size_t len;
    char text[256];
};

static void flush(struct format_buffer *buffer) {
    if (buffer->len > 0)
        buffer->writer(buffer->text, buffer->len);
    buffer->len = 0;
}

static void buffer_sink(void *context, const char *text, size_t len) {
    struct format_buffer *buffer = context;
    for (size_t i = 0; i < len; i++) {
        if (buffer->len == sizeof(buffer->text))
            flush(buffer);
        buffer->text[buffer->len++] = text[i];
    }
}

int lib_format_print_buffered(lib_format_writer writer, const char *format,
                              va_list args) {
    /* Assigned field by field: an initialiser would zero the text too,
       which compilers do with a call to memset, a function lib/ leaves to
       the kernel (compiler_helpers.c is optional). */
    struct format_buffer buffer;
    buffer.writer = writer;
    buffer.len = 0;
    int written = lib_format_print(buffer_sink, &buffer, format, args);
    flush(&buffer);
    return written;
}
