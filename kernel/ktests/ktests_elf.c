/*
 * KTESTs of the ELF loader, kernel/elf.c, on an image made here in memory
 * (ktest builds only): the good image loads, and each broken field is
 * refused with its reason before a byte of the slot is written.
 * tests/cases/elf_rejections.exp does the same through a batch of files.
 */
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "ktest.h"
#include "lib/compiler_helpers.h"
#include "lib/text.h"
#include "linker/linker.h"

/* Field offsets from the ELF64 specification, written out here rather than
   taken from elf.c's structs, so that a mistake there would show. */
#define E_CLASS     4
#define E_DATA      5
#define E_VERSION   6
#define E_TYPE      16
#define E_MACHINE   18
#define E_ENTRY     24
#define E_PHOFF     32
#define E_EHSIZE    52
#define E_PHENTSIZE 54
#define E_PHNUM     56
#define P_TYPE      0
#define P_FLAGS     4
#define P_OFFSET    8
#define P_VADDR     16
#define P_FILESZ    32
#define P_MEMSZ     40
#define PH(i)       (64 + (i)*56) /* where program header i starts */
/* Bits of p_flags: the segment's rights. */
#define PF_X 1
#define PF_W 2
#define PF_R 4

/* The image: a header, two program headers, then 16 bytes loaded twice:
   as code at the start of the slot (read and execute, with 16 bytes of bss
   after it) and as data at DATA (read and write). The entry is byte 4 of
   the code. */
#define SLOT      KTEST_SCRATCH_SLOT
#define DATA      (SLOT + 0x1000)
#define BYTES     PH(2)
#define BYTES_LEN 16
#define CODE_MEM  (2 * BYTES_LEN)
#define TOUCHED   (DATA + 0x1000) /* everything the image could write */

static uint8_t image[BYTES + BYTES_LEN];

static void put(size_t offset, uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; i++)
        image[offset + i] = (uint8_t)(value >> (8 * i));
}

static void make_good_image(void) {
    memset(image, 0, sizeof(image));
    memcpy(image,
           "\x7f"
           "ELF",
           4);
    put(E_CLASS, 2, 1);
    put(E_DATA, 1, 1);
    put(E_VERSION, 1, 1);
    put(E_TYPE, 2, 2);
    put(E_MACHINE, 243, 2);
    put(E_ENTRY, SLOT + 4, 8);
    put(E_PHOFF, PH(0), 8);
    put(E_EHSIZE, 64, 2);
    put(E_PHENTSIZE, 56, 2);
    put(E_PHNUM, 2, 2);
    for (unsigned i = 0; i < 2; i++) {
        put(PH(i) + P_TYPE, 1, 4);
        put(PH(i) + P_OFFSET, BYTES, 8);
        put(PH(i) + P_FILESZ, BYTES_LEN, 8);
    }
    put(PH(0) + P_FLAGS, PF_R | PF_X, 4);
    put(PH(0) + P_VADDR, SLOT, 8);
    put(PH(0) + P_MEMSZ, CODE_MEM, 8);
    put(PH(1) + P_FLAGS, PF_R | PF_W, 4);
    put(PH(1) + P_VADDR, DATA, 8);
    put(PH(1) + P_MEMSZ, BYTES_LEN, 8);
    for (unsigned i = 0; i < BYTES_LEN; i++)
        image[BYTES + i] = (uint8_t)(0x10 + i);
}

KTEST(elf_load_copies_each_segment) {
    make_good_image();
    ktest_fill(SLOT, TOUCHED, 0xa5);
    uintptr_t entry = 0;
    const char *problem = elf_load(image, sizeof(image), SLOT, &entry);
    if (problem != NULL)
        KTEST_FAIL("the good image was refused: %s", problem);
    KTEST_CHECK_EQUAL(entry, SLOT + 4);
    KTEST_CHECK(memcmp((const void *)SLOT, image + BYTES, BYTES_LEN) == 0);
    KTEST_CHECK(memcmp((const void *)DATA, image + BYTES, BYTES_LEN) == 0);
    /* Nothing else: bss is left to the slot, which the caller zeroed. */
    KTEST_CHECK_EQUAL(ktest_first_not(SLOT + BYTES_LEN, DATA, 0xa5), DATA);
    KTEST_CHECK_EQUAL(ktest_first_not(DATA + BYTES_LEN, TOUCHED, 0xa5),
                      TOUCHED);
}

/* Loads the good image with its second segment made odd: `type`,
   `memory_size` bytes at 0x1000 (outside the slot), no bytes in the file. */
static const char *load_with_odd_second_segment(uint32_t type,
                                                uint64_t memory_size) {
    make_good_image();
    put(PH(1) + P_TYPE, type, 4);
    put(PH(1) + P_VADDR, 0x1000, 8);
    put(PH(1) + P_FILESZ, 0, 8);
    put(PH(1) + P_MEMSZ, memory_size, 8);
    ktest_fill(SLOT, TOUCHED, 0xa5);
    uintptr_t entry;
    return elf_load(image, sizeof(image), SLOT, &entry);
}

