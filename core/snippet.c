/* Highlights and snippets: see snippet.h. */
#include "snippet.h"
#include "alloc.h"

#include "terms.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"

typedef struct {
    size_t start, end;
    int match;
} word;

/* A set of 24-bit hashes (rankdata.h), sorted. */
typedef struct {
    uint32_t *v;
    size_t n;
} hashes;

typedef struct {
    cari_db *db;
    const cari_query *q;
    word *v;
    size_t n, cap;
    /* With the passage's rank data: its text's words, and the hashes of
     * the query's words and stems.  `off` when a word of the text is not
     * the one the rank data holds at its place. */
    const cari_rank_words *rw;
    hashes forms, stems;
    int off;
} collector;

static int by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The rank hashes of words[0..n) into *out, sorted.  Returns 0, or -1
 * when out of memory. */
static int hash_all(char *const *words, size_t n, hashes *out)
{
    out->n = n;
    if (!(out->v = cari_malloc((n ? n : 1) * sizeof *out->v)))
        return -1;
    for (size_t i = 0; i < n; i++)
        out->v[i] = cari_rank_hash(words[i], strlen(words[i]));
    qsort(out->v, n, sizeof *out->v, by_value);
    return 0;
}

static int has_hash(const hashes *h, uint32_t x)
{
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (h->v[mid] == x)
            return 1;
        if (h->v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Whether tok, the text's word number i, is one the query looks for: as
 * cari_query_matches(), but a word whose form and stem hashes (from the
 * rank data) are none of the query's words' and stems' cannot match by
 * form or stem, so it is not stemmed.  Two equal words have equal hashes,
 * so the answer is always cari_query_matches()'s: the hashes only skip
 * work.  Sets c->off when the rank data's word i is not tok. */
static int matches(collector *c, size_t i, const cari_token *tok)
{
    const cari_query *q = c->q;
    if (!c->rw)
        return cari_query_matches(c->db, q, tok->term, tok->term_len);
    if (i >= c->rw->n_text || c->rw->v[i].form != cari_rank_hash(tok->term, tok->term_len)) {
        c->off = 1;
        return 0;
    }
    const cari_rword *r = &c->rw->v[i];
    if (has_hash(&c->forms, r->form) &&
        cari_sorted_has((const char *const *)q->words, q->n_words, tok->term, tok->term_len))
        return 1;
    for (size_t k = 0; k < q->n_prefixes; k++) {
        size_t pl = strlen(q->prefixes[k]);
        if (pl <= tok->term_len && !memcmp(q->prefixes[k], tok->term, pl))
            return 1;
    }
    if (!has_hash(&c->stems, r->stem))
        return 0;
    size_t sl;
    const char *stem = cari_stem_term(c->db->stemmer, tok->term, tok->term_len, &sl);
    return stem && cari_sorted_has((const char *const *)q->stems, q->n_stems, stem, sl);
}

static int collect(void *ctx, const cari_token *tok)
{
    collector *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        word *v = cari_realloc(c->v, cap * sizeof *v);
        if (!v)
            return CARI_NOMEM;
        c->v = v;
        c->cap = cap;
    }
    word *w = &c->v[c->n];
    w->start = tok->start;
    w->end = tok->end;
    w->match = matches(c, c->n, tok);
    c->n++;
    return 0;
}

/* Tokenizes hit's text into c->v, each word marked when the query
 * matches it; with the passage's rank data `rw` (or NULL), without
 * stemming the words that cannot match.  When the rank data turns out
 * not to be the text's, marks them again without it.  Returns CARI_OK or
 * CARI_NOMEM (c->v freed). */
static cari_status collect_words(collector *c, const cari_rank_words *rw, const cari_hit *hit)
{
    const cari_query *q = c->q;
    c->rw = rw;
    if (rw && (hash_all(q->words, q->n_words, &c->forms) ||
               hash_all(q->stems, q->n_stems, &c->stems))) {
        free(c->forms.v);
        return CARI_NOMEM;
    }
    int rc = cari_tokenize(hit->text, hit->text_len, collect, c);
    if (!rc && rw && (c->off || c->n != rw->n_text)) {
        c->rw = NULL;
        c->n = 0;
        rc = cari_tokenize(hit->text, hit->text_len, collect, c);
    }
    free(c->forms.v);
    free(c->stems.v);
    if (rc) {
        free(c->v);
        return CARI_NOMEM;
    }
    return CARI_OK;
}

/* Picks the window of `size` consecutive words holding the most matches;
 * the earliest among equals.  Returns its first word. */
static size_t best_window(const word *v, size_t n, size_t size)
{
    size_t best = 0, best_count = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        count += v[i].match;
        if (i >= size)
            count -= v[i - size].match;
        if (count > best_count) {
            best_count = count;
            best = i >= size ? i - size + 1 : 0;
        }
    }
    /* Centre the matches a little: start a few words before the first. */
    size_t first = best;
    while (first < n && first < best + size && !v[first].match)
        first++;
    size_t lead = size / 4;
    if (first < n && first - best > lead)
        best = first - lead;
    return best;
}

cari_status cari_mark_hit(cari_db *db, const cari_query *q, const cari_rank_words *rw,
                          unsigned words, cari_hit *hit)
{
    collector c = {.db = db, .q = q};
    if (collect_words(&c, rw, hit))
        return CARI_NOMEM;
    size_t matches = 0;
    for (size_t i = 0; i < c.n; i++)
        matches += c.v[i].match;
    cari_span *hl = cari_malloc((matches ? matches : 1) * sizeof *hl);
    cari_span *shl = cari_malloc((matches ? matches : 1) * sizeof *shl);
    if (!hl || !shl) {
        free(c.v);
        free(hl);
        free(shl);
        return CARI_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < c.n; i++)
        if (c.v[i].match)
            hl[k++] = (cari_span){c.v[i].start, c.v[i].end};

    /* The window: the whole passage when it is short enough. */
    size_t size = words ? words : 30;
    size_t from = 0, to = hit->text_len, first = 0, last = c.n;
    if (c.n > size + size / 3) {
        first = best_window(c.v, c.n, size);
        last = first + size < c.n ? first + size : c.n;
        from = first ? c.v[first].start : 0;
        to = last < c.n ? c.v[last - 1].end : hit->text_len;
        /* Keep punctuation that closes the last word (up to a space). */
        while (to < hit->text_len && hit->text[to] != ' ' && last < c.n &&
               to < c.v[last].start)
            to++;
    }
    int pre = from > 0, post = to < hit->text_len;
    size_t slen = (pre ? 3 : 0) + (to - from) + (post ? 3 : 0);
    char *snip = cari_malloc(slen + 1);
    if (!snip) {
        free(c.v);
        free(hl);
        free(shl);
        return CARI_NOMEM;
    }
    char *o = snip;
    if (pre)
        memcpy(o, ELLIPSIS, 3), o += 3;
    size_t shift = (size_t)(o - snip);
    memcpy(o, hit->text + from, to - from);
    o += to - from;
    if (post)
        memcpy(o, ELLIPSIS, 3), o += 3;
    *o = '\0';
    size_t sk = 0;
    for (size_t i = first; i < last && i < c.n; i++)
        if (c.v[i].match)
            shl[sk++] = (cari_span){c.v[i].start - from + shift, c.v[i].end - from + shift};
    free(c.v);
    hit->highlights = hl;
    hit->n_highlights = k;
    hit->snippet = snip;
    hit->snippet_highlights = shl;
    hit->n_snippet_highlights = sk;
    return CARI_OK;
}
