/* The document data of a passage: see docdata.h. */
#include "docdata.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cari_docdata_encode(unsigned passage, const char *article, const char *title,
                          const char *meta, size_t meta_len, const char *text,
                          size_t text_len, size_t *out_len)
{
    char head[96];
    size_t alen = strlen(article), tlen = title ? strlen(title) : 0;
    int n = title ? snprintf(head, sizeof head, "%u %zu %zu %zu\n", passage, alen, tlen,
                             meta_len)
                  : snprintf(head, sizeof head, "%u %zu - %zu\n", passage, alen, meta_len);
    size_t total = (size_t)n + alen + tlen + meta_len + text_len;
    char *out = cari_malloc(total ? total : 1);
    if (!out)
        return NULL;
    char *p = out;
    memcpy(p, head, (size_t)n);
    p += n;
    memcpy(p, article, alen);
    p += alen;
    if (tlen)
        memcpy(p, title, tlen);
    p += tlen;
    if (meta_len)
        memcpy(p, meta, meta_len);
    p += meta_len;
    memcpy(p, text, text_len);
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
    unsigned long long passage, alen, tlen = 0, mlen;
    int has_title = 1;
    if (number(&p, end, ' ', &passage) || number(&p, end, ' ', &alen))
        return -1;
    if (p < end && *p == '-') {
        has_title = 0;
        p++;
        if (p >= end || *p++ != ' ')
            return -1;
    } else if (number(&p, end, ' ', &tlen)) {
        return -1;
    }
    if (number(&p, end, '\n', &mlen))
        return -1;
    if ((unsigned long long)(end - p) < alen + tlen + mlen)
        return -1;
    out->passage = (unsigned)passage;
    out->article = p;
    out->article_len = (size_t)alen;
    out->title = has_title ? p + alen : NULL;
    out->title_len = (size_t)tlen;
    out->meta = p + alen + tlen;
    out->meta_len = (size_t)mlen;
    out->text = out->meta + mlen;
    out->text_len = (size_t)(end - out->text);
    return 0;
}
