/*
 * The linker library: the one header a kernel includes to boot from
 * linker/linker.ld, find its own sections at run time, clear its BSS and walk
 * the user apps packed into its image. Freestanding C, no other dependency.
 */
#ifndef LINKER_LINKER_H
#define LINKER_LINKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The text of linker/linker.ld, for a build step that writes it out and links
   with -T (see host/emit_linker_script.c). Not NUL-terminated. */
extern const char linker_script[];
extern const unsigned long linker_script_len;

/*
 * LINKER_BOOT0(entry, stack_size) defines the kernel's first instruction:
 * `_start`, placed in .text.entry (which linker.ld puts first, at
 * LINKER_BASE), and a boot stack of `stack_size` bytes in .boot.stack.
 * `_start` points sp at __end, the top of that stack, and tail-calls
 * `entry`, a non-static function that never returns. a0 and a1 (hart id and
 * device tree address from the firmware) reach `entry` untouched, so it may
 * be declared `void entry(unsigned long hart_id, uintptr_t device_tree)`.
 *
 * The 0 is boot stage 0, the first code that runs, as in rCore's `boot0!`
 * that this is the C form of: not hart 0. It is for one hart, whichever the
 * firmware starts (OpenSBI may pick any), with one stack. For a kernel whose
 * harts all arrive at _start, use LINKER_BOOT_HARTS.
 *
 * `used` keeps the compiler from dropping the stack, which no code names; the
 * script's KEEP keeps the linker from dropping it. `lla` is `la` that never
 * reads a GOT, even in code built as PIC (-fpie, or a GCC that defaults to
 * it): _start touches no memory before sp is set.
 *
 * The GNU C extensions here are the ones C11 has no words for: `used` and
 * `section` attributes and a file-scope __asm__. GCC and clang accept them
 * with -std=c11 -pedantic.
 */
#define LINKER_BOOT0(entry, stack_size)                                        \
    LINKER_BOOT_STACKS(1, stack_size);                                         \
    __asm__(".pushsection .text.entry, \"ax\", @progbits\n"                    \
            ".globl _start\n"                                                  \
            "_start:\n"                                                        \
            "    lla sp, __end\n"                                              \
            "    tail " #entry "\n"                                            \
            ".popsection")

/*
 * LINKER_BOOT_HARTS(entry, stack_size, max_harts) is LINKER_BOOT0 for a
 * kernel whose harts may all arrive at _start at once, each with its hart id
 * in a0 (QEMU's reset code does so with -bios none, and OpenSBI for every
 * hart it starts). Hart i gets linker_boot_stack[i], `stack_size` bytes, and
 * sp at its top; harts numbered max_harts or more have no stack and park
 * for good (wfi, in a loop) before they touch anything. The others tail-call
 * `entry` with a0 and a1 untouched, all at once: one of them must clear .bss
 * while the others wait (linker/README.md, "Harts", says how).
 *
 * `stack_size` and `max_harts` are read by the assembler as well as by C, so
 * they must be integer constant expressions both understand: numbers,
 * + - * / << and parentheses, and macros made of them, but no U or L
 * suffix, sizeof or cast. The multiply needs the M extension.
 */
/* clang-format off */
#define LINKER_BOOT_HARTS(entry, stack_size, max_harts)                        \
    _Static_assert((max_harts) > 0, "LINKER_BOOT_HARTS: no hart may run");     \
    LINKER_BOOT_STACKS(max_harts, stack_size);                                 \
    __asm__(".pushsection .text.entry, \"ax\", @progbits\n"                    \
            ".globl _start\n"                                                  \
            "_start:\n"                                                        \
            "    li   t0, " LINKER_TEXT_OF(max_harts) "\n"                     \
            "    bgeu a0, t0, 1f      # hart id (a0) >= max_harts: park\n"     \
            "    addi t0, a0, 1       # t0 = (hart id + 1)\n"                  \
            "    li   t1, " LINKER_TEXT_OF(stack_size) " # the stack size\n"   \
            "    mul  t0, t0, t1      #      * stack size\n"                   \
            "    lla  sp, __boot      # sp = __boot + t0: the top of\n"        \
            "    add  sp, sp, t0      # linker_boot_stack[hart id]\n"          \
            "    tail " #entry "      # a0 and a1 as they came\n"              \
            "1:  wfi                  # parked: sleep,\n"                      \
            "    j    1b              # and again if anything wakes it\n"      \
            ".popsection")
