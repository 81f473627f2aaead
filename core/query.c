/*
 * The query parser.
 *
 * A query is a sequence of items separated by white space:
 *   word        ranked by its stem, in the body and (weighed by
 *               title_weight) in the title
 *   "a phrase"  the words in this order, exactly (unstemmed)
 *   judul:X     X (a word or a phrase) in the title only
 *   +X          X must match;  -X  X must not match
 * Words of one item that the tokenizer splits ("AK-12", "tentara-tentara")
 * form a phrase; words split by other punctuation are separate items.
 * The rule for a malformed query is leniency: an unclosed quote runs to the
 * end of the query; a sign or field with nothing after it is a plain word.
 * Ranked items are OR-ed (AND-ed with match_all); +items are AND-ed, with
 * the ranked items weighing on top; -items are subtracted.
 */
#include "query.h"

#include "stopwords.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A growable array of xc_query pointers. */
typedef struct {
    xc_query **v;
    size_t n, cap;
} qvec;

static int qvec_push(qvec *q, xc_query *x)
{
    if (!x)
        return -1;
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 8;
        xc_query **v = realloc(q->v, cap * sizeof *v);
        if (!v) {
            xc_query_free(x);
            return -1;
        }
        q->v = v;
        q->cap = cap;
    }
    q->v[q->n++] = x;
    return 0;
}

static void qvec_free(qvec *q)
{
    for (size_t i = 0; i < q->n; i++)
        xc_query_free(q->v[i]);
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}

/* A growable array of strings. */
typedef struct {
    char **v;
    size_t n, cap;
} svec;

static int svec_push(svec *s, const char *str, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    char *copy = strndup(str, len);
    if (!copy)
        return -1;
    s->v[s->n++] = copy;
    return 0;
}

