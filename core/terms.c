/* Term building: see terms.h. */
#include "terms.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* 64-bit FNV-1a: stable across runs and machines. */
static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

size_t cari_make_term(char *buf, const char *prefix, const char *text, size_t len)
{
    size_t p = strlen(prefix);
    if (p + len <= CARI_TERM_MAX) {
        memcpy(buf, prefix, p);
        memcpy(buf + p, text, len);
        buf[p + len] = '\0';
        return p + len;
    }
    /* prefix + head + "#" + 16 hex digits */
    size_t head = CARI_TERM_MAX - p - 17;
    memcpy(buf, prefix, p);
    memcpy(buf + p, text, head);
    snprintf(buf + p + head, 18, "#%016llx", (unsigned long long)fnv1a(text, len));
    return CARI_TERM_MAX;
}

const char *cari_stem_term(cari_db *db, const char *term, size_t len,
                           size_t *out_len)
{
    return stemmer_id_stem(db->stemmer, term, len, out_len);
}

int cari_sorted_has(const char *const *v, size_t n, const char *word, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(v[mid], word, len);
        if (!c && v[mid][len])
            c = 1; /* v[mid] is longer: after word */
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
