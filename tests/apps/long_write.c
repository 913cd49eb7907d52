/* lab: yield */
/*
 * An app of tests/cases/multiprogramming.exp: one write of a line longer
 * than a time slice takes to print (20,000 bytes, about 7 ms of guest time
 * at the firmware's 336 instructions a byte, where the case's slice is
 * 2 ms). The slice ends during the write, but the kernel runs with
 * interrupts off: the write ends first, whole, and no other app's bytes
 * come into the line.
 */
#include "user.h"

#define LINE_BYTES 20000

static char line[LINE_BYTES];

int main(void) {
    const char head[] = "long_write: ";
    for (size_t i = 0; i < LINE_BYTES; i++)
        line[i] = i < sizeof(head) - 1 ? head[i] : 'w';
    line[LINE_BYTES - 1] = '\n';
    long written = write(1, line, LINE_BYTES);
    printf("long_write: write returned %ld\n", written);
    return 0;
}
