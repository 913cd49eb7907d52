/*
 * The bench build's kernel entry (make bench): LINKER_BOOT0's _start jumps
 * here rather than to kernel_main. Its first instruction reads instret, so
 * that tools/bench.sh can count the instructions from _start to the first
 * app's first instruction (adding the few of _start itself, which it reads
 * from the disassembly).
 */
    .section .data
    .balign 8
    .globl bench_entry_instret
bench_entry_instret:            /* in .data: .bss is cleared after we write */
    .quad 0

    .section .text
    .globl bench_entry
    .balign 4
bench_entry:
    csrr t0, instret            /* instructions retired before this one */
    la t1, bench_entry_instret  /* where bench_report finds it */
    sd t0, 0(t1)
    tail kernel_main            /* a0 (hart id) and a1 go on untouched */
