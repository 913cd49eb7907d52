/*
 * String length and comparison, for the kernel (init call names, KTESTs)
 * and for apps, which link lib/ too.
 */
#include "text.h"

size_t lib_strlen(const char *text) {
    size_t len = 0;
    while (text[len] != '\0')
        len++;
    return len;
}

int lib_strcmp(const char *left, const char *right) {
    while (*left != '\0' && *left == *right) {
        left++;
        right++;
    }
    return (unsigned char)*left - (unsigned char)*right;
}
