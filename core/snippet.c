/* Highlights and snippets: see snippet.h. */
#include "snippet.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"

typedef struct {
    size_t start, end;
    int match;
} word;

typedef struct {
    cari_db *db;
    const cari_query *q;
    word *v;
    size_t n, cap;
} collector;

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
    word *w = &c->v[c->n++];
    w->start = tok->start;
    w->end = tok->end;
    w->match = cari_query_matches(c->db, c->q, tok->term, tok->term_len);
    return 0;
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

cari_status cari_mark_hit(cari_db *db, const cari_query *q, unsigned words,
                          cari_hit *hit)
{
    collector c = {db, q, NULL, 0, 0};
    if (cari_tokenize(hit->text, hit->text_len, collect, &c)) {
        free(c.v);
        return CARI_NOMEM;
    }
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
