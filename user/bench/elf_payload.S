/*
 * The ELF file make bench loads with elf_load (kernel/bench/bench_elf.S
 * packs it): linked with user/user.ld like any app, for the in-place
 * mode's slot, but never run. Its data segment holds 56 KiB, so that the
 * loader's fixed work (reading and checking the headers) adds little to
 * its count per byte copied, which is the copy's.
 */
    .section .text.entry, "ax", @progbits
    .globl _start
_start:
    lla t0, payload             /* the link keeps only what code refers to */
    j _start                    /* never runs: the file is only loaded */

    .section .data, "aw", @progbits
    .balign 8
payload:
    .fill 56 * 1024 / 8, 8, 0x0123456789abcdef  /* 56 KiB to copy */
