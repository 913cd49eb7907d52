/* lab: yield */
/*
 * An app of tests/cases/multiprogramming.exp, run right after
 * tag_split_first.c, which has begun a line with "[ker" and given it the
 * CPU: these bytes would finish a kernel's line if the output filter let
 * one app finish what another began.
 */
#include "user.h"

int main(void) {
    const char text[] = "nel] tag_split_second: a line no app can forge\n";
    write(1, text, sizeof(text) - 1);
    return 0;
}
