/*
 * memcpy, memmove, memset and memcmp, which the compiler may call on its
 * own (a struct copy, a zeroed array), byte by byte: simple
 * enough to trust, and nothing in this kernel copies enough through them to
 * need more. Leave this file out if your kernel defines them already.
 */
#include "compiler_helpers.h"

void *memcpy(void *restrict destination, const void *restrict source,
             size_t len) {
    return memmove(destination, source, len);
}

void *memmove(void *destination, const void *source, size_t len) {
    unsigned char *to = destination;
    const unsigned char *from = source;
    if (to < from) {
        for (size_t i = 0; i < len; i++)
            to[i] = from[i];
    } else {
        while (len-- > 0)
            to[len] = from[len];
    }
    return destination;
}

void *memset(void *destination, int byte, size_t len) {
    unsigned char *to = destination;
    for (size_t i = 0; i < len; i++)
        to[i] = (unsigned char)byte;
    return destination;
}

int memcmp(const void *left, const void *right, size_t len) {
    const unsigned char *a = left, *b = right;
    for (size_t i = 0; i < len; i++) {
        if (a[i] != b[i])
            return a[i] - b[i];
    }
    return 0;
}
