/*
 * KTESTs of linker_copy_bytes (linker/apps.c) on the real machine (ktest
 * builds only): the RISC-V build of the copy the slot loader and the ELF
 * loader run, at every mutual alignment of source and destination and at
 * lengths on both sides of its word loops' edges. tests/host/test_copy.c
 * tests the same C, more widely, on the host.
 */
#include <stdint.h>

#include "ktest.h"
#include "lib/compiler_helpers.h"
#include "linker/linker.h"

#define MAX_LEN 320
#define POISON  0xa5

/* Source bytes, none of them the poison, so that a byte copied from the
   wrong place or not at all shows. */
static uint8_t source[8 + MAX_LEN] __attribute__((aligned(8)));

/* The copies land in the scratch slot, 64 poisoned bytes from its start
   plus 0 to 7; all of [AREA, AREA_END) is poisoned before each. */
#define AREA     KTEST_SCRATCH_SLOT
#define AREA_END (AREA + 64 + 8 + MAX_LEN + 64)

/* Copies len bytes from source + from to AREA + 64 + to: the bytes arrive,
   and not one byte around them changes. */
static void check_copy(unsigned from, unsigned to, unsigned len) {
    uintptr_t destination = AREA + 64 + to;
    ktest_fill(AREA, AREA_END, POISON);
    linker_copy_bytes(destination, (uintptr_t)source + from, len);
    KTEST_CHECK(memcmp((const void *)destination, source + from, len) == 0);
    KTEST_CHECK_EQUAL(ktest_first_not(AREA, destination, POISON), destination);
    KTEST_CHECK_EQUAL(ktest_first_not(destination + len, AREA_END, POISON),
                      AREA_END);
}

KTEST(linker_copy_bytes_every_alignment_and_length) {
    /* Empty; bytes only; a word with and without bytes around it; a block
       of 16 words (128 bytes) and its neighbours; two blocks and more. */
    static const unsigned lengths[] = {0,   1,   7,   8,   9,      15,
                                       16,  17,  127, 128, 129,    135,
                                       136, 255, 256, 257, MAX_LEN};
    for (unsigned i = 0; i < sizeof(source); i++) {
        uint8_t byte = (uint8_t)(i * 7 + 1);
        source[i] = byte == POISON ? 0 : byte;
    }
    for (unsigned from = 0; from < 8; from++)
        for (unsigned to = 0; to < 8; to++)
            for (unsigned i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
                check_copy(from, to, lengths[i]);
}
