/*
 * Linker sets: lists that any file adds to and that one loop walks, with no
 * file knowing the others (the kernel's init calls and in-kernel tests are
 * built on them). Header only; linker.ld gathers and sorts the items.
 *
 *   LINKER_SET_DECLARE(greetings, const struct greeting);  (in a header)
 *   LINKER_SET_ADD(greetings, 5, hello);         (any file: &hello joins)
 *   LINKER_SET_FOREACH(greetings, greeting) say(greeting->text);
 *
 * A set holds pointers to its items, so it is an exact array whatever the
 * items' size. Each pointer goes in a section of its own named
 *   .linker_set.<set>.1.<order>.<item>
 * between a start label in .linker_set.<set>.0 and a stop label in
 * .linker_set.<set>.2. linker.ld keeps them all and sorts them by name
 * inside .rodata, which makes one array per set, ordered by `order`, then
 * by item name (a kernel with its own script INCLUDEs linker/sets.ld for
 * that). linker/README.md explains why it is done this way.
 */
#ifndef LINKER_SET_H
#define LINKER_SET_H

#include <stddef.h>

/*
 * Declares the set `set` of pointers to `type`: its start and stop labels
 * and a typedef that LINKER_SET_ADD checks items against. Put it in a header
 * that every file using the set includes.
 *
 * The labels are written in assembly: a label takes no space, and standard
 * C has no object of size 0. The start label is aligned like the pointers
 * that follow it, or a gap could open before the first item; the stop label
 * falls right after the last. They exist even if no file adds an item, so
 * an empty set has real, equal bounds. Every file that includes the
 * declaration defines them again. The start label's section is a COMDAT
 * group, of which the linker keeps the first copy and drops the others;
 * the stop label is .weak, so that the copies do not clash, and as its
 * sections are empty, every copy sits at the same address anyway.
 *
 * Before the start label, one word names linker_sets_ld_included, which
 * only linker.ld (or linker/sets.ld in a script of your own) defines: a
 * kernel that walks a set its script does not gather fails to link, where it
 * would otherwise find the set empty. One copy of the word, as of its
 * group: one per file would come between the start label and the items.
 */
#define LINKER_SET_DECLARE(set, type)                                          \
    typedef type linker_set_##set##_type;                                      \
    extern linker_set_##set##_type *const linker_set_##set##_start[];          \
    extern linker_set_##set##_type *const linker_set_##set##_stop[];           \
    __asm__(".pushsection .linker_set." #set ".0, \"aG\", @progbits, "         \
            "linker_set_" #set "_start, comdat\n"                              \
            ".balign 8\n"                                                      \
            ".quad linker_sets_ld_included\n"                                  \
            ".globl linker_set_" #set "_start\n"                               \
            "linker_set_" #set "_start:\n"                                     \
            ".popsection\n"                                                    \
            ".pushsection .linker_set." #set ".2, \"a\", @progbits\n"          \
            ".weak linker_set_" #set "_stop\n"                                 \
            "linker_set_" #set "_stop:\n"                                      \
            ".popsection")

/*
 * Adds &item to the set, at `order`: one digit, 0 first, 9 last (the linker
 * sorts names as text, where "10" comes before "9"). Items of one order come
 * in the order of their names. `item` is the name of an object (or function)
 * of the set's type, defined in this file or declared in it.
 *
 * `used`: nothing refers to the pointer, so without it the compiler would
 * drop it. The linker would drop its section too (--gc-sections) if
 * linker.ld did not KEEP it.
 */
#define LINKER_SET_ADD(set, order, item)                                       \
    _Static_assert(sizeof(#order) == 2 && (order) >= 0 && (order) <= 9,        \
                   "LINKER_SET_ADD: the order must be one digit, 0 to 9");     \
    static linker_set_##set##_type *const linker_set_##set##_item_##item       \
        __attribute__((used,                                                   \
                       section(".linker_set." #set ".1." #order "." #item))) = \
            &item

/* The set's pointers, an array of LINKER_SET_COUNT(set) entries. */
#define LINKER_SET_ITEMS(set) (linker_set_##set##_start)
#define LINKER_SET_COUNT(set)                                                  \
    ((size_t)(linker_set_##set##_stop - linker_set_##set##_start))

/*
 * for (each item of the set, in order): `variable` points to the item. The
 * loop walks variable_slot over the pointers and loads each into `variable`
 * in the condition (the comma makes the condition true once loaded).
 * clang-format cannot lay out the two declarators, hence the off/on.
 */
/* clang-format off */
#define LINKER_SET_FOREACH(set, variable)                                      \
    for (linker_set_##set##_type *variable,                                    \
         *const *variable##_slot = LINKER_SET_ITEMS(set);                      \
         variable##_slot < linker_set_##set##_stop &&                          \
         (variable = *variable##_slot, 1);                                     \
         variable##_slot++)
/* clang-format on */

#endif
