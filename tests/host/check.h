/*
 * A minimal check macro for the host unit tests: on failure it prints the
 * file, line and condition and counts it; a test's main returns
 * check_report(), which prints a summary and gives the exit status. Also
 * count_other, for the tests that poison memory around what they write.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(condition)                                                       \
    do {                                                                       \
        check_count++;                                                         \
        if (!(condition)) {                                                    \
            check_failures++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #condition);                                               \
        }                                                                      \
    } while (0)

/* How many bytes of [start, end) are not `value`. The tests count over
   megabytes, many times: a stretch that memcmp finds all `value` is passed
   over, and only one that is not is counted byte by byte. */
static inline size_t count_other(const uint8_t *start, const uint8_t *end,
                                 uint8_t value) {
    static uint8_t same[4096];
    memset(same, value, sizeof(same));
    size_t other = 0;
    for (const uint8_t *at = start; at < end;) {
        size_t length = (size_t)(end - at) < sizeof(same) ? (size_t)(end - at)
                                                          : sizeof(same);
        if (memcmp(at, same, length) != 0)
            for (size_t i = 0; i < length; i++)
                other += at[i] != value;
        at += length;
    }
    return other;
}

static inline int check_report(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
