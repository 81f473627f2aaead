/* The document data of a passage: see docdata.h. */
#include "docdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cari_docdata_encode(unsigned passage, const char *article, const char *title,
                          const char *text, size_t text_len, size_t *out_len)
{
    char head[64];
    size_t alen = strlen(article), tlen = title ? strlen(title) : 0;
    int n = title ? snprintf(head, sizeof head, "%u %zu %zu\n", passage, alen, tlen)
                  : snprintf(head, sizeof head, "%u %zu -\n", passage, alen);
    size_t total = (size_t)n + alen + tlen + text_len;
    char *out = malloc(total ? total : 1);
    if (!out)
        return NULL;
    memcpy(out, head, (size_t)n);
    memcpy(out + n, article, alen);
    if (tlen)
        memcpy(out + n + alen, title, tlen);
    memcpy(out + n + alen + tlen, text, text_len);
    *out_len = total;
    return out;
}

/* Reads a decimal number at *p (before end) followed by `stop`.  Returns
 * 0 and advances *p past `stop`, or -1. */
static int number(const char **p, const char *end, char stop, unsigned long long *out)
{
    const char *s = *p;
    unsigned long long v = 0;
    if (s >= end || *s < '0' || *s > '9')
        return -1;
    while (s < end && *s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned)(*s - '0');
        if (v > (1ULL << 40))
            return -1;
        s++;
    }
    if (s >= end || *s != stop)
        return -1;
    *p = s + 1;
    *out = v;
    return 0;
}

int cari_docdata_decode(const char *data, size_t len, cari_docdata *out)
{
    const char *p = data, *end = data + len;
    unsigned long long passage, alen, tlen = 0;
    int has_title = 1;
    if (number(&p, end, ' ', &passage) || number(&p, end, ' ', &alen))
        return -1;
    if (p < end && *p == '-') {
        has_title = 0;
        p++;
        if (p >= end || *p++ != '\n')
            return -1;
    } else if (number(&p, end, '\n', &tlen)) {
        return -1;
    }
    if ((unsigned long long)(end - p) < alen + tlen)
        return -1;
    out->passage = (unsigned)passage;
    out->article = p;
    out->article_len = (size_t)alen;
    out->title = has_title ? p + alen : NULL;
    out->title_len = (size_t)tlen;
    out->text = p + alen + tlen;
    out->text_len = (size_t)(end - out->text);
    return 0;
}
