/*
 * KTESTs of the linker sets themselves (linker/set.h; ktest builds only):
 * every item is found, even one from a file nothing refers to, in the
 * promised order, as an exact array inside .rodata; an empty set is empty.
 */
#include <stdint.h>

#include "ktest.h"
#include "ktests_set.h"
#include "lib/text.h"
#include "linker/linker.h"

/* Added in an order that is neither the wanted one nor its reverse; 'b'
   comes from kernel/ktests_set_lonely.c. Wanted: by order, then by name. */
static const char letter_f = 'f', letter_e = 'e', letter_d = 'd',
                  letter_c = 'c', letter_a = 'a';
LINKER_SET_ADD(ktest_letters, 7, letter_f);
LINKER_SET_ADD(ktest_letters, 3, letter_c);
LINKER_SET_ADD(ktest_letters, 7, letter_e);
LINKER_SET_ADD(ktest_letters, 0, letter_a);
LINKER_SET_ADD(ktest_letters, 5, letter_d);

/* A set no file adds to. Its name starts with the other's: the sorted
   sections of the two must not mix. */
LINKER_SET_DECLARE(ktest_letters_none, const char);

KTEST(linker_set_finds_every_item_in_order) {
    char letters[8] = {0};
    unsigned count = 0;
    LINKER_SET_FOREACH(ktest_letters, letter) {
        if (count == sizeof(letters) - 1)
            KTEST_FAIL("more than %u items", count);
        letters[count++] = *letter;
    }
    if (lib_strcmp(letters, "abcdef") != 0)
        KTEST_FAIL("the set holds \"%s\", wanted \"abcdef\"", letters);
    KTEST_CHECK_EQUAL(LINKER_SET_COUNT(ktest_letters), 6);
}

/* Pointers only, back to back, no padding: item i is ITEMS[i]. */
KTEST(linker_set_is_an_exact_array_in_rodata) {
    struct kernel_layout layout = kernel_layout_locate();
    uintptr_t start = (uintptr_t)LINKER_SET_ITEMS(ktest_letters);
    uintptr_t stop = start + LINKER_SET_COUNT(ktest_letters) * sizeof(void *);
    KTEST_CHECK_EQUAL(start % sizeof(void *), 0);
    KTEST_CHECK(layout.rodata <= start && stop <= layout.data);
    KTEST_CHECK_EQUAL(LINKER_SET_ITEMS(ktest_letters)[0], &letter_a);
    KTEST_CHECK_EQUAL(LINKER_SET_ITEMS(ktest_letters)[5], &letter_f);
}

KTEST(linker_set_empty_is_safe) {
    KTEST_CHECK_EQUAL(LINKER_SET_COUNT(ktest_letters_none), 0);
    LINKER_SET_FOREACH(ktest_letters_none, letter)
        KTEST_FAIL("an empty set gave '%c'", *letter);
    /* Its bounds are still real addresses in .rodata, next to the others. */
    struct kernel_layout layout = kernel_layout_locate();
    uintptr_t start = (uintptr_t)LINKER_SET_ITEMS(ktest_letters_none);
    KTEST_CHECK(layout.rodata <= start && start <= layout.data);
}