/* clang-format on */

/* The boot stacks of LINKER_BOOT0 and LINKER_BOOT_HARTS: `count` stacks of
   `stack_size` bytes, alone in .boot, so that __boot is the bottom of the
   first and __end the top of the last. 16-byte aligned, as the RISC-V
   calling convention wants sp. */
#define LINKER_BOOT_STACKS(count, stack_size)                                  \
    _Static_assert((stack_size) > 0 && (stack_size) % 16 == 0,                 \
                   "the boot stack size must be a multiple of 16");            \
    static _Alignas(16) char linker_boot_stack[(count)][(stack_size)]          \
        __attribute__((used, section(".boot.stack")))

/* A macro argument as assembly text, after its macros are expanded. */
#define LINKER_TEXT_OF(expression)        LINKER_TEXT_OF_TOKENS(expression)
#define LINKER_TEXT_OF_TOKENS(expression) #expression

/* Addresses of the symbols linker.ld defines, as read at run time. */
struct kernel_layout {
    uintptr_t text;   /* __start: first byte of the kernel, .text */
    uintptr_t rodata; /* __rodata */
    uintptr_t data;   /* __data */
    uintptr_t sbss;   /* __sbss: first byte of .bss */
    uintptr_t ebss;   /* __ebss: one past the last byte of .bss */
    uintptr_t boot;   /* __boot: bottom of the boot stack */
    uintptr_t end;    /* __end: one past the kernel, top of the boot stack */
};

struct kernel_layout kernel_layout_locate(void);
uintptr_t kernel_layout_start(const struct kernel_layout *layout);
uintptr_t kernel_layout_end(const struct kernel_layout *layout);
size_t kernel_layout_len(const struct kernel_layout *layout);

/* Clears [sbss, ebss) with volatile stores. Call it before anything reads a
   static variable, and never with a stack or data inside that range. */
void kernel_layout_zero_bss(const struct kernel_layout *layout);

/* Clears [start, end) with volatile stores, a word at a time where the
   alignment allows. Any alignment of start and end is fine. */
void linker_zero_range(uintptr_t start, uintptr_t end);

/* Copies len bytes from source to destination, which must not overlap, with
   volatile stores (so that no call to memcpy appears). Any alignment of
   either is fine: it copies bytes until the destination is aligned, then
   8-byte words with aligned loads and stores only, shifting the source's
   words into place when it is not aligned like the destination, then the
   last bytes. The slot loader (app_iter_next) and an ELF loader use it. */
void linker_copy_bytes(uintptr_t destination, uintptr_t source, size_t len);

enum kernel_region_title {
    KERNEL_REGION_TEXT,
    KERNEL_REGION_RODATA,
    KERNEL_REGION_DATA, /* .data and .bss together */
    KERNEL_REGION_BOOT,
};

struct kernel_region {
    enum kernel_region_title title;
    uintptr_t start; /* first byte */
    uintptr_t end;   /* one past the last byte */
};

/* Walks the four regions in address order: text, rodata, data, boot. */
struct kernel_region_iter {
    const struct kernel_layout *layout;
    unsigned next_title;
};

struct kernel_region_iter
kernel_layout_iter(const struct kernel_layout *layout);
bool kernel_region_iter_next(struct kernel_region_iter *iter,
                             struct kernel_region *out);
/* ".text", ".rodata", ".data" or ".boot"; "?" for a value outside the enum. */
const char *kernel_region_name(enum kernel_region_title title);

/*
 * The apps table, defined by the packed apps (linker/host/pack_apps.c), not
 * by the library, under the symbol `apps` (or the one given to the packer's
 * --symbol: then compile apps.c with -DLINKER_APPS_SYMBOL=that_name):
 *   base, step, count, then count + 1 addresses: where each image starts,
 *   and where the last one ends.
 * Image i is [addr[i], addr[i + 1]).
 */
