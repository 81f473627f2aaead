/* Term building: see terms.h. */
#include "terms.h"

#include "hash.h"
#include "stopwords.h"

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

/* Whether rest[0..n) is nothing but clitics: particles (-lah -kah -tah
 * -pun) and possessives (-nya -ku -mu), as many as the stemmer peels. */
static int only_clitics(const char *rest, size_t n)
{
    static const char *const clitics[] = {"nya", "ku", "mu", "lah", "kah", "tah", "pun"};
    while (n) {
        size_t i = 0, k = 0;
        for (; i < sizeof clitics / sizeof clitics[0]; i++) {
            k = strlen(clitics[i]);
            if (k <= n && !memcmp(rest, clitics[i], k))
                break;
        }
        if (i == sizeof clitics / sizeof clitics[0])
            return 0;
        rest += k;
        n -= k;
    }
    return 1;
}

const char *cari_stem_term(stemmer_id *stemmer, const char *term, size_t len,
                           size_t *out_len)
{
    if (stemmer_id_get_mode(stemmer) != STEMMER_ID_FULL)
        return stemmer_id_stem(stemmer, term, len, out_len);
    const char *own = cari_stopword(term, len);
    if (own) {
        *out_len = len;
        return own;
    }
    size_t sl;
    const char *stem = stemmer_id_stem(stemmer, term, len, &sl);
    if (!stem)
        return NULL;
    const char *marked = cari_stopword_marked(stem, sl); /* term is no stopword */
    if (marked && sl < len && !memcmp(term, stem, sl) && only_clitics(term + sl, len - sl)) {
        stem = cari_stopword(stem, sl); /* olehnya, adanya: the stopword */
    } else if (marked) {
        stem = marked; /* memperoleh, berada: oleh+, ada+ */
        sl = strlen(marked);
    }
    *out_len = sl;
    return stem;
}

size_t cari_sorted_find(const char *const *v, size_t n, const char *word, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(v[mid], word, len);
        if (!c && v[mid][len])
            c = 1; /* v[mid] is longer: after word */
        if (!c)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n;
}

int cari_sorted_has(const char *const *v, size_t n, const char *word, size_t len)
{
    return cari_sorted_find(v, n, word, len) < n;
}
