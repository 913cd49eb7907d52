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

/* How many bytes of [start, end) are not `value`. */
static inline size_t count_other(const uint8_t *start, const uint8_t *end,
                                 uint8_t value) {
    size_t other = 0;
    for (const uint8_t *at = start; at < end; at++)
        other += *at != value;
    return other;
}

static inline int check_report(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
