/*
 * fuzz_apps: writes user apps made of random instructions, for `make fuzz`
 * (tools/fuzz.sh), which packs them as raw images and checks that no app,
 * however wild, panics or hangs the kernel.
 *
 * Usage: fuzz_apps --seed N --count N --output FOLDER [--first N]
 *        (`fuzz_apps --help` explains every option)
 *
 * An app is a flat image of 256 to 4096 bytes, run from its first byte. It
 * holds no absolute address except the ones it loads on purpose, so it runs
 * in any slot. Random 32-bit words alone would be mostly illegal
 * instructions and end every app at its first word, having tested little
 * but the illegal-instruction trap. So an app is made of two kinds of
 * instructions with a real major opcode and random fields (see tame_kinds
 * and wild_kinds). Tame ones are legal and seldom fault: arithmetic,
 * branches and jumps within the image, loads and stores on the app's stack.
 * Wild ones are where the app meets the kernel: fully random words and
 * 16-bit pairs, loads, stores and atomics at aimed addresses, jumps out of
 * the image, CSR and privileged instructions, ecall, ebreak, whole system
 * calls with hostile arguments, lines written to pass for the kernel's.
 * Each app draws how wild it is (one instruction in 64, 16, 4 or 2), so
 * that some trap at once and others run long enough to loop until the
 * kernel's time limit or to reach the exit at their end. First, in three
 * apps out of four, a prologue aims a few registers somewhere interesting:
 * the kernel's addresses, the slot's bounds, the firmware, the devices, 0,
 * -1, and a system call number in a7. Wild loads, stores and jumps take
 * those registers as their base.
 *
 * The same seed gives the same apps on every machine: the generator is
 * splitmix64 (below), written out here rather than rand(), and the words
 * are written little-endian byte by byte. App i depends only on the seed
 * and i, never on how many apps are made, so `--first I --count 1` writes
 * app I of any run again, alone.
 */
#define _XOPEN_SOURCE 700 /* mkdir() is POSIX, not C11 */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/syscall_numbers.h"

#define USAGE_LINE                                                             \
    "usage: fuzz_apps --seed N --count N --output FOLDER [--first N] "         \
    "(fuzz_apps --help explains)\n"

#define MIN_IMAGE_SIZE 256
#define MAX_IMAGE_SIZE 4096
/* More would take hours to run and gigabytes of disk (2 KiB an app on
   average), and is surely a typo. */
#define MAX_COUNT 100000
/* The longest piece of code one call of an instruction kind writes: the
   system call, four values of up to eight instructions each and ecall. */
#define MAX_PIECE_SIZE (4 * (4 * 8 + 1))
/* Every app ends with exit(a0): `li a7, 93` (one addi) and ecall. */
#define EPILOGUE_SIZE 8
#define ECALL         0x00000073

/* ------------------------------------------------------------------------
 * splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", 2014; the reference code is public domain, by Sebastiano
 * Vigna): a 64-bit counter stepped by the golden ratio and mixed. Small,
 * fast, and good enough to choose instructions; being a counter, its n-th
 * number is computed directly, which gives each app its own start.
 * ------------------------------------------------------------------------ */
#define SPLITMIX64_STEP 0x9e3779b97f4a7c15ULL

struct random {
    uint64_t state;
};

static uint64_t splitmix64_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t random_next(struct random *random) {
    random->state += SPLITMIX64_STEP;
    return splitmix64_mix(random->state);
}

/* App INDEX's generator starts at number INDEX + 1 of the seed's sequence. */
static struct random app_random(uint64_t seed, uint64_t index) {
    return (struct random){
        .state = splitmix64_mix(seed + (index + 1) * SPLITMIX64_STEP)};
}

/* A number in [0, bound); the modulo's bias is far too small to matter. */
static uint32_t random_below(struct random *random, uint32_t bound) {
    return (uint32_t)(random_next(random) % bound);
}

/* True `chances` times out of `outof`. */
static bool random_chance(struct random *random, uint32_t chances,
                          uint32_t outof) {
    return random_below(random, outof) < chances;
}

/* A random 12-bit immediate, as the signed value the instruction sees. */
static int32_t random_imm12(struct random *random) {
    return (int32_t)random_below(random, 4096) - 2048;
}

