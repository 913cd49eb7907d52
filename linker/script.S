/*
 * linker_script and linker_script_len: the bytes of linker/linker.ld, built
 * into the library so that a build step can write the script out (see
 * host/emit_linker_script.c). Assembly because .incbin is the one way to
 * embed a file without a second copy of its text. Assemble it with the
 * folder holding linker.ld on the assembler's include path (-Wa,-I<dir>).
 * It assembles for the host as well as for RISC-V.
 */
    .section .rodata
    .globl linker_script
    .type linker_script, @object
linker_script:
    .incbin "linker.ld"                 /* the script's bytes, as they are */
linker_script_end:
    .size linker_script, linker_script_end - linker_script

    .balign 8                           /* an unsigned long needs 8-byte alignment */
    .globl linker_script_len
    .type linker_script_len, @object
linker_script_len:
    .quad linker_script_end - linker_script   /* the length, without a NUL */
    .size linker_script_len, 8

    /* This object needs no executable stack (the host linker asks). */
    .section .note.GNU-stack, "", @progbits
