/* lab: yield */
/*
 * An app of tests/cases/multiprogramming.exp, run right before
 * tag_split_second.c: it begins a line with "[ker" in one write and gives
 * the CPU up before it finishes the line. The output filter holds those
 * bytes back as this app's (kernel/app_output.c), so the next app's
 * "nel] ..." cannot finish "[kernel]" on the console; this app's own
 * "nel] ..." does, and its line is marked.
 */
#include "user.h"

static void say(const char *text) {
    size_t len = 0;
    while (text[len] != '\0')
        len++;
    write(1, text, len);
}

int main(void) {
    say("[ker");
    sched_yield();
    say("nel] tag_split_first: the tag, finished after a yield\n");
    return 0;
}
