/*
 * Host unit tests of linker_copy_bytes (linker/apps.c), the copy behind the
 * slot loader and the ELF loader: every mutual alignment of source and
 * destination, every length of head and tail, the word loops' block sizes
 * and their edges. The bytes must arrive, and not one byte around the
 * destination or of the source may change. A source on the edge of a page
 * with no access on the other side shows that no read strays past it.
 */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS under -std=c11 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "linker/linker.h"

/* linker/apps.c defines the iterator too, which needs the table the packed
   apps define, and calls linker_zero_range in linker/layout.c, which
   refers to the symbols linker.ld defines: stand-ins, never used here. */
const struct app_meta apps = {.base = 0, .step = 0, .count = 0, .first = 0};
char __start[1], __rodata[1], __data[1], __sbss[1], __ebss[1], __boot[1],
    __end[1];

#define GUARD   64 /* poisoned bytes on each side of every copy */
#define POISON  0xa5
#define MAX_LEN (3 * 4096 + 300)

static uint8_t source[MAX_LEN + 64] __attribute__((aligned(64)));
static uint8_t memory[GUARD + 64 + MAX_LEN + GUARD]
    __attribute__((aligned(64)));

/* Source bytes from a simple generator, never POISON, so that a byte not
   copied, or copied from the wrong place, is seen. */
static void fill_source(void) {
    uint32_t state = 2024;
    for (size_t i = 0; i < sizeof(source); i++) {
        state = state * 1103515245 + 12345;
        source[i] = (uint8_t)(state >> 16);
        if (source[i] == POISON)
            source[i] = 0;
    }
}

/* Copies len bytes from source + source_offset to memory + GUARD +
   destination_offset; true if exactly those bytes arrived, with every
   byte around them and the source as they were. */
static int copy_is_exact(size_t source_offset, size_t destination_offset,
                         size_t len) {
    static uint8_t source_before[sizeof(source)];
    memcpy(source_before, source, sizeof(source));
    memset(memory, POISON, sizeof(memory));
    uint8_t *to = memory + GUARD + destination_offset;
    const uint8_t *from = source + source_offset;
    linker_copy_bytes((uintptr_t)to, (uintptr_t)from, len);
    return memcmp(to, from, len) == 0 && count_other(memory, to, POISON) == 0 &&
           count_other(to + len, memory + sizeof(memory), POISON) == 0 &&
           memcmp(source, source_before, sizeof(source)) == 0;
}

/* The lengths each pair of alignments is tried with: none, the head
   alone (under 8), one word with or without bytes around it, one word
   loop's worth of words (16 = 128 bytes) and its neighbours, several
   blocks plus whole words plus bytes, and pages. */
static const size_t lengths[] = {
    0,
    1,
    2,
    3,
    5,
    7,
    8,
    9,
    15,
    16,
    17,
    23,
    24,
    63,
    64,
    65,
    119,
    120,
    121,
    127,
    128,
    129,
    135,
    136,
    137,
    255,
    256,
    257,
    383,
    384,
    385,
    391,
    999,
    1000,
    4096,
    4097,
    3 * 4096 + 300,
};

/* Every source alignment against every destination alignment (0..15
   covers each of the 64 mutual alignments, and each with and without a
   head), with every length class. */
static void test_alignments_and_lengths(void) {
    size_t failures = 0;
    for (size_t source_offset = 0; source_offset < 16; source_offset++)
        for (size_t destination_offset = 0; destination_offset < 16;
             destination_offset++)
            for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
                if (!copy_is_exact(source_offset, destination_offset,
                                   lengths[i])) {
                    failures++;
                    fprintf(stderr,
                            "copy of %zu bytes from offset %zu to offset "
                            "%zu is wrong\n",
                            lengths[i], source_offset, destination_offset);
                }
    CHECK(failures == 0);
}

/* Every length from 0 to 300 at a few alignments: each count of head
   bytes, whole words and tail bytes in turn. */
static void test_every_short_length(void) {
    static const size_t offsets[][2] = {{0, 0}, {3, 0}, {0, 5}, {7, 1}};
    size_t failures = 0;
    for (size_t pair = 0; pair < sizeof(offsets) / sizeof(offsets[0]); pair++)
        for (size_t len = 0; len <= 300; len++)
            failures += !copy_is_exact(offsets[pair][0], offsets[pair][1], len);
    CHECK(failures == 0);
}

/* A source that starts at a page's first byte, or ends at its last, with
   no access to the pages on either side: a read before the first byte's
   word or past the last byte's word would kill the test with SIGSEGV. */
static void test_source_on_page_edges(void) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uint8_t *pages = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED);
    if (pages == MAP_FAILED)
        return;
    uint8_t *middle = pages + page;
    memcpy(middle, source, page);
    CHECK(mprotect(pages, page, PROT_NONE) == 0);
    CHECK(mprotect(middle + page, page, PROT_NONE) == 0);

    size_t failures = 0;
    static uint8_t destination[4096 + 16] __attribute__((aligned(8)));
    for (size_t len = 1; len <= 300 && len <= page; len++) {
        for (size_t destination_offset = 0; destination_offset < 8;
             destination_offset++) {
            uint8_t *to = destination + destination_offset;
            /* From the page's first byte. */
            linker_copy_bytes((uintptr_t)to, (uintptr_t)middle, len);
            failures += memcmp(to, middle, len) != 0;
            /* Up to the page's last byte: the source starts at every
               alignment as len goes on. */
            const uint8_t *from = middle + page - len;
            linker_copy_bytes((uintptr_t)to, (uintptr_t)from, len);
            failures += memcmp(to, from, len) != 0;
        }
    }
    CHECK(failures == 0);
    munmap(pages, 3 * page);
}

int main(void) {
    fill_source();
    test_alignments_and_lengths();
    test_every_short_length();
    test_source_on_page_edges();
    return check_report("test_copy");
}
