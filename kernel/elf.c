/*
 * The in-place mode's loader (APP_BASE=0): batch.c hands it an app's ELF
 * file, where the packer left it in the kernel's .rodata, and it copies the
 * segments into the app's slot before app.c runs it. Images sit at any byte
 * offset in the kernel (the packer does not pad them), so headers are copied
 * out, instead of read in place with possibly misaligned loads, and segments
 * are copied by the linker library's linker_copy_bytes, with aligned word loads
 * and stores whatever the offset. Every size and offset in the file is checked
 * so that no sum can overflow.
 */
#include "elf.h"

#include <stdbool.h>

#include "lib/compiler_helpers.h"
#include "linker/linker.h"

/* The parts of the ELF64 file and program headers the loader reads. */
struct elf_header {
    uint8_t ident[16];
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint64_t entry;
    uint64_t program_header_offset;
    uint64_t section_header_offset;
    uint32_t flags;
    uint16_t header_size;
    uint16_t program_header_size;
    uint16_t program_header_count;
    uint16_t section_header_size;
    uint16_t section_header_count;
    uint16_t section_names_index;
};

struct elf_program_header {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t address;
    uint64_t physical_address;
    uint64_t file_size;
    uint64_t memory_size;
    uint64_t align;
};

_Static_assert(sizeof(struct elf_header) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf_program_header) == 56,
               "ELF64 program header is 56 bytes");

#define ELF_CLASS_64           2
#define ELF_DATA_LITTLE_ENDIAN 1
#define ELF_TYPE_EXECUTABLE    2
#define ELF_MACHINE_RISCV      243
#define ELF_SEGMENT_LOAD       1
#define ELF_SEGMENT_EXECUTE    1 /* p_flags: PF_X */

/* True if [offset, offset + len) lies inside [0, size). */
static bool fits(uint64_t offset, uint64_t len, uint64_t size) {
    return offset <= size && len <= size - offset;
}

static const char *check_header(const struct elf_header *header, size_t size) {
    if (header->ident[4] != ELF_CLASS_64)
        return "not a 64-bit ELF file";
    if (header->ident[5] != ELF_DATA_LITTLE_ENDIAN)
        return "not a little-endian ELF file";
    if (header->machine != ELF_MACHINE_RISCV)
        return "not a RISC-V ELF file";
    if (header->type != ELF_TYPE_EXECUTABLE)
        return "not an executable (ET_EXEC) ELF file";
    if (header->program_header_size != sizeof(struct elf_program_header))
        return "program headers of the wrong size";
    if (!fits(header->program_header_offset,
              (uint64_t)header->program_header_count *
                  sizeof(struct elf_program_header),
              size))
        return "program headers past the end of the file";
    return NULL;
}

static const char *check_segment(const struct elf_program_header *segment,
                                 size_t size, uintptr_t slot) {
    if (segment->file_size > segment->memory_size)
        return "a segment's file size is larger than its memory size";
    if (!fits(segment->offset, segment->file_size, size))
        return "a segment lies past the end of the file";
    if (segment->address < slot ||
        !fits(segment->address - slot, segment->memory_size, APP_SLOT_SIZE))
        return "a segment lies outside the app's slot";
    return NULL;
}

static struct elf_program_header read_segment(const uint8_t *image,
                                              const struct elf_header *header,
                                              unsigned index) {
    struct elf_program_header segment;
    linker_copy_bytes((uintptr_t)&segment,
                      (uintptr_t)image + header->program_header_offset +
                          index * sizeof(segment),
                      sizeof(segment));
    return segment;
}

const char *elf_load(const uint8_t *image, size_t size, uintptr_t slot,
                     uintptr_t *entry) {
    static const uint8_t magic[4] = {0x7f, 'E', 'L', 'F'};
    if (size < sizeof(magic) || memcmp(image, magic, sizeof(magic)) != 0)
        return "not an ELF file";
    struct elf_header header;
    if (size < sizeof(header))
        return "too short for an ELF header";
    linker_copy_bytes((uintptr_t)&header, (uintptr_t)image, sizeof(header));
    const char *problem = check_header(&header, size);
    if (problem != NULL)
        return problem;

    /* Instructions are 2 or 4 bytes (rv64imac), and start on even
       addresses. */
    if (header.entry % 2 != 0)
        return "the entry point is not 2-byte aligned";

    /* Check every segment before copying any. */
    bool entry_in_code = false;
    unsigned loadable = 0;
    for (unsigned i = 0; i < header.program_header_count; i++) {
        struct elf_program_header segment = read_segment(image, &header, i);
        /* An empty segment (a linker may leave one for a section that
           ended up empty) occupies no memory anywhere. One with bytes in
           the file is not empty: the loop below would copy them. */
        if (segment.type != ELF_SEGMENT_LOAD ||
            (segment.memory_size == 0 && segment.file_size == 0))
            continue;
        problem = check_segment(&segment, size, slot);
        if (problem != NULL)
            return problem;
        loadable++;
        if ((segment.flags & ELF_SEGMENT_EXECUTE) &&
            header.entry >= segment.address &&
            header.entry - segment.address < segment.memory_size)
            entry_in_code = true;
    }
    if (loadable == 0)
        return "no loadable segment";
    if (!entry_in_code)
        return "the entry point is not in an executable segment";

    for (unsigned i = 0; i < header.program_header_count; i++) {
        struct elf_program_header segment = read_segment(image, &header, i);
        if (segment.type == ELF_SEGMENT_LOAD)
            linker_copy_bytes(segment.address,
                              (uintptr_t)image + segment.offset,
                              segment.file_size);
        /* The rest, up to memory_size, is bss: the slot is already zero. */
    }
    *entry = header.entry;
    return NULL;
}
