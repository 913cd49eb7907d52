/*
 * The filter between an app's write() (syscall.c) and the console: every
 * byte an app prints passes through here on its way out. Ordinary text goes
 * through unchanged, UTF-8 included. What would not:
 *   - control bytes but newline and tab (0x00-0x1f, 0x7f), and the C1
 *     controls that UTF-8 spells 0xc2 0x80..0x9f, which some terminals act
 *     on too, are shown as \xNN: no escape sequence reaches the terminal;
 *   - a line the app begins with "[kernel]" shows its '[' as \x5b: the
 *     kernel's lines begin so (log.c), and no reader, nor any parser
 *     anchored at the start of a line, can take the app's for one of them.
 * An app may split its output across writes anywhere, so a line start that
 * is still a prefix of "[kernel]", or a 0xc2 at the end of a write, is held
 * back until the app's next byte decides; app_output_flush writes it out as
 * it is, when the app ends. What is held is the app's own (struct
 * app_output): apps that run together (the slots mode) cannot finish one
 * another's tag or C1 control.
 */
#include "app_output.h"

#include <stdbool.h>
#include <stdint.h>

#include "lib/console.h"

static const char kernel_tag[] = "[kernel]";
#define KERNEL_TAG_LEN (sizeof(kernel_tag) - 1)
/* The first byte of U+0080..U+00BF in UTF-8; one of 0x80..0x9f after it
   makes a C1 control (0xc2 0x9b is CSI, the ESC [ of 8-bit terminals). */
#define C1_LEAD_BYTE 0xc2

/* What goes to the console next, in one write. */
static struct {
    char bytes[64];
    size_t len;
} out;

static void send(void) {
    lib_console_write(out.bytes, out.len);
    out.len = 0;
}

static void emit(const char *text, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (out.len == sizeof(out.bytes))
            send();
        out.bytes[out.len++] = text[i];
    }
}

static void emit_byte(uint8_t byte) {
    emit((const char *)&byte, 1);
}

static void emit_escaped(uint8_t byte) {
    static const char digits[] = "0123456789abcdef";
    char text[4] = {'\\', 'x', digits[byte >> 4], digits[byte & 0xf]};
    emit(text, sizeof(text));
}

/* The console's last byte, or the last one waiting in out, is a newline. */
static bool at_line_start(void) {
    if (out.len > 0)
        return out.bytes[out.len - 1] == '\n';
    return lib_console_at_line_start();
}

static bool is_control(uint8_t byte) {
    return (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f;
}

static void filter(struct app_output *output, uint8_t byte) {
    if (output->lead_held) {
        output->lead_held = false;
        if (byte >= 0x80 && byte <= 0x9f) {
            emit_escaped(C1_LEAD_BYTE);
            emit_escaped(byte);
            return;
        }
        /* A character of U+00A0..U+00BF, or bad UTF-8 the terminal shows
           as such: the byte after it is handled on its own, below. */
        emit_byte(C1_LEAD_BYTE);
    } else if (output->tag_held > 0 || at_line_start()) {
        if (byte == (uint8_t)kernel_tag[output->tag_held]) {
            if (++output->tag_held == KERNEL_TAG_LEN) {
                emit_escaped('[');
                emit(kernel_tag + 1, KERNEL_TAG_LEN - 1);
                output->tag_held = 0;
            }
            return;
        }
        /* Not the tag after all: what was held goes out as it came. */
        emit(kernel_tag, output->tag_held);
        output->tag_held = 0;
    }

    if (byte == C1_LEAD_BYTE)
        output->lead_held = true;
    else if (is_control(byte))
        emit_escaped(byte);
    else
        emit_byte(byte);
}

void app_output_write(struct app_output *output, const char *bytes,
                      size_t len) {
    for (size_t i = 0; i < len; i++)
        filter(output, (uint8_t)bytes[i]);
    send();
}

void app_output_flush(struct app_output *output) {
    emit(kernel_tag, output->tag_held);
    output->tag_held = 0;
    if (output->lead_held)
        emit_byte(C1_LEAD_BYTE);
    output->lead_held = false;
    send();
}