struct app_meta {
    uint64_t base;  /* where app 0 is copied; 0: run the images in place */
    uint64_t step;  /* distance between slots; 0: every app reuses one slot */
    uint64_t count; /* number of apps */
    uint64_t first; /* addr[0]; addr[1..count] follow it in memory */
};

/* Every app runs in a slot of this size: image, bss and stack. A kernel
   with slots of another size defines it first, the same for every file
   (-DAPP_SLOT_SIZE=0x20000UL), and packs with --slot 0x20000. */
#ifndef APP_SLOT_SIZE
#define APP_SLOT_SIZE 0x200000UL
#endif

struct app_iter {
    const struct app_meta *meta;
    uint64_t index; /* the app the next call returns */
};

/* The table the packer wrote (`apps`, or LINKER_APPS_SYMBOL). A table
   reached some other way goes to app_meta_iter just the same. */
const struct app_meta *app_meta_locate(void);
struct app_iter app_meta_iter(const struct app_meta *meta);

/*
 * Gives the next app, or false after the last. With base != 0 it first copies
 * image i to base + i * step, zeroes the rest of that slot, up to
 * APP_SLOT_SIZE, and runs linker_sync_instructions, then returns the copy;
 * with base == 0 it returns the image where it lies. The copy happens on
 * this call, not before, so with step 0 each app overwrites the one before
 * it. Check the table with linker_apps_check first.
 */
bool app_iter_next(struct app_iter *iter, const uint8_t **image, size_t *size);

/* The apps' names, which the packer writes next to the table: one
   NUL-terminated string per app, in order (`app_names`, or
   LINKER_APPS_SYMBOL's name followed by _names). NULL when the table came
   without them. */
const char *linker_app_names(void);
/* The name of app `index` in such a list, or NULL if names is NULL. The
   index must be below the table's count. */
const char *linker_app_name(const char *names, uint64_t index);

/*
 * Makes the instructions this hart has stored visible to its own
 * instruction fetch (fence.i: RISC-V does not keep the instruction cache
 * coherent with stores). app_iter_next runs it after every copy; call it
 * yourself after writing code some other way, such as an ELF loader. Other
 * harts need their own fence.i (SBI's remote fence, for instance).
 */
void linker_sync_instructions(void);

/* A named range of addresses, [start, end): "RAM", "the firmware"... */
struct linker_range {
    const char *name;
    uint64_t start, end;
};

/* What linker_apps_check must know of the machine and of the image that
   holds the table. A range left { 0 } (ram) or an address left 0
   (in_place_slot) is not checked. */
struct linker_apps_limits {
    uint64_t slot_size;         /* APP_SLOT_SIZE, or the packer's --slot */
    struct linker_range ram;    /* every slot must lie inside */
    struct linker_range images; /* the table and the images must lie
                                   inside: the kernel's image, as it is in
                                   the memory that holds it */
    const struct linker_range *reserved; /* no slot may meet these: the */
    size_t reserved_count;               /* firmware, the kernel... */
    uint64_t in_place_slot; /* base 0: the slot every app is loaded into */
};

/* What is wrong with a table: the first problem found, in one line. */
#define LINKER_APPS_WHOLE_TABLE UINT64_MAX
struct linker_apps_problem {
    uint64_t app;      /* the app at fault, or LINKER_APPS_WHOLE_TABLE */
    char message[200]; /* "the slot of app 1, 0x88000000..0x88200000, is
                          outside RAM, 0x80000000..0x88000000" */
};

/*
 * Checks a table before anything of it is used: count fits in the image
 * that holds the table; base and step are whole slots; every image ends
 * after it starts, fits a slot and lies in the image; every slot (base +
 * i * step, or in_place_slot for base 0) lies in RAM and meets no reserved
 * range. True if all holds; else false, with the first problem.
 */
bool linker_apps_check(const struct app_meta *meta,
                       const struct linker_apps_limits *limits,
                       struct linker_apps_problem *problem);

#endif