/* ------------------------------------------------------------------------
 * The image being written, and the instruction formats of the RISC-V
 * unprivileged spec, chapter 2 (R, I, S, B, U, J).
 * ------------------------------------------------------------------------ */
struct image {
    uint8_t bytes[MAX_IMAGE_SIZE + MAX_PIECE_SIZE];
    size_t size;  /* bytes written so far */
    size_t final; /* the image's size: what is written past it is dropped */
    /* The registers the prologue loaded with an interesting value. */
    unsigned loaded[8];
    unsigned loaded_count;
};

enum opcode {
    OPCODE_LOAD = 0x03,
    OPCODE_MISC_MEM = 0x0f,
    OPCODE_OP_IMM = 0x13,
    OPCODE_AUIPC = 0x17,
    OPCODE_OP_IMM_32 = 0x1b,
    OPCODE_STORE = 0x23,
    OPCODE_AMO = 0x2f,
    OPCODE_OP = 0x33,
    OPCODE_LUI = 0x37,
    OPCODE_OP_32 = 0x3b,
    OPCODE_BRANCH = 0x63,
    OPCODE_JALR = 0x67,
    OPCODE_JAL = 0x6f,
    OPCODE_SYSTEM = 0x73,
};

enum register_number {
    REGISTER_ZERO = 0,
    REGISTER_SP = 2,
    REGISTER_A0 = 10,
    REGISTER_A1 = 11,
    REGISTER_A2 = 12,
    REGISTER_A7 = 17,
};

static uint32_t r_type(enum opcode opcode, unsigned rd, unsigned funct3,
                       unsigned rs1, unsigned rs2, unsigned funct7) {
    return (uint32_t)funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
           rd << 7 | opcode;
}

static uint32_t i_type(enum opcode opcode, unsigned rd, unsigned funct3,
                       unsigned rs1, int32_t imm) {
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 |
           opcode;
}

