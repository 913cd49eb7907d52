/* Stores to address 0, which is not the app's memory: the kernel must kill
   it and go on with the next app. */
#include "user.h"

int main(void) {
    printf("store_fault: storing to address 0\n");
    *(volatile int *)0 = 1;
    printf("store_fault: still alive, which is wrong\n");
    return 0;
}
