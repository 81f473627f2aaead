/* Folding text for answer matching: see fold.h. */
#include "fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Replaces runs of white space by one space and trims both ends, in
 * place. */
static void squeeze(char *s)
{
    char *o = s;
    int space = 1;   /* drops leading white space */
    for (const char *p = s; *p; p++) {
        int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                 *p == '\f' || *p == '\v';
        if (ws) {
            if (!space)
                *o++ = ' ';
            space = 1;
        } else {
            *o++ = *p;
            space = 0;
        }
    }
    if (o > s && o[-1] == ' ')
        o--;
    *o = '\0';
}

char *eval_fold(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD);
    char *r;
    if (n >= 0) {
        r = (char *)out;
    } else {
        /* Invalid UTF-8 (or no memory): fold ASCII only. */
        free(out);
        r = malloc(len + 1);
        if (!r)
            return NULL;
        for (size_t i = 0; i < len; i++)
            r[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
        r[len] = '\0';
    }
    squeeze(r);
    return r;
}
