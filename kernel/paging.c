/*
 * The kernel's one page table, built at boot (init call "paging", right after
 * the trap vector) from the linker library's region iterator:
 *   .text R+X, .rodata R, .data and .boot R+W, in 4 KiB pages;
 *   the free RAM below and above the kernel R+W in 2 MiB megapages, for app
 *   slots (below, only with a KERNEL_BASE above 0x80200000);
 *   QEMU's test device R+W, for panic.
 * All of it is supervisor-only; nothing is both writable and executable.
 * Unmapped: the firmware's 2 MiB, the rest of the kernel's megapages and
 * every other device. The one place U-mode can reach is the slot of the app
 * that runs, which app.c opens (U+R+W+X) and closes around each app.
 */
#include "paging.h"

#include <stdbool.h>
#include <stddef.h>

#include "initcall.h"
#include "ktest.h"
#include "linker/linker.h"
#include "log.h"
#include "panic.h"
#include "platform.h"

#define PAGE_SIZE     4096UL
#define MEGAPAGE_SIZE (512 * PAGE_SIZE)
_Static_assert(MEGAPAGE_SIZE == APP_SLOT_SIZE, "a slot is one megapage");

/* Page table entry bits (privileged spec, Sv39). A and D are set from the
   start: hardware need not update them, and may fault if it does not. */
#define PTE_VALID    (1UL << 0)
#define PTE_READ     (1UL << 1)
#define PTE_WRITE    (1UL << 2)
#define PTE_EXECUTE  (1UL << 3)
#define PTE_USER     (1UL << 4)
#define PTE_ACCESSED (1UL << 6)
#define PTE_DIRTY    (1UL << 7)
#define PTE_LEAF     (PTE_READ | PTE_WRITE | PTE_EXECUTE)
/* The physical page number sits at bit 10 of an entry. */
#define PTE_PAGE_SHIFT 10

#define SATP_MODE_SV39 (8UL << 60)

/* Levels of the walk: 2 is the root, 0 maps 4 KiB pages. */
#define LEVEL_ROOT     2
#define LEVEL_MEGAPAGE 1
#define LEVEL_PAGE     0

struct page_table {
    uint64_t entries[512];
};

/* The root, one table per GiB touched (devices, RAM) and one per 2 MiB of
   kernel image mapped in 4 KiB pages (and one for the test device's page):
   eight cover a kernel of up to 4 MiB. Zeroed with .bss. */
#define PAGE_TABLE_COUNT 8
static _Alignas(PAGE_SIZE) struct page_table page_tables[PAGE_TABLE_COUNT];
static unsigned page_tables_used;

/* The table of RAM's megapages, where the app slots are: RAM lies in one
   GiB, so one table holds them all, and a slot's entry is found without a
   walk (a switch between apps swaps two of them). */
_Static_assert(RAM_START / (512 * MEGAPAGE_SIZE) ==
                   (RAM_END - 1) / (512 * MEGAPAGE_SIZE),
               "RAM lies in one GiB, one table of megapages");
static struct page_table *ram_megapages;

static struct page_table *page_table_allocate(void) {
    if (page_tables_used == PAGE_TABLE_COUNT)
        panic("paging: all %d page tables used: is the kernel over 4 MiB?",
              PAGE_TABLE_COUNT);
    return &page_tables[page_tables_used++];
}

static uint64_t entry_for(uintptr_t address, uint64_t bits) {
    return (address / PAGE_SIZE) << PTE_PAGE_SHIFT | bits;
}

/* A valid leaf: maps the page at `address` with `rights`. */
static uint64_t leaf_entry(uintptr_t address, uint64_t rights) {
    return entry_for(address, rights | PTE_VALID | PTE_ACCESSED | PTE_DIRTY);
}

static uintptr_t address_in(uint64_t entry) {
    return (entry >> PTE_PAGE_SHIFT) * PAGE_SIZE;
}

/* The entry that maps `address` at `level`, making the tables on the way
   down as they are needed. */
static uint64_t *page_table_entry(uintptr_t address, unsigned level) {
    struct page_table *table = &page_tables[0];
    for (unsigned walk = LEVEL_ROOT;; walk--) {
        /* Nine bits of the address index each level, above the 12 of the
           offset in the page. */
        uint64_t *entry = &table->entries[(address >> (12 + 9 * walk)) % 512];
        if (walk == level)
            return entry;
        if (*entry & PTE_LEAF)
            panic("paging: 0x%lx is already in a larger page", address);
        if (!(*entry & PTE_VALID))
            *entry = entry_for((uintptr_t)page_table_allocate(), PTE_VALID);
        table = (struct page_table *)address_in(*entry);
    }
}

/* Maps [start, end), rounded out to whole pages of the level, onto itself. */
static void map_range(uintptr_t start, uintptr_t end, unsigned level,
                      uint64_t rights) {
    uint64_t size = level == LEVEL_PAGE ? PAGE_SIZE : MEGAPAGE_SIZE;
    for (uintptr_t page = start / size * size; page < end; page += size)
        *page_table_entry(page, level) = leaf_entry(page, rights);
}

static uint64_t rights_of(enum kernel_region_title title) {
    switch (title) {
    case KERNEL_REGION_TEXT:
        return PTE_READ | PTE_EXECUTE;
    case KERNEL_REGION_RODATA:
        return PTE_READ;
    case KERNEL_REGION_DATA:
    case KERNEL_REGION_BOOT:
        return PTE_READ | PTE_WRITE;
    }
    panic("paging: no rights for region %d", title);
}

/* Forgets every translation cached from the page table. */
static void flush_translations(void) {
    __asm__ volatile("sfence.vma" ::: "memory");
}

