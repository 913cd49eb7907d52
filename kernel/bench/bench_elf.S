/*
 * make bench's ELF file for elf_load (bench.c), packed twice: a real file,
 * user/bench/elf_payload.S linked like an app for the in-place mode's slot
 * (the Makefile builds it and puts its folder on the assembler's include
 * path). The packer puts images at any byte offset, so the loader's source
 * may be aligned like its destination or not: the first copy is, the
 * second is 3 bytes off.
 */
    .section .rodata.bench_elf, "a", @progbits
    .balign 8
    .globl bench_elf_aligned, bench_elf_aligned_end
bench_elf_aligned:              /* a word boundary */
    .incbin "bench_elf_payload.elf"
bench_elf_aligned_end:

    .balign 8
    .skip 3                     /* 3 bytes past a word boundary */
    .globl bench_elf_shifted, bench_elf_shifted_end
bench_elf_shifted:
    .incbin "bench_elf_payload.elf"
bench_elf_shifted_end:
