/*
 * The kernel's own layout: reads the symbols linker.ld defines, walks the
 * four regions they bound and clears .bss. kernel_main calls
 * kernel_layout_zero_bss first of all, before any static variable is used.
 */
#include "linker.h"

/* Defined by linker.ld. Only their addresses mean anything. */
extern char __start[], __rodata[], __data[], __sbss[], __ebss[], __boot[],
    __end[];

struct kernel_layout kernel_layout_locate(void) {
    return (struct kernel_layout){
        .text = (uintptr_t)__start,
        .rodata = (uintptr_t)__rodata,
        .data = (uintptr_t)__data,
        .sbss = (uintptr_t)__sbss,
        .ebss = (uintptr_t)__ebss,
        .boot = (uintptr_t)__boot,
        .end = (uintptr_t)__end,
    };
}

uintptr_t kernel_layout_start(const struct kernel_layout *layout) {
    return layout->text;
}

uintptr_t kernel_layout_end(const struct kernel_layout *layout) {
    return layout->end;
}

size_t kernel_layout_len(const struct kernel_layout *layout) {
    return layout->end - layout->text;
}

void linker_zero_range(uintptr_t start, uintptr_t end) {
    if (start >= end)
        return;

    /* Volatile stores: the compiler may neither drop them nor turn the loops
       into a call to memset, which a freestanding kernel may not have yet. */
    volatile uint8_t *byte = (volatile uint8_t *)start;
    while ((uintptr_t)byte < end && (uintptr_t)byte % sizeof(uint64_t) != 0)
        *byte++ = 0;

    /* From here on word <= end, so end - word cannot wrap. 32 stores a
       loop, so that the loop's own add and branch are paid once per 256
       bytes. */
    volatile uint64_t *word = (volatile uint64_t *)byte;
    while (end - (uintptr_t)word >= 32 * sizeof(uint64_t)) {
        word[0] = 0, word[1] = 0, word[2] = 0, word[3] = 0;
        word[4] = 0, word[5] = 0, word[6] = 0, word[7] = 0;
        word[8] = 0, word[9] = 0, word[10] = 0, word[11] = 0;
        word[12] = 0, word[13] = 0, word[14] = 0, word[15] = 0;
        word[16] = 0, word[17] = 0, word[18] = 0, word[19] = 0;
        word[20] = 0, word[21] = 0, word[22] = 0, word[23] = 0;
        word[24] = 0, word[25] = 0, word[26] = 0, word[27] = 0;
        word[28] = 0, word[29] = 0, word[30] = 0, word[31] = 0;
        word += 32;
    }
    while (end - (uintptr_t)word >= sizeof(uint64_t))
        *word++ = 0;

    byte = (volatile uint8_t *)word;
    while ((uintptr_t)byte < end)
        *byte++ = 0;
}

void kernel_layout_zero_bss(const struct kernel_layout *layout) {
    linker_zero_range(layout->sbss, layout->ebss);
}

struct kernel_region_iter
kernel_layout_iter(const struct kernel_layout *layout) {
    return (struct kernel_region_iter){.layout = layout,
                                       .next_title = KERNEL_REGION_TEXT};
}

bool kernel_region_iter_next(struct kernel_region_iter *iter,
                             struct kernel_region *out) {
    const struct kernel_layout *layout = iter->layout;
    switch (iter->next_title) {
    case KERNEL_REGION_TEXT:
        *out = (struct kernel_region){KERNEL_REGION_TEXT, layout->text,
                                      layout->rodata};
        break;
    case KERNEL_REGION_RODATA:
        *out = (struct kernel_region){KERNEL_REGION_RODATA, layout->rodata,
                                      layout->data};
        break;
    case KERNEL_REGION_DATA:
        *out = (struct kernel_region){KERNEL_REGION_DATA, layout->data,
                                      layout->ebss};
        break;
    case KERNEL_REGION_BOOT:
        *out = (struct kernel_region){KERNEL_REGION_BOOT, layout->boot,
                                      layout->end};
        break;
    default:
        return false;
    }
    iter->next_title++;
    return true;
}

const char *kernel_region_name(enum kernel_region_title title) {
    switch (title) {
    case KERNEL_REGION_TEXT:
        return ".text";
    case KERNEL_REGION_RODATA:
        return ".rodata";
    case KERNEL_REGION_DATA:
        return ".data";
    case KERNEL_REGION_BOOT:
        return ".boot";
    }
    return "?";
}
