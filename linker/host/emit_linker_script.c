/*
 * emit_linker_script: writes the linker library's script to a file, the
 * build's first step (a host program, run before the kernel is compiled).
 * The build runs it to make build/linker.ld
 * and links the kernel with -T that file, so the script the kernel is linked
 * with is exactly the one compiled into the library.
 *
 * Build: cc -Wa,-Ilinker -o emit_linker_script linker/host/emit_linker_script.c
 *            linker/script.S
 * Usage: emit_linker_script OUTPUT
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../linker.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: emit_linker_script OUTPUT\n");
        return 2;
    }
    const char *path = argv[1];
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        fprintf(stderr, "emit_linker_script: cannot open %s: %s\n", path,
                strerror(errno));
        return 1;
    }
    size_t written = fwrite(linker_script, 1, linker_script_len, out);
    if (fclose(out) != 0 || written != linker_script_len) {
        fprintf(stderr, "emit_linker_script: cannot write %s\n", path);
        remove(path);
        return 1;
    }
    return 0;
}
