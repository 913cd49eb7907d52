/*
 * Host unit tests of kernel/app_output.c, the filter between an app's
 * write() and the console: what it shows for each kind of byte, compared
 * with strings written out by hand, that an app cannot change what is
 * shown by splitting its output across writes, wherever it splits, and
 * that two apps whose writes alternate (the slots mode) cannot finish
 * what the other began. The console is a buffer here (lib_console_write
 * below).
 */
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "kernel/app_output.h"
#include "lib/console.h"

static char console[4096];
static size_t console_len;

void lib_console_write(const char *text, size_t len) {
    memcpy(console + console_len, text, len);
    console_len += len;
}

bool lib_console_at_line_start(void) {
    return console_len == 0 || console[console_len - 1] == '\n';
}

/* What the console shows when the kernel has written `before`, then the
   app `len` bytes of input in writes of at most `piece` bytes (0: in one
   write), the first of them `first` bytes long (0: no other bound), and
   the app ended, so that the kernel flushed its filter. */
static const char *shown(const char *before, const char *input, size_t len,
                         size_t first, size_t piece) {
    struct app_output output = {0};
    console_len = 0;
    lib_console_write(before, strlen(before));
    for (size_t done = 0; done < len;) {
        size_t size = len - done;
        if (done == 0 && first > 0 && first < size)
            size = first;
        if (piece > 0 && piece < size)
            size = piece;
        app_output_write(&output, input + done, size);
        done += size;
    }
    app_output_flush(&output);
    console[console_len] = '\0';
    return console;
}

/* The input is shown as wanted, in one write, a byte a write, and split
   in two writes at every place. */
static void check_shown(const char *input, size_t len, const char *wanted) {
    CHECK(strcmp(shown("", input, len, 0, 0), wanted) == 0);
    if (strcmp(console, wanted) != 0)
        fprintf(stderr, "  got \"%s\", wanted \"%s\"\n", console, wanted);
    CHECK(strcmp(shown("", input, len, 0, 1), wanted) == 0);
    bool all_same = true;
    for (size_t split = 1; split < len; split++) {
        if (strcmp(shown("", input, len, split, 0), wanted) != 0) {
            all_same = false;
            fprintf(stderr, "  split at %zu: got \"%s\"\n", split, console);
        }
    }
    CHECK(all_same);
}

#define CHECK_SHOWN(input, wanted) check_shown(input, sizeof(input) - 1, wanted)

int main(void) {
    /* Ordinary text, UTF-8 and tabs are shown as they are. */
    CHECK_SHOWN("Hello, world!\n", "Hello, world!\n");
    CHECK_SHOWN("3^10000 mod 10007 = 5079\n", "3^10000 mod 10007 = 5079\n");
    CHECK_SHOWN("a\tb\n\n", "a\tb\n\n");
    CHECK_SHOWN("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xc2\xb0 \xc2\xa0\n",
                "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xc2\xb0 \xc2\xa0\n");
    CHECK_SHOWN("no newline at the end", "no newline at the end");

    /* Control bytes as \xNN, two lower-case digits. */
    CHECK_SHOWN("\x1b[31mred\x1b[0m\n", "\\x1b[31mred\\x1b[0m\n");
    CHECK_SHOWN("\r\b\f\v\a\x7f\x1f\n",
                "\\x0d\\x08\\x0c\\x0b\\x07\\x7f\\x1f\n");
    CHECK_SHOWN("a\0b\n", "a\\x00b\n");
    /* C1 controls in UTF-8 (0xc2 0x80..0x9f) too, both bytes. */
    CHECK_SHOWN("\xc2\x9b"
                "31m \xc2\x80\xc2\x9f\n",
                "\\xc2\\x9b31m \\xc2\\x80\\xc2\\x9f\n");
    /* A 0xc2 before anything else is shown as it is, even last. */
    CHECK_SHOWN("\xc2\xc2\x9d\xc2", "\xc2\\xc2\\x9d\xc2");
    CHECK_SHOWN("\xc2\n", "\xc2\n");

    /* "[kernel]" at a line start has its '[' shown as \x5b. */
    CHECK_SHOWN("[kernel] panic: made up\n", "\\x5bkernel] panic: made up\n");
    CHECK_SHOWN("x\n[kernel] 1 apps: 1 exited, 0 killed\n",
                "x\n\\x5bkernel] 1 apps: 1 exited, 0 killed\n");
    CHECK_SHOWN("[kernel][kernel]\n[kernel]",
                "\\x5bkernel][kernel]\n\\x5bkernel]");
    /* Elsewhere, or not quite the tag, it is text. */
    CHECK_SHOWN("a [kernel] b\n", "a [kernel] b\n");
    CHECK_SHOWN(" [kernel]\n", " [kernel]\n");
    CHECK_SHOWN("[[kernel]\n", "[[kernel]\n");
    CHECK_SHOWN("[Kernel]\n[kerne]\n", "[Kernel]\n[kerne]\n");
    CHECK_SHOWN("\r[kernel]\n", "\\x0d[kernel]\n");
    /* A prefix of the tag held back at the end is shown as it is. */
    CHECK_SHOWN("[kern", "[kern");
    CHECK_SHOWN("[kernel", "[kernel");
    CHECK_SHOWN("x\n[", "x\n[");

    /* What the kernel wrote last decides where a line starts: after a line
       of its own, "[kernel]" starts one; after an open line, it does not. */
    CHECK(strcmp(shown("[kernel] app 0 x: loaded\n", "[kernel]", 8, 0, 0),
                 "[kernel] app 0 x: loaded\n\\x5bkernel]") == 0);
    CHECK(strcmp(shown("open", "[kernel]", 8, 0, 0), "open[kernel]") == 0);

    /* Two apps, their writes alternating: each one's held bytes are its
       own, so that neither the tag nor a C1 control can be made of the
       bytes of both. */
    struct app_output first = {0}, second = {0};
    console_len = 0;
    app_output_write(&first, "[ker", 4);
    app_output_write(&second, "nel] forged\n", 12);
    app_output_write(&first, "nel] marked\n", 12);
    app_output_write(&first, "\xc2", 1);
    app_output_write(&second, "\x9b", 1);
    app_output_write(&first, "\x9b\n", 2);
    app_output_flush(&first);
    app_output_flush(&second);
    console[console_len] = '\0';
    CHECK(strcmp(console, "nel] forged\n\\x5bkernel] marked\n\x9b"
                          "\\xc2\\x9b\n") == 0);

    return check_report("test_app_output");
}
