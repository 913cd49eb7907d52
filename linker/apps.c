/*
 * The apps packed into the kernel image (host/pack_apps.c writes the table):
 * locating the table and the apps' names, and handing out one app per call,
 * copied into its slot first when the table asks for it. The batch kernel's
 * loop runs on this, after apps_check.c has checked the table, and its ELF
 * loader copies segments with the same linker_copy_bytes.
 */
#include "linker.h"

/* The table's symbol: `apps`, unless the apps were packed with --symbol
   NAME, which also names the list of names NAME_names. */
#define LINKER_JOIN(a, b)       a##b
#define LINKER_NAMES_OF(symbol) LINKER_JOIN(symbol, _names)
#ifndef LINKER_APPS_SYMBOL
#define LINKER_APPS_SYMBOL      apps
#define LINKER_APP_NAMES_SYMBOL app_names
#else
#define LINKER_APP_NAMES_SYMBOL LINKER_NAMES_OF(LINKER_APPS_SYMBOL)
#endif

/* Defined by the packed apps, not by the library or the script; the names
   are weak, so that a table without them still links. */
extern const struct app_meta LINKER_APPS_SYMBOL;
extern const char LINKER_APP_NAMES_SYMBOL[] __attribute__((weak));

const struct app_meta *app_meta_locate(void) {
    return &LINKER_APPS_SYMBOL;
}

struct app_iter app_meta_iter(const struct app_meta *meta) {
    return (struct app_iter){.meta = meta, .index = 0};
}

/* The names' address, read from data: a weak symbol left undefined is 0,
   which code at 0x80200000 cannot reach pc-relative (ld.lld refuses the
   link: R_RISCV_PCREL_HI20 out of range), while a 64-bit address in data
   holds 0 as well as any other. Volatile, so that the compiler reads it
   rather than turn it back into a pc-relative reference. */
static const char *const volatile app_names_address = LINKER_APP_NAMES_SYMBOL;

const char *linker_app_names(void) {
    return app_names_address;
}

const char *linker_app_name(const char *names, uint64_t index) {
    if (names == NULL)
        return NULL;
    for (uint64_t i = 0; i < index; i++) {
        while (*names != '\0')
            names++;
        names++;
    }
    return names;
}

void linker_sync_instructions(void) {
#if defined(__riscv)
    /* fence.i, spelt as the instruction it is (MISC-MEM, funct3 1): GNU
       as takes the mnemonic only when -march names Zifencei, which a host
       kernel's flags may not; .insn takes any. */
    __asm__ volatile(".insn i 0x0f, 1, x0, x0, 0" ::: "memory");
#endif
}

/* An 8-byte word that may hold the bytes of any object: the copy reads and
   writes every kind of data through it. */
typedef uint64_t __attribute__((may_alias)) copy_word;

#define WORD_SIZE sizeof(copy_word)

/* Both addresses aligned: a load and a store per word, 16 words a loop, so
   that the loop's own adds and branch are paid once per 128 bytes. */
static void copy_aligned_words(uintptr_t destination, uintptr_t source,
                               size_t words) {
    volatile copy_word *to = (volatile copy_word *)destination;
    const copy_word *from = (const copy_word *)source;
    const copy_word *blocks_end = from + words / 16 * 16;
    while (from != blocks_end) {
        to[0] = from[0], to[1] = from[1], to[2] = from[2], to[3] = from[3];
        to[4] = from[4], to[5] = from[5], to[6] = from[6], to[7] = from[7];
        to[8] = from[8], to[9] = from[9], to[10] = from[10];
        to[11] = from[11], to[12] = from[12], to[13] = from[13];
        to[14] = from[14], to[15] = from[15];
        to += 16, from += 16;
    }
    for (const copy_word *end = from + words % 16; from != end;)
        *to++ = *from++;
}

/*
 * An aligned destination, a source 1 to 7 bytes past a word boundary.
 * Misaligned loads would be one instruction each on QEMU, but real harts
 * may trap on them (and have the firmware emulate each, at a hundred
 * instructions and more) or run them slowly. So every load is aligned too:
 * each word written is the top bytes of one aligned source word and the
 * bottom bytes of the next (little-endian: the earlier bytes are the low
 * ones): two shifts and an or per word, still far fewer instructions than
 * copying byte by byte.
 *
 * Each aligned word read holds at least one byte of the source, so the
 * copy never reads a page the source does not lie on.
 *
 * Out of line: its 17 words in registers take callee-saved ones, which
 * the aligned path, the common one, then need not save and restore.
 */
