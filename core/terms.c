/* Term building: see terms.h. */
#include "terms.h"

#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
    snprintf(buf + p + head, 18, "#%016llx", (unsigned long long)cari_fnv1a(CARI_TERM_HASH_SEED, text, len));
    return CARI_TERM_MAX;
}

const char *cari_stem_term(stemmer_id *stemmer, const char *term, size_t len,
                           size_t *out_len)
{
    return stemmer_id_stem(stemmer, term, len, out_len);
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
