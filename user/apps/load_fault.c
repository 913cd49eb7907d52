/* Loads from address 0, which is not the app's memory: the kernel must kill
   it with a load fault and go on with the next app. */
#include "user.h"

int main(void) {
    printf("load_fault: loading from address 0\n");
    int value = *(volatile int *)0;
    printf("load_fault: still alive, read %d, which is wrong\n", value);
    return 0;
}