/* A segment that is not PT_LOAD, or is empty, is neither checked nor
   loaded: a linker may leave one anywhere. */
KTEST(elf_load_skips_other_and_empty_segments) {
    const char *problem = load_with_odd_second_segment(4 /* PT_NOTE */, 16);
    if (problem != NULL)
        KTEST_FAIL("with a PT_NOTE segment: %s", problem);
    KTEST_CHECK_EQUAL(ktest_first_not(DATA, TOUCHED, 0xa5), TOUCHED);
    problem = load_with_odd_second_segment(1 /* PT_LOAD */, 0);
    if (problem != NULL)
        KTEST_FAIL("with an empty segment: %s", problem);
    KTEST_CHECK_EQUAL(ktest_first_not(DATA, TOUCHED, 0xa5), TOUCHED);
}

/* One field of the good image changed (or its size cut), and the reason
   elf_load must give. */
struct broken_image {
    size_t offset;
    unsigned size; /* bytes of the field; 0: change nothing */
    uint64_t value;
    size_t image_size; /* 0: the whole image */
    const char *reason;
};

static const struct broken_image broken_images[] = {
    {0, 1, 0, 0, "not an ELF file"},
    {0, 0, 0, 3, "not an ELF file"},
    {0, 0, 0, 63, "too short for an ELF header"},
    {E_CLASS, 1, 1, 0, "not a 64-bit ELF file"},
    {E_DATA, 1, 2, 0, "not a little-endian ELF file"},
    {E_MACHINE, 2, 62, 0, "not a RISC-V ELF file"},
    {E_TYPE, 2, 3, 0, "not an executable (ET_EXEC) ELF file"},
    {E_PHENTSIZE, 2, 64, 0, "program headers of the wrong size"},
    {E_PHOFF, 8, BYTES, 0, "program headers past the end of the file"},
    {E_PHOFF, 8, UINT64_MAX - 7, 0, "program headers past the end of the file"},
    {E_PHNUM, 2, 0xffff, 0, "program headers past the end of the file"},
    {E_PHNUM, 2, 0, 0, "no loadable segment"},
    {PH(0) + P_TYPE, 4, 2, 0,
     "the entry point is not in an executable segment"},
    {E_ENTRY, 8, SLOT + CODE_MEM, 0,
     "the entry point is not in an executable segment"},
    {E_ENTRY, 8, SLOT - 2, 0,
     "the entry point is not in an executable segment"},
    /* In a segment, but one of data: or in code that is not executable. */
    {E_ENTRY, 8, DATA, 0, "the entry point is not in an executable segment"},
    {PH(0) + P_FLAGS, 4, PF_R | PF_W, 0,
     "the entry point is not in an executable segment"},
    /* An instruction starts on an even address (rv64imac: 2 or 4 bytes). */
    {E_ENTRY, 8, SLOT + 5, 0, "the entry point is not 2-byte aligned"},
    {E_ENTRY, 8, SLOT + 1, 0, "the entry point is not 2-byte aligned"},
    {PH(0) + P_FILESZ, 8, CODE_MEM + 1, 0,
     "a segment's file size is larger than its memory size"},
    {0, 0, 0, BYTES + BYTES_LEN - 1, "a segment lies past the end of the file"},
    {PH(0) + P_OFFSET, 8, UINT64_MAX - 7, 0,
     "a segment lies past the end of the file"},
    {PH(0) + P_VADDR, 8, SLOT - 1, 0, "a segment lies outside the app's slot"},
    {PH(0) + P_VADDR, 8, SLOT + APP_SLOT_SIZE - CODE_MEM + 1, 0,
     "a segment lies outside the app's slot"},
    {PH(0) + P_MEMSZ, 8, UINT64_MAX, 0,
     "a segment lies outside the app's slot"},
    /* The first segment is good: it must not be loaded either. */
    {PH(1) + P_VADDR, 8, SLOT + APP_SLOT_SIZE, 0,
     "a segment lies outside the app's slot"},
    /* Bytes to copy but no memory: not an empty segment to skip. */
    {PH(1) + P_MEMSZ, 8, 0, 0,
     "a segment's file size is larger than its memory size"},
};

KTEST(elf_load_refuses_broken_images_untouched) {
    for (unsigned i = 0; i < sizeof(broken_images) / sizeof(broken_images[0]);
         i++) {
        const struct broken_image *broken = &broken_images[i];
        make_good_image();
        put(broken->offset, broken->value, broken->size);
        ktest_fill(SLOT, TOUCHED, 0xa5);
        uintptr_t entry = 0;
        const char *problem = elf_load(
            image, broken->image_size ? broken->image_size : sizeof(image),
            SLOT, &entry);
        if (problem == NULL || lib_strcmp(problem, broken->reason) != 0)
            KTEST_FAIL("broken image %u: \"%s\", wanted \"%s\"", i,
                       problem ? problem : "loaded", broken->reason);
        KTEST_CHECK_EQUAL(ktest_first_not(SLOT, TOUCHED, 0xa5), TOUCHED);
    }
}