__attribute__((noinline)) static void
copy_shifted_words(uintptr_t destination, uintptr_t source, size_t words) {
    if (words == 0)
        return;
    unsigned low_shift = source % WORD_SIZE * 8; /* 8 to 56 */
    unsigned high_shift = 64 - low_shift;
    volatile copy_word *to = (volatile copy_word *)destination;
    const copy_word *from = (const copy_word *)(source - source % WORD_SIZE);
    const copy_word *blocks_end = from + words / 16 * 16;
    /* w0, the aligned word that holds the next byte to copy, is always
       loaded already: each loop loads the words after it. */
    copy_word w0 = from[0];
    while (from != blocks_end) {
        copy_word w1 = from[1], w2 = from[2], w3 = from[3], w4 = from[4];
        copy_word w5 = from[5], w6 = from[6], w7 = from[7], w8 = from[8];
        copy_word w9 = from[9], w10 = from[10], w11 = from[11];
        copy_word w12 = from[12], w13 = from[13], w14 = from[14];
        copy_word w15 = from[15], w16 = from[16];
        to[0] = w0 >> low_shift | w1 << high_shift;
        to[1] = w1 >> low_shift | w2 << high_shift;
        to[2] = w2 >> low_shift | w3 << high_shift;
        to[3] = w3 >> low_shift | w4 << high_shift;
        to[4] = w4 >> low_shift | w5 << high_shift;
        to[5] = w5 >> low_shift | w6 << high_shift;
        to[6] = w6 >> low_shift | w7 << high_shift;
        to[7] = w7 >> low_shift | w8 << high_shift;
        to[8] = w8 >> low_shift | w9 << high_shift;
        to[9] = w9 >> low_shift | w10 << high_shift;
        to[10] = w10 >> low_shift | w11 << high_shift;
        to[11] = w11 >> low_shift | w12 << high_shift;
        to[12] = w12 >> low_shift | w13 << high_shift;
        to[13] = w13 >> low_shift | w14 << high_shift;
        to[14] = w14 >> low_shift | w15 << high_shift;
        to[15] = w15 >> low_shift | w16 << high_shift;
        w0 = w16;
        to += 16, from += 16;
    }
    for (const copy_word *end = from + words % 16; from != end; from++) {
        copy_word next = from[1];
        *to++ = w0 >> low_shift | next << high_shift;
        w0 = next;
    }
}

void linker_copy_bytes(uintptr_t destination, uintptr_t source, size_t len) {
    /* Bytes until the destination is aligned: at most 7. */
    while (len > 0 && destination % WORD_SIZE != 0) {
        *(volatile uint8_t *)destination++ = *(const uint8_t *)source++;
        len--;
    }

    /* Then whole words, as the source's alignment allows. */
    size_t words = len / WORD_SIZE;
    if (source % WORD_SIZE == 0)
        copy_aligned_words(destination, source, words);
    else
        copy_shifted_words(destination, source, words);
    destination += words * WORD_SIZE;
    source += words * WORD_SIZE;
    len -= words * WORD_SIZE;

    /* The bytes after the last whole word: at most 7. */
    while (len > 0) {
        *(volatile uint8_t *)destination++ = *(const uint8_t *)source++;
        len--;
    }
}

bool app_iter_next(struct app_iter *iter, const uint8_t **image, size_t *size) {
    const struct app_meta *meta = iter->meta;
    if (iter->index >= meta->count)
        return false;

    const uint64_t *addresses = &meta->first;
    uint64_t position = addresses[iter->index];
    uint64_t length = addresses[iter->index + 1] - position;

    if (meta->base != 0) {
        uint64_t slot = meta->base + iter->index * meta->step;
        linker_copy_bytes(slot, position, length);
        linker_zero_range(slot + length, slot + APP_SLOT_SIZE);
        linker_sync_instructions();
        position = slot;
    }
    iter->index++;
    *image = (const uint8_t *)(uintptr_t)position;
    *size = length;
    return true;
}