static void paging_init(void) {
    page_table_allocate(); /* page_tables[0], the root */

    struct kernel_layout layout = kernel_layout_locate();
    struct kernel_region_iter regions = kernel_layout_iter(&layout);
    struct kernel_region region;
    while (kernel_region_iter_next(&regions, &region))
        map_range(region.start, region.end, LEVEL_PAGE,
                  rights_of(region.title));

    /* The whole megapages of RAM that neither firmware nor kernel touch. */
    uintptr_t below_kernel =
        kernel_layout_start(&layout) / MEGAPAGE_SIZE * MEGAPAGE_SIZE;
    uintptr_t above_kernel = (kernel_layout_end(&layout) + MEGAPAGE_SIZE - 1) /
                             MEGAPAGE_SIZE * MEGAPAGE_SIZE;
    map_range(FIRMWARE_END, below_kernel, LEVEL_MEGAPAGE, PTE_READ | PTE_WRITE);
    map_range(above_kernel, RAM_END, LEVEL_MEGAPAGE, PTE_READ | PTE_WRITE);
    map_range(QEMU_TEST_DEVICE, QEMU_TEST_DEVICE + PAGE_SIZE, LEVEL_PAGE,
              PTE_READ | PTE_WRITE);

    ram_megapages = (struct page_table *)address_in(
        page_tables[0].entries[(RAM_START >> (12 + 9 * LEVEL_ROOT)) % 512]);

    /* The map is identity, so the next instruction's address means the same
       with paging on: no jump is needed. */
    uint64_t satp = SATP_MODE_SV39 | (uintptr_t)&page_tables[0] / PAGE_SIZE;
    __asm__ volatile("csrw satp, %0" : : "r"(satp));
    flush_translations();
    log_info("paging: Sv39, %u page tables", page_tables_used);
}

INITCALL(2, paging, paging_init, NULL);

/* Out of line, so that the switch between apps, which sets the rights of
   two slots, does not pay for a stack frame it never needs. */
__attribute__((noreturn, cold, noinline)) static void
not_a_slot(uintptr_t slot) {
    panic("paging: 0x%lx is not a slot of free RAM", slot);
}

/* Sets the rights on a slot's megapage; it must map free RAM, not the
   kernel. */
static void slot_set_rights(uintptr_t slot, uint64_t rights) {
    /* The entry must be a megapage that maps the slot itself: that rules
       out the kernel's megapages (tables of 4 KiB pages), the firmware's
       (unmapped), an address outside RAM that the index wraps onto a
       slot's entry, and one that is not a megapage's first byte. */
    uint64_t *entry = &ram_megapages->entries[slot / MEGAPAGE_SIZE % 512];
    if (!(*entry & PTE_LEAF) || address_in(*entry) != slot)
        not_a_slot(slot);
    *entry = leaf_entry(slot, rights);
    flush_translations();
}

void paging_open_slot(uintptr_t slot) {
    slot_set_rights(slot, PTE_READ | PTE_WRITE | PTE_EXECUTE | PTE_USER);
}

void paging_close_slot(uintptr_t slot) {
    slot_set_rights(slot, PTE_READ | PTE_WRITE);
}

/* The rights of a leaf entry, without the bits every entry has. */
static uint64_t rights_in(uint64_t entry) {
    return entry & (PTE_LEAF | PTE_USER);
}

KTEST(paging_kernel_regions_have_their_rights) {
    struct kernel_layout layout = kernel_layout_locate();
    struct kernel_region_iter regions = kernel_layout_iter(&layout);
    struct kernel_region region;
    while (kernel_region_iter_next(&regions, &region)) {
        for (uintptr_t page = region.start; page < region.end;
             page += PAGE_SIZE) {
            uint64_t entry = *page_table_entry(page, LEVEL_PAGE);
            KTEST_CHECK(entry & PTE_VALID);
            KTEST_CHECK_EQUAL(address_in(entry), page / PAGE_SIZE * PAGE_SIZE);
            KTEST_CHECK_EQUAL(rights_in(entry), rights_of(region.title));
        }
    }
}

/* Over every table in use: no leaf is both writable and executable, and
   none is U-mode's while no app runs. */
KTEST(paging_no_leaf_writable_and_executable_or_user) {
    unsigned leaves = 0;
    for (unsigned table = 0; table < page_tables_used; table++) {
        for (unsigned index = 0; index < 512; index++) {
            uint64_t entry = page_tables[table].entries[index];
            if (!(entry & PTE_LEAF))
                continue;
            leaves++;
            KTEST_CHECK(!((entry & PTE_WRITE) && (entry & PTE_EXECUTE)));
            KTEST_CHECK(!(entry & PTE_USER));
        }
    }
    KTEST_CHECK(leaves > 0);
}

KTEST(paging_slot_opens_to_user_and_closes) {
    uint64_t *entry = page_table_entry(KTEST_SCRATCH_SLOT, LEVEL_MEGAPAGE);
    KTEST_CHECK_EQUAL(rights_in(*entry), PTE_READ | PTE_WRITE);
    paging_open_slot(KTEST_SCRATCH_SLOT);
    uint64_t opened = rights_in(*entry);
    paging_close_slot(KTEST_SCRATCH_SLOT);
    KTEST_CHECK_EQUAL(opened, PTE_READ | PTE_WRITE | PTE_EXECUTE | PTE_USER);
    KTEST_CHECK_EQUAL(rights_in(*entry), PTE_READ | PTE_WRITE);
    KTEST_CHECK_EQUAL(address_in(*entry), KTEST_SCRATCH_SLOT);
}
