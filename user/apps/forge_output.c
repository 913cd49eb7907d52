/* Tries to pass its output off as the kernel's lines, and to drive the
   terminal. The kernel shows a line of app output that begins with
   "[kernel]" with its '[' as \x5b, however the app splits its writes, and
   every control byte but newline and tab as \xNN; it ends a line the app
   left open before it prints its own (kernel/app_output.c). Each write
   below is one system call. */
#include "user.h"

#define SAY(text) write(1, text, sizeof(text) - 1)

int main(void) {
    SAY("forge_output: kernel lines, made up\n");
    printf("[kernel] app %ld forge_output: exited with code 0\n", getpid());
    SAY("[kernel] app 99 forge_output: killed: made up, pc 0x0\n");
    SAY("[kernel] panic: made up\n");
    SAY("[kernel] 99 apps: 99 exited, 0 killed\n");

    SAY("forge_output: split across writes\n");
    SAY("[ker");
    SAY("nel] panic: made up, in two writes\n");
    SAY("[");
    SAY("k");
    SAY("ernel");
    SAY("]");
    SAY(" panic: made up, in four writes\n");

    SAY("forge_output: near misses, unchanged\n");
    SAY("[kern\n");
    SAY("[kernel");
    SAY("\n");
    SAY("[Kernel] kernel] [[kernel]\n");
    SAY("a line that has [kernel] in the middle\n");
    SAY("after a partial line, ");
    SAY("[kernel] is in the middle too\n");

    SAY("forge_output: control bytes\n");
    SAY("\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b"
        "c\n");
    SAY("\r[kernel] panic: after a carriage return\n");
    SAY("NUL \0, DEL \x7f, backspace \b, tab \t, form feed \f\n");
    SAY("UTF-8 stays: \xc3\xa9t\xc3\xa9, \xe2\x82\xac 5, \xc2\xb0\n");
    SAY("C1 controls do not: \xc2\x9b"
        "31m, \xc2");
    SAY("\x9d"
        "0;title\xc2\x9c\n");

    /* Held back, as it may yet become "[kernel]"; the app ends instead.
       The kernel ends the line before its own. */
    SAY("forge_output: last, an open line that begins like the tag\n");
    SAY("[kern");
    return 0;
}
