/*
 * copy_files: copies each SOURCE to its TARGET, on the host. The build
 * copies every app's ELF file from where it was linked, in the folder of
 * objects that builds share, to $(BUILD)/apps/INDEX-NAME.elf, where gdb and
 * decode_addresses find it: one copy_files for all of a build's apps, where
 * a cp each cost make test hundreds of processes.
 *
 * A target is written in place (its build's own file, which no other build
 * writes), with the mode bits of its source when it is new, as cp does.
 *
 * Usage: copy_files SOURCE TARGET [SOURCE TARGET]...
 */
#define _XOPEN_SOURCE 700 /* open, read, write, fstat are POSIX */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Copies source to target; on failure says why, naming the file at fault,
   and returns -1. */
static int copy_file(const char *source, const char *target) {
    static char buffer[64 * 1024];
    const char *failed = source;
    int from = open(source, O_RDONLY);
    int to = -1;
    struct stat status;

    if (from < 0 || fstat(from, &status) != 0)
        goto fail;
    failed = target;
    to = open(target, O_WRONLY | O_CREAT | O_TRUNC, status.st_mode & 07777);
    if (to < 0)
        goto fail;
    for (;;) {
        ssize_t got = read(from, buffer, sizeof buffer);
        if (got < 0) {
            failed = source;
            goto fail;
        }
        if (got == 0)
            break;
        for (ssize_t written = 0; written < got;) {
            ssize_t put = write(to, buffer + written, (size_t)(got - written));
            if (put < 0)
                goto fail;
            written += put;
        }
    }
    close(from);
    from = -1;
    if (close(to) != 0) {
        to = -1;
        goto fail;
    }
    return 0;

fail:
    fprintf(stderr, "copy_files: %s: %s\n", failed, strerror(errno));
    if (from >= 0)
        close(from);
    if (to >= 0)
        close(to);
    return -1;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc % 2 == 0) {
        fprintf(stderr, "usage: copy_files SOURCE TARGET [SOURCE TARGET]...\n");
        return 2;
    }
    for (int i = 1; i < argc; i += 2)
        if (copy_file(argv[i], argv[i + 1]) != 0)
            return 1;
    return 0;
}
