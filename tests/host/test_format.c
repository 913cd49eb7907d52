/*
 * Host unit tests of lib/format.c, the printf engine of the kernel and the
 * apps: every conversion, length modifier and flag it supports, compared
 * with strings written out by hand (not with the host's printf).
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "lib/format.h"

struct capture {
    char text[256];
    size_t len;
    int calls;
};

static void capture_sink(void *context, const char *text, size_t len) {
    struct capture *capture = context;
    memcpy(capture->text + capture->len, text, len);
    capture->len += len;
    capture->text[capture->len] = '\0';
    capture->calls++;
}

static struct capture captured;

static int format(const char *format, ...) {
    va_list args;
    va_start(args, format);
    memset(&captured, 0, sizeof(captured));
    int written = lib_format_print(capture_sink, &captured, format, args);
    va_end(args);
    return written;
}

#define CHECK_FORMAT(wanted, ...)                                              \
    do {                                                                       \
        int written = format(__VA_ARGS__);                                     \
        CHECK(strcmp(captured.text, wanted) == 0);                             \
        CHECK(written == (int)strlen(wanted));                                 \
        if (strcmp(captured.text, wanted) != 0)                                \
            fprintf(stderr, "  got \"%s\", wanted \"%s\"\n", captured.text,    \
                    wanted);                                                   \
    } while (0)

int main(void) {
    CHECK_FORMAT("plain text", "plain text");
    CHECK_FORMAT("", "");
    CHECK_FORMAT("c=x", "c=%c", 'x');
    CHECK_FORMAT("s=hello!", "s=%s!", "hello");
    CHECK_FORMAT("(null)", "%s", (char *)NULL);
    CHECK_FORMAT("0 42 -42", "%d %d %i", 0, 42, -42);
    CHECK_FORMAT("-2147483648", "%d", INT32_MIN);
    CHECK_FORMAT("4294967295", "%u", UINT32_MAX);
    CHECK_FORMAT("ff 0", "%x %x", 255, 0);
    CHECK_FORMAT("80200000", "%lx", 0x80200000UL);
    CHECK_FORMAT("ffffffffffffffff", "%lx", UINT64_MAX);
    CHECK_FORMAT("-9223372036854775808", "%ld", INT64_MIN);
    CHECK_FORMAT("18446744073709551615", "%llu", 18446744073709551615ULL);
    CHECK_FORMAT("123456789012", "%zu", (size_t)123456789012ULL);
    CHECK_FORMAT("0x80400000", "%p", (void *)0x80400000UL);
    CHECK_FORMAT("100%", "100%%");
    CHECK_FORMAT("[   42]", "[%5d]", 42);
    CHECK_FORMAT("[00042]", "[%05d]", 42);
    CHECK_FORMAT("[-0042]", "[%05d]", -42);
    CHECK_FORMAT("[42   ]", "[%-5d]", 42);
    CHECK_FORMAT("[.text  ]", "[%-7s]", ".text");
    CHECK_FORMAT("[0000beef]", "[%08x]", 0xbeef);
    CHECK_FORMAT("[toolong]", "[%3s]", "toolong");
    CHECK_FORMAT("[                    x]", "[%21c]", 'x'); /* > 16 pads */
    /* An unknown conversion is printed as written and eats no argument. */
    CHECK_FORMAT("%q 7", "%q %d", 7);
    CHECK_FORMAT("end%", "end%");

    /* Literal runs reach the sink whole, not a character at a time. */
    format("hello, world %d and more text", 1);
    CHECK(captured.calls == 3);

    return check_report("test_format");
}