static uint32_t s_type(unsigned funct3, unsigned rs1, unsigned rs2,
                       int32_t imm) {
    uint32_t bits = (uint32_t)imm;
    return (bits >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
           (bits & 0x1f) << 7 | OPCODE_STORE;
}

/* offset: from this instruction, even, in [-4096, 4094]. */
static uint32_t b_type(unsigned funct3, unsigned rs1, unsigned rs2,
                       int32_t offset) {
    uint32_t bits = (uint32_t)offset;
    return (bits >> 12 & 1) << 31 | (bits >> 5 & 0x3f) << 25 | rs2 << 20 |
           rs1 << 15 | funct3 << 12 | (bits >> 1 & 0xf) << 8 |
           (bits >> 11 & 1) << 7 | OPCODE_BRANCH;
}

static uint32_t u_type(enum opcode opcode, unsigned rd, uint32_t imm20) {
    return (imm20 & 0xfffff) << 12 | rd << 7 | opcode;
}

/* offset: from this instruction, even, in [-1 MiB, 1 MiB). */
static uint32_t j_type(unsigned rd, int32_t offset) {
    uint32_t bits = (uint32_t)offset;
    return (bits >> 20 & 1) << 31 | (bits >> 1 & 0x3ff) << 21 |
           (bits >> 11 & 1) << 20 | (bits >> 12 & 0xff) << 12 | rd << 7 |
           OPCODE_JAL;
}

static void emit(struct image *image, uint32_t word) {
    for (int byte = 0; byte < 4; byte++)
        image->bytes[image->size++] = (uint8_t)(word >> (8 * byte));
}

/* Shifts right keeping the sign, whatever the C compiler does with >> on
   a negative number (implementation-defined). */
static int64_t shift_right_signed(int64_t value, unsigned shift) {
    return value < 0 ? -(int64_t)((~(uint64_t)value) >> shift) - 1
                     : (int64_t)((uint64_t)value >> shift);
}

/* The low 12 bits of value, as the signed immediate addi adds. */
static int32_t low12(int64_t value) {
    return (int32_t)(((uint64_t)value & 0xfff) ^ 0x800) - 0x800;
}

/* rd = value, in at most eight instructions, as an assembler's `li` does:
   addi for 12 bits, lui and addiw for 32, otherwise the upper bits loaded
   the same way, then shifted left and the low 12 bits added. */
static void emit_load_immediate(struct image *image, unsigned rd,
                                int64_t value) {
    if (value >= -2048 && value < 2048) {
        emit(image,
             i_type(OPCODE_OP_IMM, rd, 0, REGISTER_ZERO, (int32_t)value));
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        /* addiw wraps at 32 bits, so lui's carry from low12 comes out
           right even at the top of the range. */
        uint32_t upper = (uint32_t)(((uint64_t)value + 0x800) >> 12);
        emit(image, u_type(OPCODE_LUI, rd, upper));
        if (low12(value) != 0)
            emit(image, i_type(OPCODE_OP_IMM_32, rd, 0, rd, low12(value)));
    } else {
        int32_t low = low12(value);
        int64_t upper = shift_right_signed(
            (int64_t)((uint64_t)value - (uint64_t)(int64_t)low), 12);
        unsigned shift = 12;
        /* upper is not 0: the value does not fit in 32 bits. */
        while ((upper & 1) == 0) {
            upper = shift_right_signed(upper, 1);
            shift++;
        }
        emit_load_immediate(image, rd, upper);
        emit(image,
             i_type(OPCODE_OP_IMM, rd, 1, rd, (int32_t)shift)); /* slli */
        if (low != 0)
            emit(image, i_type(OPCODE_OP_IMM, rd, 0, rd, low));
    }
}

/* ------------------------------------------------------------------------
 * Values and registers worth aiming at.
 * ------------------------------------------------------------------------ */
#define KERNEL_BASE 0x80200000ULL /* where OpenSBI starts the kernel */
#define SLOT_BASE   0x80400000ULL /* the batch mode's one slot */
#define SLOT_SIZE   0x200000ULL

static const uint64_t interesting_values[] = {
    0,
    1,
    UINT64_MAX,            /* -1 */
    0x8000000000000000ULL, /* the most negative, and a huge address */
    0x7fffffffffffffffULL,
    0xffffffff80200000ULL,     /* the kernel's address as lui sign-extends it */
    0x100000,                  /* QEMU's test device: a store can end QEMU */
    0x2000000,                 /* the CLINT: the timers */
    0xc000000,                 /* the PLIC */
    0x10000000,                /* the UART */
    0x80000000,                /* OpenSBI, M-mode memory */
    KERNEL_BASE,               /* the kernel's _start */
    SLOT_BASE - 8,             /* the kernel's last word below the slot */
    SLOT_BASE,                 /* the app's own first byte */
    SLOT_BASE + SLOT_SIZE - 8, /* the slot's last word */
    SLOT_BASE + SLOT_SIZE,     /* just past the slot */
    0x87fffff8,                /* the last word of the 128 MiB of RAM */
    0x88000000,                /* just past RAM */
};
#define INTERESTING_VALUE_COUNT                                                \
    (sizeof(interesting_values) / sizeof(interesting_values[0]))

/* An interesting value, or an 8-byte-aligned address anywhere in the
   kernel's 2 MiB or the slot (its code, data, stack, the app's stack). */
static int64_t interesting_value(struct random *random) {
    switch (random_below(random, 4)) {
    case 0:
        return (int64_t)(KERNEL_BASE + random_below(random, SLOT_SIZE / 8) * 8);
    case 1:
        return (int64_t)(SLOT_BASE + random_below(random, SLOT_SIZE / 8) * 8);
    default:
        return (int64_t)
            interesting_values[random_below(random, INTERESTING_VALUE_COUNT)];
    }
}

/* A system call number: mostly one of these three, sometimes any below 512
   (which reaches the kernel's other calls too). A call added to this list
   changes what every seed means: tests/cases/fuzz.sh keeps a checksum of
   seed 7's apps. */
static int64_t syscall_number(struct random *random) {
    static const int64_t numbers[] = {SYS_WRITE, SYS_EXIT, SYS_GETPID};
    if (random_chance(random, 1, 4))
        return (int64_t)random_below(random, 512);
    return numbers[random_below(random, 3)];
}

static unsigned random_register(struct random *random) {
    return random_below(random, 32);
}

/* A register for a tame instruction to write: any but sp, which must keep
   pointing into the slot for the stack accesses to stay tame. */
static unsigned tame_destination(struct random *random) {
    unsigned rd = random_below(random, 31);
    return rd < REGISTER_SP ? rd : rd + 1;
}

/* A base for an aimed address: mostly a register the prologue aimed
   somewhere, otherwise any register (most hold 0, some what the code
   computed). */
static unsigned aimed_register(struct random *random,
                               const struct image *image) {
    if (image->loaded_count > 0 && random_chance(random, 3, 4))
        return image->loaded[random_below(random, image->loaded_count)];
    return random_register(random);
}

/* An offset from this instruction to a word of this image (jumps and
   branches that keep the code running, in loops as often as not). */
static int32_t near_offset(struct random *random, const struct image *image) {
    int32_t target = (int32_t)random_below(random, image->final / 4) * 4;
    return target - (int32_t)image->size;
}

/* An even offset anywhere within `range` bytes either way. */
static int32_t far_offset(struct random *random, uint32_t range) {
    return ((int32_t)random_below(random, range) - (int32_t)(range / 2)) & ~1;
}

/* ------------------------------------------------------------------------
 * The instruction kinds. The tame ones are legal and seldom fault, so that
 * an app runs on, loops, calls and comes to its end; the wild ones are
 * where it meets the kernel: traps, system calls, the kernel's memory.
 *
 * Every random number is drawn in a statement of its own, into a variable:
 * C leaves the order of a call's arguments, and of the operands of | or -,
 * unspecified (GCC and clang differ), and the apps of a seed must not
 * depend on the compiler.
 * ------------------------------------------------------------------------ */

/* Legal R-type forms, each a funct7 and the funct3 values it allows as a
   bit mask: add..and, sub and sra, mul..remu; then on 32 bits addw sllw
   srlw, subw and sraw, mulw and divw..remuw. */
static const struct {
    enum opcode opcode;
    unsigned funct7, funct3_mask;
} arithmetic_forms[] = {
    {OPCODE_OP, 0x00, 0xff},    {OPCODE_OP, 0x20, 0x21},
    {OPCODE_OP, 0x01, 0xff},    {OPCODE_OP_32, 0x00, 0x23},
    {OPCODE_OP_32, 0x20, 0x21}, {OPCODE_OP_32, 0x01, 0xf1},
};

static void emit_arithmetic(struct random *random, struct image *image) {
    size_t form = random_below(random, sizeof(arithmetic_forms) /
                                           sizeof(arithmetic_forms[0]));
    unsigned funct3;
    do
        funct3 = random_below(random, 8);
    while ((arithmetic_forms[form].funct3_mask >> funct3 & 1) == 0);
    unsigned rd = tame_destination(random);
    unsigned rs1 = random_register(random);
    unsigned rs2 = random_register(random);
    emit(image, r_type(arithmetic_forms[form].opcode, rd, funct3, rs1, rs2,
                       arithmetic_forms[form].funct7));
}

/* addi..andi and the shifts by an immediate, legal: a shift takes a 6-bit
   amount (5 on 32 bits) and srai/sraiw bit 10. OP-IMM-32 has only addiw,
   slliw, srliw and sraiw. */
static void emit_arithmetic_immediate(struct random *random,
                                      struct image *image) {
    static const unsigned word_funct3s[] = {0, 1, 5};
    bool word = random_chance(random, 1, 4);
    unsigned funct3 =
        word ? word_funct3s[random_below(random, 3)] : random_below(random, 8);
    int32_t imm = random_imm12(random);
    if (funct3 == 1 || funct3 == 5) {
        imm = (int32_t)random_below(random, word ? 32 : 64);
        if (funct3 == 5 && random_chance(random, 1, 2))
            imm |= 0x400;
    }
    unsigned rd = tame_destination(random);
    unsigned rs1 = random_register(random);
    emit(image,
         i_type(word ? OPCODE_OP_IMM_32 : OPCODE_OP_IMM, rd, funct3, rs1, imm));
}

static void emit_upper_immediate(struct random *random, struct image *image) {
    enum opcode opcode =
        random_chance(random, 1, 2) ? OPCODE_LUI : OPCODE_AUIPC;
    unsigned rd = tame_destination(random);
    uint32_t imm20 = (uint32_t)random_next(random);
    emit(image, u_type(opcode, rd, imm20));
}

/* funct3 0, 1, 4..7: beq bne blt bge bltu bgeu (2 and 3 are reserved). */
static const unsigned branch_funct3s[] = {0, 1, 4, 5, 6, 7};

/* A branch to `offset` on two random registers. */
static void emit_branch(struct random *random, struct image *image,
                        int32_t offset) {
    unsigned funct3 = branch_funct3s[random_below(random, 6)];
    unsigned rs1 = random_register(random);
    unsigned rs2 = random_register(random);
    emit(image, b_type(funct3, rs1, rs2, offset));
}

static void emit_near_branch(struct random *random, struct image *image) {
    emit_branch(random, image, near_offset(random, image));
}

static void emit_near_jal(struct random *random, struct image *image) {
    unsigned rd = tame_destination(random);
    emit(image, j_type(rd, near_offset(random, image)));
}

/* A load or store of 1, 2, 4 or 8 bytes below sp, aligned: sp starts at
   the top of the slot, so this is the app's own stack while sp lasts. */
static void emit_stack_access(struct random *random, struct image *image) {
    unsigned size_log2 = random_below(random, 4);
    int32_t offset =
        -(int32_t)((1 + random_below(random, 2048 >> size_log2)) << size_log2);
    if (random_chance(random, 1, 2))
        emit(image, i_type(OPCODE_LOAD, tame_destination(random), size_log2,
                           REGISTER_SP, offset));
    else
        emit(image,
             s_type(size_log2, REGISTER_SP, random_register(random), offset));
}

/* fence with random predecessor and successor sets, or fence.i. */
static void emit_fence(struct random *random, struct image *image) {
    unsigned funct3 = random_below(random, 2);
    int32_t sets = funct3 == 0 ? (int32_t)random_below(random, 256) : 0;
    emit(image, i_type(OPCODE_MISC_MEM, 0, funct3, 0, sets));
}

static void emit_random_word(struct random *random, struct image *image) {
    emit(image, (uint32_t)random_next(random));
}

/* A 16-bit compressed instruction: any bits, but the low two never 11,
   which would make it the first half of a 32-bit one. */
static uint32_t random_compressed(struct random *random) {
    uint32_t bits = random_below(random, 0x10000) & ~3U;
    return bits | random_below(random, 3);
}

static void emit_compressed_pair(struct random *random, struct image *image) {
    uint32_t low = random_compressed(random);
    uint32_t high = random_compressed(random);
    emit(image, high << 16 | low);
}

/* A load (lb..lwu, funct3 0..6) or store (sb..sd, 0..3) of any size, at
   any offset, from an aimed register. */
static void emit_aimed_access(struct random *random, struct image *image) {
    bool load = random_chance(random, 1, 2);
    unsigned funct3 = random_below(random, load ? 7 : 4);
    unsigned base = aimed_register(random, image);
    unsigned other = random_register(random); /* rd or rs2 */
    int32_t offset = random_imm12(random);
    if (load)
        emit(image, i_type(OPCODE_LOAD, other, funct3, base, offset));
    else
        emit(image, s_type(funct3, base, other, offset));
}

/* A extension: lr, sc and the AMOs, on 32 or 64 bits, with random aq/rl. */
static void emit_atomic(struct random *random, struct image *image) {
    static const unsigned funct5s[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x08,
                                       0x0c, 0x10, 0x14, 0x18, 0x1c};
    unsigned funct5 = funct5s[random_below(random, 11)];
    unsigned ordering = random_below(random, 4); /* aq, rl */
    unsigned funct3 = 2 + random_below(random, 2);
    unsigned rd = random_register(random);
    unsigned base = aimed_register(random, image);
    unsigned rs2 = random_register(random);
    emit(image,
         r_type(OPCODE_AMO, rd, funct3, base, rs2, funct5 << 2 | ordering));
}

/* jalr to an aimed register, or jal and branches that leave the image. */
static void emit_wild_jump(struct random *random, struct image *image) {
    unsigned kind = random_below(random, 3);
    if (kind == 0) {
        unsigned rd = random_register(random);
        unsigned base = aimed_register(random, image);
        emit(image, i_type(OPCODE_JALR, rd, 0, base, random_imm12(random)));
    } else if (kind == 1) {
        unsigned rd = random_register(random);
        emit(image, j_type(rd, far_offset(random, 1 << 21)));
    } else {
        emit_branch(random, image, far_offset(random, 1 << 13));
    }
}

/* ecall, ebreak, the privileged instructions U-mode may not run, and the
   CSR instructions on the CSRs that matter (S-mode's, M-mode's, the
   counters U-mode may read, the FPU's) or any CSR. */
static void emit_system(struct random *random, struct image *image) {
    static const uint32_t fixed[] = {
        ECALL,      /* ecall */
        0x00100073, /* ebreak */
        0x10200073, /* sret */
        0x30200073, /* mret */
        0x10500073, /* wfi */
        0x12000073, /* sfence.vma */
    };
    static const unsigned csrs[] = {
        0x001, 0x003,               /* fflags, fcsr */
        0x100, 0x104, 0x105, 0x106, /* sstatus, sie, stvec, scounteren */
        0x140, 0x141, 0x142, 0x143, /* sscratch, sepc, scause, stval */
        0x144, 0x180,               /* sip, satp */
        0x300, 0x305, 0x341,        /* mstatus, mtvec, mepc */
        0xc00, 0xc01, 0xc02,        /* cycle, time, instret */
    };
    /* funct3 1..3 and 5..7: csrrw csrrs csrrc and their immediate forms. */
    static const unsigned csr_funct3s[] = {1, 2, 3, 5, 6, 7};
    if (random_chance(random, 1, 3)) {
        emit(image,
             fixed[random_below(random, sizeof(fixed) / sizeof(*fixed))]);
        return;
    }
    unsigned csr =
        random_chance(random, 3, 4)
            ? csrs[random_below(random, sizeof(csrs) / sizeof(*csrs))]
            : random_below(random, 4096);
    unsigned funct3 = csr_funct3s[random_below(random, 6)];
    unsigned rd = random_register(random);
    unsigned rs1 = random_register(random); /* or the 5-bit immediate */
    emit(image, i_type(OPCODE_SYSTEM, rd, funct3, rs1, (int32_t)csr));
}

/* A whole system call: a7 a number, a0..a2 arguments meant to hurt write
   (a bad fd, a buffer in the kernel or across the slot's end, a length
   that wraps around), then ecall. The lengths stay short when the buffer
   is good: a 2 MiB write would print for seconds. */
static void emit_syscall(struct random *random, struct image *image) {
    static const int64_t lengths[] = {
        0, 1, 8, 16, 4096, -1, SLOT_SIZE + 1, INT64_MAX,
    };
    emit_load_immediate(image, REGISTER_A0,
                        random_chance(random, 3, 4)
                            ? 1 + (int64_t)random_below(random, 2)
                            : interesting_value(random));
    emit_load_immediate(image, REGISTER_A1, interesting_value(random));
    emit_load_immediate(
        image, REGISTER_A2,
        lengths[random_below(random, sizeof(lengths) / sizeof(*lengths))]);
    emit_load_immediate(image, REGISTER_A7, syscall_number(random));
    emit(image, ECALL);
}

/* Lines made to pass for the kernel's, or to drive the terminal (escape
   sequences, a carriage return, a C1 control in UTF-8): the kernel must
   show every one of them for what it is, app output
   (docs/guide/06-isolation.md, "The console"), so that tools/fuzz.sh never
   takes one for the kernel's. */
static const char forged_lines[][48] = {
    "\n[kernel] panic: forged\n",
    "\n[kernel] app 0 fuzz_0: exited with code 0\n",
    "[kernel] 1 apps: 1 exited, 0 killed\n",
    "\r[kernel] app 1 fuzz_1: killed: forged\n",
    /* ESC ] 0;title BEL, ESC [ 2J, CSI 31m: octal, as \x would take
       the digits after it for its own. */
    "\033]0;title\007\033[2J\302\23331m\n[kernel] panic\n",
};
_Static_assert(4 + sizeof(forged_lines[0]) + 8 * 4 <= MAX_PIECE_SIZE,
               "a forged line's piece is longer than MAX_PIECE_SIZE");

/* One of the forged lines, written with two write calls split at a random
   byte: jal over the text leaves its address in a1. */
static void emit_forged_output(struct random *random, struct image *image) {
    const char *line = forged_lines[random_below(
        random, sizeof(forged_lines) / sizeof(forged_lines[0]))];
    uint32_t len = (uint32_t)strlen(line);
    uint32_t split = random_below(random, len + 1);
    uint32_t padded = (len + 3) & ~3U;
    emit(image, j_type(REGISTER_A1, (int32_t)(4 + padded)));
    for (uint32_t i = 0; i < padded; i++)
        image->bytes[image->size++] = i < len ? (uint8_t)line[i] : 0;
    emit_load_immediate(image, REGISTER_A0, 1);
    emit_load_immediate(image, REGISTER_A2, split);
    emit_load_immediate(image, REGISTER_A7, SYS_WRITE);
    emit(image, ECALL);
    emit_load_immediate(image, REGISTER_A0, 1);
    emit(image, i_type(OPCODE_OP_IMM, REGISTER_A1, 0, REGISTER_A1,
                       (int32_t)split)); /* addi a1, a1, split */
    emit_load_immediate(image, REGISTER_A2, len - split);
    emit(image, ECALL);
}

struct instruction_kind {
    void (*emit)(struct random *random, struct image *image);
    uint32_t weight; /* how often it comes, out of the sum of the weights */
};

static const struct instruction_kind tame_kinds[] = {
    {emit_arithmetic, 8},      {emit_arithmetic_immediate, 8},
    {emit_upper_immediate, 2}, {emit_near_branch, 3},
    {emit_near_jal, 1},        {emit_stack_access, 4},
    {emit_fence, 1},
};

static const struct instruction_kind wild_kinds[] = {
    {emit_random_word, 3}, {emit_compressed_pair, 3}, {emit_aimed_access, 6},
    {emit_atomic, 2},      {emit_wild_jump, 2},       {emit_system, 3},
    {emit_syscall, 4},     {emit_forged_output, 1},
};

static void emit_one_of(const struct instruction_kind *kinds, size_t count,
                        struct random *random, struct image *image) {
    uint32_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += kinds[i].weight;
    uint32_t pick = random_below(random, total);
    size_t kind = 0;
    while (pick >= kinds[kind].weight)
        pick -= kinds[kind++].weight;
    kinds[kind].emit(random, image);
}

#define KIND_COUNT(kinds) (sizeof(kinds) / sizeof(kinds[0]))

/* Loads interesting values into one to six registers (a7 among them half
   the time, with a system call number) and remembers which. */
static void emit_prologue(struct random *random, struct image *image) {
    unsigned count = 1 + random_below(random, 6);
    for (unsigned i = 0; i < count; i++) {
        unsigned rd = 1 + random_below(random, 31);
        emit_load_immediate(image, rd, interesting_value(random));
        image->loaded[image->loaded_count++] = rd;
    }
    if (random_chance(random, 1, 2))
        emit_load_immediate(image, REGISTER_A7, syscall_number(random));
}

/* The app's wildness: the chance, out of 64, that an instruction is a
   wild one. The tamest apps run for hundreds of instructions and end by
   looping until the kernel's time limit or by reaching their exit; the
   wildest trap within a few. */
static const uint32_t wildness_levels[] = {1, 4, 16, 32};

static void make_app(uint64_t seed, uint64_t index, struct image *image) {
    struct random random = app_random(seed, index);
    *image = (struct image){0};
    image->final =
        MIN_IMAGE_SIZE +
        4 * random_below(&random, (MAX_IMAGE_SIZE - MIN_IMAGE_SIZE) / 4 + 1);
    uint32_t wildness = wildness_levels[random_below(
        &random, sizeof(wildness_levels) / sizeof(wildness_levels[0]))];
    if (random_chance(&random, 3, 4))
        emit_prologue(&random, image);
    while (image->size < image->final - EPILOGUE_SIZE) {
        if (random_chance(&random, wildness, 64))
            emit_one_of(wild_kinds, KIND_COUNT(wild_kinds), &random, image);
        else
            emit_one_of(tame_kinds, KIND_COUNT(tame_kinds), &random, image);
    }
    /* The last piece may run past the end: it is cut there, and the app
       ends with exit(a0), a0 being whatever the code left in it. */
    image->size = image->final - EPILOGUE_SIZE;
    emit_load_immediate(image, REGISTER_A7, SYS_EXIT);
    emit(image, ECALL);
}

/* ------------------------------------------------------------------------
 * The command line.
 * ------------------------------------------------------------------------ */
static void print_help(void) {
    printf(USAGE_LINE
           "\n"
           "Writes COUNT apps of random instructions, FOLDER/fuzz_I.bin for "
           "I from FIRST\n"
           "on, each a raw image of %d to %d bytes, run from its first "
           "byte.\n"
           "\n"
           "  --seed N         the seed: the same seed gives the same apps on "
           "every machine\n"
           "  --count N        how many apps, from 1 to %d\n"
           "  --output FOLDER  where to write them (made if missing; other "
           "files are left)\n"
           "  --first N        the index of the first app (default 0): app I "
           "depends only\n"
           "                   on the seed and I, so --first I --count 1 "
           "writes app I of\n"
           "                   any run again\n"
           "Numbers are decimal.\n",
           MIN_IMAGE_SIZE, MAX_IMAGE_SIZE, MAX_COUNT);
}

enum failure { PLAIN, WITH_USAGE };

/* Prints "fuzz_apps: MESSAGE" on one line of stderr, with the usage line
   for a command line of the wrong shape, and exits. */
__attribute__((noreturn, format(printf, 2, 3))) static void
fail(enum failure kind, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("fuzz_apps: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    if (kind == WITH_USAGE)
        fputs(USAGE_LINE, stderr);
    exit(1);
}

/* The text itself for a message, or "?" if it holds a control character,
   so that every message stays on one line. */
static const char *shown(const char *text) {
    for (const char *c = text; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return "?";
    }
    return text;
}

/* A decimal number of 64 bits; anything else is refused. */
static uint64_t parse_number(const char *option, const char *text) {
    if (text[0] == '\0' || text[strspn(text, "0123456789")] != '\0')
        fail(PLAIN, "%s '%s' is not a decimal number", option, shown(text));
    errno = 0;
    unsigned long long value = strtoull(text, NULL, 10);
    if (errno == ERANGE)
        fail(PLAIN, "%s '%s' is too large for 64 bits", option, text);
    return value;
}

static void write_app(const char *folder, uint64_t index,
                      const struct image *image) {
    char path[4096];
    int length = snprintf(path, sizeof(path), "%s/fuzz_%llu.bin", folder,
                          (unsigned long long)index);
    if (length < 0 || (size_t)length >= sizeof(path))
        fail(PLAIN, "--output: the folder's name is too long");
    FILE *file = fopen(path, "wb");
    if (file == NULL)
        fail(PLAIN, "cannot create %s: %s", shown(path), strerror(errno));
    bool written = fwrite(image->bytes, 1, image->final, file) == image->final;
    if (fclose(file) != 0 || !written)
        fail(PLAIN, "cannot write %s", shown(path));
}

int main(int argc, char **argv) {
    const char *seed_text = NULL, *count_text = NULL, *first_text = NULL;
    const char *folder = NULL;
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--help") == 0 || strcmp(option, "-h") == 0) {
            print_help();
            return 0;
        }
        const char **value = strcmp(option, "--seed") == 0     ? &seed_text
                             : strcmp(option, "--count") == 0  ? &count_text
                             : strcmp(option, "--first") == 0  ? &first_text
                             : strcmp(option, "--output") == 0 ? &folder
                                                               : NULL;
        if (value == NULL)
            fail(WITH_USAGE, "unknown argument '%s'", shown(option));
        if (i + 1 == argc)
            fail(WITH_USAGE, "option %s needs a value", option);
        if (*value != NULL)
            fail(WITH_USAGE, "option %s given twice", option);
        *value = argv[++i];
    }
    if (seed_text == NULL)
        fail(WITH_USAGE, "missing --seed N");
    if (count_text == NULL)
        fail(WITH_USAGE, "missing --count N");
    if (folder == NULL)
        fail(WITH_USAGE, "missing --output FOLDER");

    uint64_t seed = parse_number("--seed", seed_text);
    uint64_t count = parse_number("--count", count_text);
    uint64_t first = first_text ? parse_number("--first", first_text) : 0;
    if (count < 1 || count > MAX_COUNT)
        fail(PLAIN, "--count %llu is not between 1 and %d",
             (unsigned long long)count, MAX_COUNT);
    if (first > UINT64_MAX - count)
        fail(PLAIN, "--first %llu: the last index would pass 64 bits",
             (unsigned long long)first);
    if (mkdir(folder, 0777) != 0 && errno != EEXIST)
        fail(PLAIN, "cannot make the folder %s: %s", shown(folder),
             strerror(errno));

    static struct image image;
    for (uint64_t index = first; index < first + count; index++) {
        make_app(seed, index, &image);
        write_app(folder, index, &image);
    }
    return 0;
}