static void svec_free(svec *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* The parser's state. */
typedef struct {
    cari_db *db;
    const cari_search_options *opts;
    char *err;               /* first xapian-c error (sticky) */
    int nomem;
    qvec must, should, mustnot;
    svec words, stems;       /* highlight terms */
    /* the item being turned into queries: */
    int sign;                /* '+', '-' or 0 */
    int title_only;
    int phrase;              /* the item was quoted */
    svec group;              /* normalized words of the current group */
    int keep_stopwords;      /* rank stopwords too */
    size_t dropped;          /* stopwords left out */
} parser;

/* Builds the query for one group of words in one field: a stemmed term
 * for a single word, an exact phrase for several.  Returns NULL on error. */
static xc_query *group_query(parser *p, int title)
{
    char term[CARI_TERM_MAX + 1];
    if (p->group.n == 1) {
        size_t sl;
        const char *stem = cari_stem_term(p->db, p->group.v[0], strlen(p->group.v[0]), &sl);
        if (!stem) {
            p->nomem = 1;
            return NULL;
        }
        size_t n = cari_make_term(term, title ? CARI_PREFIX_TITLE_STEM : CARI_PREFIX_STEM,
                                  stem, sl);
        return xc_query_term(term, n, &p->err);
    }
    qvec parts = {0};
    for (size_t i = 0; i < p->group.n; i++) {
        size_t n = cari_make_term(term, title ? CARI_PREFIX_TITLE : "", p->group.v[i],
                                  strlen(p->group.v[i]));
        if (qvec_push(&parts, xc_query_term(term, n, &p->err))) {
            qvec_free(&parts);
            return NULL;
        }
    }
    xc_query *q = xc_query_combine(XC_OP_PHRASE, parts.v, parts.n, 0, &p->err);
    qvec_free(&parts);
    return q;
}

/* Turns the current group into a query and files it under its sign. */
static int flush_group(parser *p)
{
    if (!p->group.n)
        return 0;
    if (!p->keep_stopwords && p->group.n == 1 && !p->sign && !p->title_only &&
        !p->phrase && cari_is_stopword(p->group.v[0], strlen(p->group.v[0]))) {
        free(p->group.v[0]);
        p->group.n = 0;
        p->dropped++;
        return 0;
    }
    xc_query *q;
    if (p->title_only) {
        q = group_query(p, 1);
    } else {
        q = group_query(p, 0);
        if (q && p->opts->title_weight > 0) {
            xc_query *t = group_query(p, 1);
            xc_query *ts = t ? xc_query_scale(t, p->opts->title_weight, &p->err) : NULL;
            xc_query *both[2] = {q, ts};
            xc_query *o = ts ? xc_query_combine(XC_OP_OR, both, 2, 0, &p->err) : NULL;
            xc_query_free(t);
            xc_query_free(ts);
            xc_query_free(q);
            q = o;
        }
    }
    if (p->sign != '-') {
        for (size_t i = 0; i < p->group.n; i++) {
            size_t sl;
            const char *w = p->group.v[i];
            const char *stem = cari_stem_term(p->db, w, strlen(w), &sl);
            if (!stem || svec_push(&p->words, w, strlen(w)) || svec_push(&p->stems, stem, sl))
                p->nomem = 1;
        }
    }
    for (size_t i = 0; i < p->group.n; i++)
        free(p->group.v[i]);
    p->group.n = 0;
    qvec *dest = p->sign == '+' ? &p->must : p->sign == '-' ? &p->mustnot : &p->should;
    if (qvec_push(dest, q)) {
        if (!p->err)
            p->nomem = 1;
        return -1;
    }
    return 0;
}

/* Collects the words of an item into groups (a cari_token_fn). */
static int on_item_token(void *ctx, const cari_token *tok)
{
    parser *p = ctx;
    if (!p->phrase && !tok->joined && flush_group(p))
        return -1;
    if (svec_push(&p->group, tok->term, tok->term_len)) {
        p->nomem = 1;
        return -1;
    }
    return 0;
}

/* Parses one item starting at text[*pos]; advances *pos. */
static int parse_item(parser *p, const char *text, size_t *pos)
{
    size_t i = *pos, len = strlen(text);
    p->sign = 0;
    p->title_only = 0;
    p->phrase = 0;
    if ((text[i] == '+' || text[i] == '-') && i + 1 < len && text[i + 1] != ' ' &&
        text[i + 1] != '\t')
        p->sign = text[i++];
    if (!strncasecmp(text + i, "judul:", 6) && i + 6 < len && text[i + 6] != ' ' &&
        text[i + 6] != '\t') {
        p->title_only = 1;
        i += 6;
    }
    size_t start, end;
    if (text[i] == '"') {
        p->phrase = 1;
        start = ++i;
        const char *close = strchr(text + i, '"');
        end = close ? (size_t)(close - text) : len;
        i = close ? end + 1 : len;
    } else {
        start = i;
        while (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '"')
            i++;
        end = i;
    }
    *pos = i;
    int rc = cari_tokenize(text + start, end - start, on_item_token, p);
    if (!rc)
        rc = flush_group(p);
    return rc ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Combines the parsed items into one query; NULL on error. */
static xc_query *combine(parser *p)
{
    xc_query *ranked = NULL, *q = NULL;
    if (p->should.n)
        ranked = xc_query_combine(p->opts->match_all ? XC_OP_AND : XC_OP_OR,
                                  p->should.v, p->should.n, 0, &p->err);
    if (p->must.n) {
        xc_query *m = xc_query_combine(XC_OP_AND, p->must.v, p->must.n, 0, &p->err);
        if (m && ranked) {
            xc_query *pair[2] = {m, ranked};
            q = xc_query_combine(XC_OP_AND_MAYBE, pair, 2, 0, &p->err);
            xc_query_free(m);
        } else {
            q = m;
        }
        xc_query_free(ranked);
    } else {
        q = ranked;
    }
    if (!q && !p->err && p->mustnot.n)
        q = xc_query_all(&p->err);
    if (q && p->mustnot.n) {
        xc_query *n = xc_query_combine(XC_OP_OR, p->mustnot.v, p->mustnot.n, 0, &p->err);
        xc_query *pair[2] = {q, n};
        xc_query *r = n ? xc_query_combine(XC_OP_AND_NOT, pair, 2, 0, &p->err) : NULL;
        xc_query_free(n);
        xc_query_free(q);
        q = r;
    }
    return q;
}

/* Parses every item of `text` into p.  Returns 0 or -1. */
static int parse_items(parser *p, const char *text)
{
    size_t pos = 0, len = strlen(text);
    int rc = 0;
    while (!rc && pos < len) {
        if (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r') {
            pos++;
            continue;
        }
        rc = parse_item(p, text, &pos);
    }
    return rc;
}

cari_status cari_query_parse(cari_db *db, const char *text,
                             const cari_search_options *opts, cari_query *out)
{
    memset(out, 0, sizeof *out);
    parser p = {0};
    p.db = db;
    p.opts = opts;
    p.keep_stopwords = opts->keep_stopwords;
    int rc = parse_items(&p, text);
    /* A query of stopwords only still searches for them. */
    if (!rc && p.dropped && !p.should.n && !p.must.n) {
        p.keep_stopwords = 1;
        qvec_free(&p.mustnot);
        rc = parse_items(&p, text);
    }
    cari_status st = CARI_OK;
    if (!rc && !p.nomem && !p.err) {
        if (!p.should.n && !p.must.n && !p.mustnot.n)
            st = cari_fail(db, CARI_INVALID, "query has no words: \"%s\"", text);
        else
            out->xq = combine(&p);
    }
    if (st == CARI_OK) {
        if (p.err)
            st = cari_fail_xc(db, p.err, "query");
        else if (p.nomem || rc || !out->xq)
            st = cari_fail(db, CARI_NOMEM, "query: out of memory");
    } else {
        xc_free(p.err);
    }
    qvec_free(&p.must);
    qvec_free(&p.should);
    qvec_free(&p.mustnot);
    svec_free(&p.group);
    if (p.words.n)
        qsort(p.words.v, p.words.n, sizeof(char *), cmp_str);
    if (p.stems.n)
        qsort(p.stems.v, p.stems.n, sizeof(char *), cmp_str);
    out->words = p.words.v;
    out->n_words = p.words.n;
    out->stems = p.stems.v;
    out->n_stems = p.stems.n;
    return st;
}

void cari_query_clear(cari_query *q)
{
    xc_query_free(q->xq);
    svec w = {q->words, q->n_words, 0}, s = {q->stems, q->n_stems, 0};
    svec_free(&w);
    svec_free(&s);
    memset(q, 0, sizeof *q);
}

/* Whether `key` (len bytes) is in the sorted array v[0..n). */
static int contains(char **v, size_t n, const char *key, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(v[mid], key, len);
        if (!c && v[mid][len])
            c = 1;
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int cari_query_matches(cari_db *db, const cari_query *q, const char *term, size_t len)
{
    if (contains(q->words, q->n_words, term, len))
        return 1;
    size_t sl;
    const char *stem = cari_stem_term(db, term, len, &sl);
    return stem && contains(q->stems, q->n_stems, stem, sl);
}
