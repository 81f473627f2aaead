/*
 * The query parser.
 *
 * A query is a sequence of items, combined by operators:
 *   word        ranked by its stem, in the body and (weighed by
 *               title_weight) in the title
 *   "a phrase"  the words in this order, each by its stem
 *   prefix*     every word, and every stem, starting with prefix (the
 *               most frequent wildcard_max of each), weighed as one word
 *   judul:X     X (a word, a phrase or a prefix*) in the title only
 *   artikel:ID  a filter: the passages of article ID; artikel:folder/ (or
 *               artikel:folder) those of every article under the folder
 *   +X  -X      X must match / must not match (X may be a parenthesis)
 *   a NEAR b    a and b (by stem) within 10 words; NEAR/n: n words
 *   ( ... )     a group
 *   A AND B, A NOT B, A OR B   (upper case only; otherwise plain words)
 * Precedence, loosest first: OR, then AND and NOT (left to right), then a
 * sequence of items, then NEAR.  In a sequence, items without a sign are
 * OR-ed (AND-ed with match_all) and ranked; +items are AND-ed with the
 * ranked items weighing on top; -items are subtracted; filters restrict.
 * Words of one item that the tokenizer splits ("AK-12", "tentara-tentara")
 * form a phrase; words split by other punctuation are separate items.
 *
 * In Xapian terms a sequence is ((+items AND-ed, FILTER filters)
 * AND_MAYBE ranked items) AND_NOT -items; the filters sit under the
 * AND_MAYBE because Xapian 1.4.22 miscounts FILTER(a AND_MAYBE phrase, f).
 *
 * Synonym groups expand the plain words of a sequence (the longest member
 * first, so "Korea Utara" is one member): the members become one Xapian
 * OP_SYNONYM, single words by stem, several words as a phrase.
 *
 * The rule for a malformed query is leniency, never an error: an unclosed
 * quote or parenthesis runs to the end of the query; a ')' without its
 * '(' is ignored; an operator without an operand on one side is dropped
 * ("drone AND" is "drone"), except that NOT with nothing before it
 * excludes from everything (as -X does); a sign or field with nothing
 * after it is a plain word.  Only a query with no words at all fails.
 */
#include "query.h"
#include "alloc.h"

#include "metaindex.h"

#include "stopwords.h"
#include "terms.h"

#include <stdio.h>
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
        xc_query **v = cari_realloc(q->v, cap * sizeof *v);
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
        char **v = cari_realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    char *copy = cari_strndup(str, len);
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
    s->v = NULL;
    s->n = s->cap = 0;
}

/* ---- the lexer ---------------------------------------------------------- */

enum { T_ITEM, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_NEAR, T_END };
enum { F_BODY, F_TITLE, F_ARTICLE, F_META };

/* Whether a field is a filter (artikel:, sumber:, ...), not words. */
static int is_filter(int field) { return field == F_ARTICLE || field == F_META; }

/* Parentheses nested deeper than this are read as plain text. */
#define MAX_DEPTH 32

typedef struct {
    int type;
    int sign;          /* '+', '-' or 0 (items and '(') */
    int field;         /* F_* (items) */
    int phrase;        /* the item was quoted */
    int wildcard;      /* the item ended in '*' */
    unsigned window;   /* NEAR/n */
    size_t start, end; /* the item's text, without sign, field, quotes, '*' */
    const char *meta;  /* F_META: the filter term prefix (metaindex.h) */
} token;

typedef struct {
    token *v;
    size_t n, cap;
} tvec;

static int tvec_push(tvec *t, token tok)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        token *v = cari_realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = tok;
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Whether text[i..] starts with `field` (case-insensitive) followed by
 * something that can be its value. */
static int field_at(const char *text, size_t i, size_t len, const char *field)
{
    size_t n = strlen(field);
    return i + n < len && !strncasecmp(text + i, field, n) && !is_space(text[i + n]) &&
           text[i + n] != '(' && text[i + n] != ')';
}

/* Splits the query into tokens; always ends with T_END.  -1 when out of
 * memory. */
static int lex(const char *text, tvec *out)
{
    size_t i = 0, len = strlen(text);
    int depth = 0;
    /* titled[d]: the group at depth d is judul:( ... ) or inside one, so
     * its items are in the title only. */
    char titled[MAX_DEPTH + 1] = {0};
    while (i < len) {
        if (is_space(text[i])) {
            i++;
            continue;
        }
        token t = {T_ITEM, 0, F_BODY, 0, 0, 0, 0, 0, NULL};
        if ((text[i] == '+' || text[i] == '-') && i + 1 < len && !is_space(text[i + 1]) &&
            text[i + 1] != ')')
            t.sign = text[i++];
        int title_group = 0;
        if (depth < MAX_DEPTH && i + 7 <= len && !strncasecmp(text + i, "judul:(", 7)) {
            title_group = 1;
            i += 6;
        }
        if (text[i] == '(' && depth < MAX_DEPTH) {
            t.type = T_LPAREN;
            depth++;
            titled[depth] = (char)(title_group || titled[depth - 1]);
            i++;
            if (tvec_push(out, t))
                return -1;
            continue;
        }
        if (text[i] == ')' && !t.sign) {
            i++;
            if (depth > 0) {
                depth--;
                t.type = T_RPAREN;
                if (tvec_push(out, t))
                    return -1;
            }
            continue;
        }
        if (field_at(text, i, len, "judul:")) {
            t.field = F_TITLE;
            i += 6;
        } else if (field_at(text, i, len, "artikel:")) {
            t.field = F_ARTICLE;
            i += 8;
        } else {
            size_t fl;
            const char *pfx = cari_meta_query_field(text + i, len - i, &fl);
            if (pfx && !is_space(text[i + fl]) && text[i + fl] != '(' && text[i + fl] != ')') {
                t.field = F_META;
                t.meta = pfx;
                i += fl;
            }
        }
        if (text[i] == '"') {
            t.phrase = 1;
            t.start = ++i;
            const char *close = strchr(text + i, '"');
            t.end = close ? (size_t)(close - text) : len;
            i = close ? t.end + 1 : len;
        } else {
            t.start = i;
            while (i < len && !is_space(text[i]) && text[i] != '"' &&
                   (depth == 0 || text[i] != ')') && (text[i] != '(' || depth >= MAX_DEPTH))
                i++;
            t.end = i;
            size_t n = t.end - t.start;
            const char *w = text + t.start;
            if (!t.sign && t.field == F_BODY) {
                if (n == 3 && !memcmp(w, "AND", 3))
                    t.type = T_AND;
                else if (n == 2 && !memcmp(w, "OR", 2))
                    t.type = T_OR;
                else if (n == 3 && !memcmp(w, "NOT", 3))
                    t.type = T_NOT;
                else if (n >= 4 && !memcmp(w, "NEAR", 4)) {
                    unsigned win = CARI_NEAR_WINDOW;
                    int ok = n == 4;
                    if (n > 5 && w[4] == '/') {
                        /* NEAR/n: a window past CARI_NEAR_MAX is that. */
                        ok = 1;
                        win = 0;
                        for (size_t k = 5; k < n && ok; k++) {
                            ok = w[k] >= '0' && w[k] <= '9';
                            win = win * 10 + (unsigned)(w[k] - '0');
                            if (win > CARI_NEAR_MAX)
                                win = CARI_NEAR_MAX;
                        }
                    }
                    if (ok) {
                        t.type = T_NEAR;
                        t.window = win ? win : 1;
                    }
                }
            }
            if (t.type == T_ITEM && !is_filter(t.field)) {
                while (t.end > t.start && text[t.end - 1] == '*') {
                    t.end--;
                    t.wildcard = 1;
                }
            }
        }
        if (t.type == T_ITEM && t.field == F_BODY && titled[depth])
            t.field = F_TITLE;
        if (t.type != T_ITEM || t.end > t.start)
            if (tvec_push(out, t))
                return -1;
    }
    token end = {T_END, 0, 0, 0, 0, 0, len, len, NULL};
    return tvec_push(out, end);
}

/* ---- the parser's state -------------------------------------------------- */

typedef struct {
    cari_db *db;
    const cari_search_options *opts;
    const char *text;
    token *tok;              /* the tokens, ending with T_END */
    size_t at;               /* the current one */
    xc_err *err;             /* first xapian-c error (sticky) */
    int nomem;
    int keep_stopwords;      /* rank stopwords too */
    int record;              /* record highlights, leaves, words */
    int negative;            /* > 0 inside something that must not match */
    size_t dropped;          /* stopwords left out */
    size_t ranked;           /* positive word queries built */
    svec words, stems, prefixes;  /* highlight terms */
    cari_leaf *leaves;
    size_t n_leaves, cap_leaves;
    cari_qword *qwords;
    size_t n_qwords, cap_qwords;
} parser;

/* Records a weighted leaf for explain: `term` (NULL for a group). */
static void add_leaf(parser *p, const char *label, const char *term, double factor)
{
    if (!p->record || p->nomem)
        return;
    for (size_t i = 0; i < p->n_leaves; i++)
        if (!strcmp(p->leaves[i].label, label) && p->leaves[i].factor == factor &&
            (term ? p->leaves[i].term && !strcmp(p->leaves[i].term, term) : !p->leaves[i].term))
            return;
    if (p->n_leaves == p->cap_leaves) {
        size_t cap = p->cap_leaves ? 2 * p->cap_leaves : 8;
        cari_leaf *v = cari_realloc(p->leaves, cap * sizeof *v);
        if (!v) {
            p->nomem = 1;
            return;
        }
        p->leaves = v;
        p->cap_leaves = cap;
    }
    cari_leaf *l = &p->leaves[p->n_leaves];
    l->label = cari_strdup(label);
    l->term = term ? cari_strdup(term) : NULL;
    l->factor = factor;
    if (!l->label || (term && !l->term)) {
        free(l->label);
        free(l->term);
        p->nomem = 1;
        return;
    }
    p->n_leaves++;
}

/* Whether text[0..len) is a field's name with its colon ("judul:",
 * "artikel:", "sumber:", ...), in any case. */
static int field_name(const char *text, size_t len)
{
    return (len == 6 && !strncasecmp(text, "judul:", 6)) ||
           (len == 8 && !strncasecmp(text, "artikel:", 8)) || cari_meta_field_name(text, len);
}

/* Records a typed word for spelling suggestions. */
static void add_qword(parser *p, const char *w, size_t len, size_t start, size_t end)
{
    if (!p->record || p->nomem)
        return;
    if (p->n_qwords == p->cap_qwords) {
        size_t cap = p->cap_qwords ? 2 * p->cap_qwords : 8;
        cari_qword *v = cari_realloc(p->qwords, cap * sizeof *v);
        if (!v) {
            p->nomem = 1;
            return;
        }
        p->qwords = v;
        p->cap_qwords = cap;
    }
    cari_qword *q = &p->qwords[p->n_qwords];
    if (!(q->word = cari_strndup(w, len))) {
        p->nomem = 1;
        return;
    }
    q->start = start;
    q->end = end;
    q->expanded = 0;
    q->syntax = 0;
    p->n_qwords++;
}

/* Records a word and its stem to highlight, unless inside a negation
 * (every word matches by stem, in phrases and NEAR too). */
static void add_highlight(parser *p, const char *w)
{
    if (!p->record || p->negative)
        return;
    if (svec_push(&p->words, w, strlen(w)))
        p->nomem = 1;
    size_t sl;
    const char *stem = cari_stem_term(p->db->stemmer, w, strlen(w), &sl);
    if (!stem || svec_push(&p->stems, stem, sl))
        p->nomem = 1;
}

/* ---- building queries ----------------------------------------------------- */

/* A unit of a sequence: words of one item, a filter, or a finished query. */
enum { U_WORDS, U_ARTICLE, U_QUERY, U_META };

typedef struct {
    int kind;
    int sign;
    int title;      /* judul: */
    int phrase;     /* quoted, or several words joined by hyphens */
    int wildcard;   /* the last word is a prefix */
    svec w;         /* normalized words (U_WORDS) */
    size_t qword;   /* its first word's index in the parser's qwords */
    char *raw;      /* the article id or folder (U_ARTICLE), the value
                       (U_META) */
    const char *meta; /* U_META: the filter term prefix */
    xc_query *q;    /* U_QUERY */
} unit;

typedef struct {
    unit *v;
    size_t n, cap;
} uvec;

static void uvec_free(uvec *u)
{
    for (size_t i = 0; i < u->n; i++) {
        svec_free(&u->v[i].w);
        free(u->v[i].raw);
        xc_query_free(u->v[i].q);
    }
    free(u->v);
    u->v = NULL;
    u->n = u->cap = 0;
}

static unit *uvec_add(parser *p, uvec *u, int kind, int sign)
{
    if (u->n == u->cap) {
        size_t cap = u->cap ? 2 * u->cap : 8;
        unit *v = cari_realloc(u->v, cap * sizeof *v);
        if (!v) {
            p->nomem = 1;
            return NULL;
        }
        u->v = v;
        u->cap = cap;
    }
    unit *x = &u->v[u->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->sign = sign;
    return x;
}

static xc_query *term_query(parser *p, const char *prefix, const char *w, size_t len,
                            const char *label, double factor)
{
    char term[CARI_TERM_MAX + 1];
    cari_make_term(term, prefix, w, len);
    if (factor > 0)
        add_leaf(p, label, term, factor);
    return xc_query_term(term, strlen(term), &p->err);
}

/* The stem term of word w (field: body or title), recorded for explain
 * under `label` with weight `factor`. */
static xc_query *stem_term_query(parser *p, const char *w, int title, const char *label,
                                 double factor)
{
    size_t sl;
    const char *stem = cari_stem_term(p->db->stemmer, w, strlen(w), &sl);
    if (!stem) {
        p->nomem = 1;
        return NULL;
    }
    return term_query(p, title ? CARI_PREFIX_TITLE_STEM : CARI_PREFIX_STEM, stem, sl, label,
                      factor);
}

/* A word by its stem (field: body or title), weighed by `factor`. */
static xc_query *stem_query(parser *p, const char *w, int title, double factor)
{
    char label[CARI_TERM_MAX + 8];
    snprintf(label, sizeof label, "%s%s", title ? "judul:" : "", w);
    return stem_term_query(p, w, title, label, factor);
}

/* Combines two queries with `op`, freeing both; a NULL side gives the
 * other (leniency).  For AND_NOT a NULL left side means everything. */
static xc_query *join(parser *p, int op, xc_query *a, xc_query *b)
{
    if (op == XC_OP_AND_NOT) {
        if (!b)
            return a;
        if (!a && !(a = xc_query_all(&p->err))) {
            xc_query_free(b);
            return NULL;
        }
    } else if (!a || !b) {
        return a ? a : b;
    }
    xc_query *pair[2] = {a, b};
    xc_query *q = xc_query_combine(op, pair, 2, 0, &p->err);
    xc_query_free(a);
    xc_query_free(b);
    return q;
}

/* A prefix in the body or title: the exact forms (indexed where they
 * differ from their stems) and the stems that start with it, as one
 * OP_SYNONYM, so that "latih*" finds latih, latihan and pelatihan's
 * neighbours alike whichever way each was indexed. */
static xc_query *prefix_query(parser *p, const char *w, int title)
{
    char term[CARI_TERM_MAX + 1];
    unsigned max = p->opts->wildcard_max ? p->opts->wildcard_max : CARI_WILDCARD_MAX;
    if (max > CARI_QUERY_MAX_WILDCARD)
        max = CARI_QUERY_MAX_WILDCARD;
    size_t tl = cari_make_term(term, title ? CARI_PREFIX_TITLE : "", w, strlen(w));
    xc_query *pair[2];
    pair[0] = xc_query_wildcard(term, tl, max, &p->err);
    tl = cari_make_term(term, title ? CARI_PREFIX_TITLE_STEM : CARI_PREFIX_STEM, w, strlen(w));
    pair[1] = pair[0] ? xc_query_wildcard(term, tl, max, &p->err) : NULL;
    xc_query *q = pair[1] ? xc_query_combine(XC_OP_SYNONYM, pair, 2, 0, &p->err) : NULL;
    xc_query_free(pair[0]);
    xc_query_free(pair[1]);
    return q;
}

/* Whether the normalized word w is indexed without positions (one of the
 * commonest function words: stopwords.c). */
static int positionless(const char *w)
{
    return cari_is_positionless(w, strlen(w));
}

/* Whether word i of w[0..n) has positions in the index: it is not one of
 * the commonest function words, or it is the prefix of a wildcard. */
static int positional(char *const *w, size_t n, size_t i, int wildcard)
{
    return (wildcard && i == n - 1) || !positionless(w[i]);
}

/* The words w[0..n) as one query in the body or title: a stem for one
 * word, a phrase of stems for several; `wildcard`: the last word is a
 * prefix.  The commonest function words have no positions in the index
 * (index.c), so in a phrase each stands for at most one word: "rumah yang
 * besar" is the phrase "rumah besar" within 3 positions; a phrase of such
 * words only is all of them anywhere in the passage.  `factor` is the
 * weight the caller gives it (for explain). */
static xc_query *words_query(parser *p, char *const *w, size_t n, int title, int wildcard,
                             double factor)
{
    if (n == 1 && !wildcard)
        return stem_query(p, w[0], title, factor);
    size_t first = n, last = 0; /* the span of the positional words */
    for (size_t i = 0; i < n; i++)
        if (positional(w, n, i, wildcard)) {
            if (first == n)
                first = i;
            last = i;
        }
    qvec parts = {0};
    for (size_t i = 0; i < n; i++) {
        char label[CARI_TERM_MAX + 16];
        xc_query *x;
        if (first < n && !positional(w, n, i, wildcard))
            continue;
        if (wildcard && i == n - 1) {
            snprintf(label, sizeof label, "%s%s*", title ? "judul:" : "", w[i]);
            if (factor > 0)
                add_leaf(p, label, NULL, factor);
            x = prefix_query(p, w[i], title);
        } else {
            /* A phrase's words are stems: say which phrase. */
            size_t ll = (size_t)snprintf(label, sizeof label, "%s%s", title ? "judul:" : "", w[i]);
            for (size_t k = 0; n > 1 && k < n && ll < sizeof label; k++)
                ll += (size_t)snprintf(label + ll, sizeof label - ll, "%s%s%s",
                                       k ? " " : " (\"", w[k], k == n - 1 ? "\")" : "");
            x = stem_term_query(p, w[i], title, label, factor);
        }
        if (qvec_push(&parts, x)) {
            qvec_free(&parts);
            return NULL;
        }
    }
    xc_query *q;
    if (parts.n == 1) {
        q = parts.v[0];
        parts.n = 0;
    } else if (first == n) {
        q = xc_query_combine(XC_OP_AND, parts.v, parts.n, 0, &p->err);
    } else {
        q = xc_query_combine(XC_OP_PHRASE, parts.v, parts.n, (unsigned)(last - first + 1),
                             &p->err);
    }
    qvec_free(&parts);
    return q;
}

/* The words in the body, OR-ed with the same in the title at
 * title_weight (title_only: the title alone, at full weight). */
static xc_query *field_query(parser *p, char *const *w, size_t n, int title_only, int wildcard)
{
    if (title_only)
        return words_query(p, w, n, 1, wildcard, 1.0);
    xc_query *q = words_query(p, w, n, 0, wildcard, 1.0);
    double tw = p->opts->title_weight;
    if (q && tw > 0) {
        xc_query *t = words_query(p, w, n, 1, wildcard, tw);
        xc_query *ts = t ? xc_query_scale(t, tw, &p->err) : NULL;
        xc_query_free(t);
        q = join(p, XC_OP_OR, q, ts);
    }
    return q;
}

/* A synonym group's members as one OP_SYNONYM in the body or title. */
static xc_query *synonym_query(parser *p, const char *const *members, size_t nm, int title,
                               double factor)
{
    qvec alts = {0};
    char label[512];
    size_t ll = 0;
    label[0] = '\0';
    for (size_t i = 0; i < nm; i++) {
        svec w = {0};
        const char *m = members[i];
        while (*m) {
            const char *sp = strchr(m, ' ');
            size_t len = sp ? (size_t)(sp - m) : strlen(m);
            if (svec_push(&w, m, len))
                p->nomem = 1;
            m += len + (sp ? 1 : 0);
        }
        int saved = p->record;
        p->record = 0; /* the group is one leaf */
        xc_query *x = w.n ? words_query(p, w.v, w.n, title, 0, 1.0) : NULL;
        p->record = saved;
        if (!title)
            for (size_t k = 0; k < w.n; k++)
                add_highlight(p, w.v[k]);
        svec_free(&w);
        if (qvec_push(&alts, x)) {
            qvec_free(&alts);
            return NULL;
        }
        if (ll < sizeof label)
            ll += (size_t)snprintf(label + ll, sizeof label - ll, "%s%s%s", i ? "|" : "",
                                   title && !i ? "judul:" : "", members[i]);
    }
    if (factor > 0)
        add_leaf(p, label, NULL, factor);
    xc_query *q = xc_query_combine(XC_OP_SYNONYM, alts.v, alts.n, 0, &p->err);
    qvec_free(&alts);
    if (q && factor != 1.0) {
        xc_query *s = xc_query_scale(q, factor, &p->err);
        xc_query_free(q);
        q = s;
    }
    return q;
}

/* ---- sequences ---------------------------------------------------------- */

static xc_query *parse_or(parser *p);

/* Tokenizes an item's text into word groups (a cari_token_fn): words
 * joined by hyphens stay in one group, and a quoted item is one group. */
typedef struct {
    parser *p;
    uvec *units;
    const token *t;
    unit *cur;
} item_ctx;

static int on_item_token(void *ctx, const cari_token *tok)
{
    item_ctx *c = ctx;
    parser *p = c->p;
    if (!c->cur || (!c->t->phrase && !tok->joined)) {
        c->cur = uvec_add(p, c->units, U_WORDS, c->t->sign);
        if (!c->cur)
            return -1;
        c->cur->title = c->t->field == F_TITLE;
        c->cur->phrase = c->t->phrase;
        c->cur->qword = p->n_qwords;
    } else {
        c->cur->phrase = 1;
    }
    if (svec_push(&c->cur->w, tok->term, tok->term_len)) {
        p->nomem = 1;
        return -1;
    }
    add_qword(p, tok->term, tok->term_len, c->t->start + tok->start, c->t->start + tok->end);
    /* A field's name with nothing after it is read as this word. */
    if (!p->nomem && p->record && field_name(p->text + c->t->start, c->t->end - c->t->start))
        p->qwords[p->n_qwords - 1].syntax = 1;
    return 0;
}

/* Adds the units of one item token. */
static int item_units(parser *p, uvec *units, const token *t)
{
    if (is_filter(t->field)) {
        unit *u = uvec_add(p, units, t->field == F_META ? U_META : U_ARTICLE, t->sign);
        if (!u || !(u->raw = cari_strndup(p->text + t->start, t->end - t->start))) {
            p->nomem = 1;
            return -1;
        }
        u->meta = t->meta;
        return 0;
    }
    item_ctx c = {p, units, t, NULL};
    size_t before = units->n;
    if (cari_tokenize(p->text + t->start, t->end - t->start, on_item_token, &c))
        return -1;
    /* A reduplicated word (tentara-tentara, berlari-lari, anak-anaknya:
     * two joined parts with one stem) is that one word, not a phrase, so it
     * finds every passage with the word as the index has it. */
    for (size_t i = before; !t->phrase && i < units->n; i++) {
        unit *u = &units->v[i];
        if (u->kind != U_WORDS || u->w.n != 2)
            continue;
        size_t l0, l1;
        const char *s0 = cari_stem_term(p->db->stemmer, u->w.v[0], strlen(u->w.v[0]), &l0);
        char *first = s0 ? cari_strndup(s0, l0) : NULL;
        const char *s1 = first ? cari_stem_term(p->db->stemmer, u->w.v[1], strlen(u->w.v[1]), &l1) : NULL;
        if (!first || !s1) {
            free(first);
            p->nomem = 1;
            return -1;
        }
        if (l0 == l1 && !memcmp(first, s1, l0)) {
            free(u->w.v[1]);
            u->w.n = 1;
            u->phrase = 0;
        }
        free(first);
    }
    /* Xapian's phrases take terms only: "AK-1*" is the phrase "ak 1". */
    if (t->wildcard && units->n > before && units->v[units->n - 1].w.n == 1) {
        units->v[units->n - 1].wildcard = 1;
        if (p->record && p->n_qwords) /* a prefix is no word to correct */
            free(p->qwords[--p->n_qwords].word);
    }
    return 0;
}

/* a NEAR b NEAR/5 c: the stems of the items' words, within the window. */
static xc_query *near_query(parser *p, size_t first, size_t last, unsigned window)
{
    uvec units = {0};
    for (size_t i = first; i <= last; i++)
        if (p->tok[i].type == T_ITEM && !is_filter(p->tok[i].field)) {
            token t = p->tok[i];
            t.phrase = 1; /* one group per item */
            t.sign = 0;
            if (item_units(p, &units, &t)) {
                uvec_free(&units);
                return NULL;
            }
        }
    if (!units.n) {
        uvec_free(&units);
        return NULL;
    }
    /* Xapian's NEAR takes terms only: every word of every item is one
     * (a '*' is ignored here).  The commonest function words have no
     * positions in the index: they drop out, unless they are all there is. */
    int content = 0; /* some word has positions */
    for (size_t i = 0; i < units.n && !content; i++)
        for (size_t k = 0; k < units.v[i].w.n && !content; k++)
            content = !positionless(units.v[i].w.v[k]);
    qvec parts = {0};
    size_t words = 0;
    for (size_t i = 0; i < units.n; i++) {
        unit *u = &units.v[i];
        for (size_t k = 0; k < u->w.n; k++) {
            if (content && positionless(u->w.v[k]))
                continue;
            words++;
            add_highlight(p, u->w.v[k]);
            char label[CARI_TERM_MAX + 16];
            snprintf(label, sizeof label, "%s (NEAR)", u->w.v[k]);
            if (qvec_push(&parts, stem_term_query(p, u->w.v[k], 0, label, 1.0)))
                break;
        }
    }
    xc_query *q = NULL;
    if (parts.n == words && parts.n) {
        if (window < words)
            window = (unsigned)words;
        q = parts.n == 1 || !content
                ? xc_query_combine(XC_OP_AND, parts.v, parts.n, 0, &p->err)
                : xc_query_combine(XC_OP_NEAR, parts.v, parts.n, window, &p->err);
        p->ranked++;
    } else if (!p->err) {
        p->nomem = 1;
    }
    qvec_free(&parts);
    uvec_free(&units);
    return q;
}

/* A sequence's parts before they are combined. */
typedef struct {
    qvec should, must, mustnot, filter;
    qvec meta[CARI_META_FILTERS]; /* sumber:, penulis:, ... by field */
} seq;

static void seq_free(seq *s)
{
    qvec_free(&s->should);
    qvec_free(&s->must);
    qvec_free(&s->mustnot);
    qvec_free(&s->filter);
    for (int i = 0; i < CARI_META_FILTERS; i++)
        qvec_free(&s->meta[i]);
}

/* Files q under its sign. */
static void seq_add(parser *p, seq *s, int sign, xc_query *q)
{
    qvec *dest = sign == '+' ? &s->must : sign == '-' ? &s->mustnot : &s->should;
    if (qvec_push(dest, q) && !p->err)
        p->nomem = 1;
}

/* Whether a unit is a plain word: synonyms and stopwords apply to it. */
static int plain(const unit *u)
{
    return u->kind == U_WORDS && u->w.n == 1 && !u->phrase && !u->title && !u->wildcard;
}

/* Turns the units of a sequence into queries. */
static void build_units(parser *p, seq *s, uvec *units)
{
    const cari_synonyms *syn = p->opts->synonyms;
    for (size_t i = 0; i < units->n && !p->nomem; i++) {
        unit *u = &units->v[i];
        if (u->sign == '-')
            p->negative++;
        if (u->kind == U_QUERY) {
            seq_add(p, s, u->sign, u->q);
            u->q = NULL;
        } else if (u->kind == U_META) {
            /* A value without words ("sumber:-") matches nothing. */
            char term[CARI_TERM_MAX + 1];
            size_t n = cari_meta_term(term, u->meta, u->raw, strlen(u->raw));
            xc_query *q = xc_query_term(term, n ? n : strlen(term), &p->err);
            if (u->sign == '-')
                seq_add(p, s, '-', q);
            else if (qvec_push(&s->meta[cari_meta_filter_group(u->meta)], q) && !p->err)
                p->nomem = 1;
        } else if (u->kind == U_ARTICLE) {
            char term[CARI_TERM_MAX + 1];
            size_t len = strlen(u->raw);
            xc_query *q;
            if (len && u->raw[len - 1] == '/') {
                cari_make_term(term, CARI_PREFIX_FOLDER, u->raw, len);
                q = xc_query_term(term, strlen(term), &p->err);
            } else {
                cari_make_term(term, CARI_PREFIX_ARTICLE, u->raw, len);
                xc_query *a = xc_query_term(term, strlen(term), &p->err);
                char *folder = cari_malloc(len + 2);
                if (!folder) {
                    p->nomem = 1;
                    xc_query_free(a);
                    break;
                }
                memcpy(folder, u->raw, len);
                memcpy(folder + len, "/", 2);
                cari_make_term(term, CARI_PREFIX_FOLDER, folder, len + 1);
                free(folder);
                q = join(p, XC_OP_OR, a, xc_query_term(term, strlen(term), &p->err));
            }
            if (u->sign == '-')
                seq_add(p, s, '-', q);
            else if (qvec_push(&s->filter, q) && !p->err)
                p->nomem = 1;
        } else {
            /* The longest synonym member starting here. */
            size_t take = 0, nm = 0;
            const char *const *members = NULL;
            if (syn && plain(u)) {
                char *w[CARI_SYNONYM_WORDS];
                size_t k = 0;
                while (k < CARI_SYNONYM_WORDS && i + k < units->n && plain(&units->v[i + k]) &&
                       (k == 0 || !units->v[i + k].sign)) {
                    w[k] = units->v[i + k].w.v[0];
                    k++;
                }
                for (; k > 0 && !members; k--) {
                    members = cari_synonyms_lookup(syn, w, k, &nm);
                    take = k;
                }
            }
            if (members) {
                xc_query *q = synonym_query(p, members, nm, 0, 1.0);
                double tw = p->opts->title_weight;
                if (q && tw > 0)
                    q = join(p, XC_OP_OR, q, synonym_query(p, members, nm, 1, tw));
                seq_add(p, s, u->sign, q);
                if (u->sign != '-')
                    p->ranked++;
                /* Words the synonym list expands are known words: no
                 * spelling suggestion for them (Korsel is not Korea). */
                for (size_t k = 0; k < take; k++)
                    if (p->record && units->v[i + k].qword < p->n_qwords)
                        p->qwords[units->v[i + k].qword].expanded = 1;
                i += take - 1;
            } else if (plain(u) && !u->sign && !p->keep_stopwords &&
                       cari_is_stopword(u->w.v[0], strlen(u->w.v[0]))) {
                p->dropped++;
            } else {
                seq_add(p, s, u->sign, field_query(p, u->w.v, u->w.n, u->title, u->wildcard));
                for (size_t k = 0; k < u->w.n; k++) {
                    if (u->title)
                        continue;
                    if (u->wildcard && k == u->w.n - 1) {
                        if (!p->negative && p->record &&
                            svec_push(&p->prefixes, u->w.v[k], strlen(u->w.v[k])))
                            p->nomem = 1;
                    } else {
                        add_highlight(p, u->w.v[k]);
                    }
                }
                if (u->sign != '-')
                    p->ranked++;
            }
        }
        if (u->sign == '-')
            p->negative--;
    }
}

/* Combines a sequence into one query (NULL when it has nothing). */
static xc_query *seq_combine(parser *p, seq *s)
{
    xc_query *ranked = NULL, *q = NULL, *filter = NULL;
    if (s->should.n)
        ranked = xc_query_combine(p->opts->match_all ? XC_OP_AND : XC_OP_OR, s->should.v,
                                  s->should.n, 0, &p->err);
    if (s->filter.n)
        filter = xc_query_combine(XC_OP_OR, s->filter.v, s->filter.n, 0, &p->err);
    /* Metadata filters: the values of one field OR-ed, fields AND-ed. */
    for (int i = 0; i < CARI_META_FILTERS; i++) {
        if (!s->meta[i].n)
            continue;
        xc_query *g = xc_query_combine(XC_OP_OR, s->meta[i].v, s->meta[i].n, 0, &p->err);
        filter = filter ? join(p, XC_OP_AND, filter, g) : g;
    }
    if (s->must.n) {
        /* The filter goes on the required part, under the AND_MAYBE: with
         * FILTER(a AND_MAYBE phrase-or-NEAR, f), Xapian 1.4.22 may add the
         * weight of a phrase that matched another document. */
        q = xc_query_combine(XC_OP_AND, s->must.v, s->must.n, 0, &p->err);
        if (q && filter) {
            q = join(p, XC_OP_FILTER, q, filter);
            filter = NULL;
        }
        if (q && ranked)
            q = join(p, XC_OP_AND_MAYBE, q, ranked);
        else
            xc_query_free(ranked);
    } else {
        q = ranked;
    }
    if (!q && !p->err && (s->mustnot.n || filter))
        q = xc_query_all(&p->err);
    if (q && filter) {
        q = join(p, XC_OP_FILTER, q, filter);
        filter = NULL;
    }
    xc_query_free(filter);
    if (q && s->mustnot.n) {
        xc_query *n = xc_query_combine(XC_OP_OR, s->mustnot.v, s->mustnot.n, 0, &p->err);
        q = n ? join(p, XC_OP_AND_NOT, q, n) : (xc_query_free(q), NULL);
    }
    return q;
}

/* sequence := (item [NEAR item]... | [sign] "(" or ")")...  */
static xc_query *parse_seq(parser *p)
{
    uvec units = {0};
    seq s = {0};
    for (;;) {
        const token *t = &p->tok[p->at];
        if (p->nomem || p->err)
            break;
        if (t->type == T_NEAR) { /* nothing before it: dropped */
            p->at++;
            continue;
        }
        if (t->type == T_LPAREN) {
            int sign = t->sign;
            p->at++;
            if (sign == '-')
                p->negative++;
            xc_query *q = parse_or(p);
            if (sign == '-')
                p->negative--;
            if (p->tok[p->at].type == T_RPAREN)
                p->at++;
            if (q) {
                unit *u = uvec_add(p, &units, U_QUERY, sign);
                if (u)
                    u->q = q;
                else
                    xc_query_free(q);
            }
            continue;
        }
        if (t->type != T_ITEM)
            break;
        /* A NEAR chain: item NEAR item ... */
        size_t first = p->at, last = p->at;
        unsigned window = 0;
        while (p->tok[last + 1].type == T_NEAR && p->tok[last + 2].type == T_ITEM &&
               !is_filter(p->tok[last + 2].field) && !is_filter(p->tok[first].field)) {
            if (p->tok[last + 1].window > window)
                window = p->tok[last + 1].window;
            last += 2;
        }
        if (last > first) {
            if (t->sign == '-')
                p->negative++;
            xc_query *q = near_query(p, first, last, window);
            if (t->sign == '-')
                p->negative--;
            unit *u = q ? uvec_add(p, &units, U_QUERY, t->sign) : NULL;
            if (u)
                u->q = q;
            else
                xc_query_free(q);
            p->at = last + 1;
            continue;
        }
        p->at++;
        if (t->sign == '-')
            p->negative++;
        item_units(p, &units, t);
        if (t->sign == '-')
            p->negative--;
    }
    build_units(p, &s, &units);
    uvec_free(&units);
    xc_query *q = p->nomem || p->err ? NULL : seq_combine(p, &s);
    seq_free(&s);
    return q;
}

/* The operand of a NOT: a sequence after any number of further NOTs,
 * each of which negates it again (NOT NOT x is x, as NOT -x is). */
static xc_query *parse_not_operand(parser *p)
{
    size_t k = 0;
    while (p->tok[p->at].type == T_NOT) {
        p->at++;
        k++;
    }
    p->negative += (int)(k % 2);
    xc_query *r = parse_seq(p);
    p->negative -= (int)(k % 2);
    return k % 2 && r ? join(p, XC_OP_AND_NOT, NULL, r) : r;
}

/* and := sequence ((AND | NOT | AND NOT) not-operand)...  */
static xc_query *parse_and(parser *p)
{
    xc_query *q = parse_seq(p);
    for (;;) {
        int type = p->tok[p->at].type;
        if (type != T_AND && type != T_NOT)
            break;
        p->at++;
        int op = XC_OP_AND;
        if (type == T_NOT || p->tok[p->at].type == T_NOT) {
            if (type == T_AND)
                p->at++;
            op = XC_OP_AND_NOT;
            p->negative++;
        }
        xc_query *r = op == XC_OP_AND_NOT ? parse_not_operand(p) : parse_seq(p);
        if (op == XC_OP_AND_NOT)
            p->negative--;
        q = join(p, op, q, r);
    }
    return q;
}

/* or := and (OR and)...  */
static xc_query *parse_or(parser *p)
{
    xc_query *q = parse_and(p);
    while (p->tok[p->at].type == T_OR) {
        p->at++;
        q = join(p, XC_OP_OR, q, parse_and(p));
    }
    return q;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_svec(svec *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof(char *), cmp_str);
}

/* Parses the whole token list; the top level also skips what a
 * sub-parser leaves (a ')' at depth 0 never reaches here). */
static xc_query *parse_all(parser *p)
{
    p->at = 0;
    xc_query *q = parse_or(p);
    while (!p->nomem && !p->err && p->tok[p->at].type != T_END) {
        p->at++; /* a stray operator or ')' */
        q = join(p, XC_OP_OR, q, parse_or(p));
    }
    return q;
}

/* Counts a word for bounds(); stops past the bound. */
static int count_word(void *ctx, const cari_token *tok)
{
    (void)tok;
    return ++*(size_t *)ctx > CARI_QUERY_MAX_WORDS;
}

/* Checks the lexed query `tok` against the bounds of cari.h: at most
 * CARI_QUERY_MAX_WORDS words, CARI_QUERY_MAX_PREFIXES prefix* items.
 * Counting stops at the bound, so a huge query costs no more than its
 * lexing.  Returns a status, the message in db. */
static cari_status bounds(cari_db *db, const char *text, const token *tok)
{
    size_t words = 0, prefixes = 0;
    for (; tok->type != T_END && words <= CARI_QUERY_MAX_WORDS; tok++) {
        if (tok->type != T_ITEM)
            continue;
        prefixes += tok->wildcard;
        if (is_filter(tok->field))
            words++;
        else if (cari_tokenize(text + tok->start, tok->end - tok->start, count_word, &words) ==
                 CARI_NOMEM)
            return cari_fail(&db->error, CARI_NOMEM, "query: out of memory");
    }
    if (words > CARI_QUERY_MAX_WORDS)
        return cari_fail(&db->error, CARI_INVALID,
                         "query: more than %d words; shorten it", CARI_QUERY_MAX_WORDS);
    if (prefixes > CARI_QUERY_MAX_PREFIXES)
        return cari_fail(&db->error, CARI_INVALID,
                         "query: %zu prefix* words, at most %d", prefixes,
                         CARI_QUERY_MAX_PREFIXES);
    return CARI_OK;
}

cari_status cari_query_parse(cari_db *db, const char *text,
                             const cari_search_options *opts, cari_query *out)
{
    memset(out, 0, sizeof *out);
    parser p = {0};
    p.db = db;
    p.opts = opts;
    p.text = text;
    p.keep_stopwords = opts->keep_stopwords;
    p.record = 1;
    tvec toks = {0};
    if (lex(text, &toks)) {
        free(toks.v);
        return cari_fail(&db->error, CARI_NOMEM, "query: out of memory");
    }
    p.tok = toks.v;
    cari_status bst = bounds(db, text, toks.v);
    if (bst) {
        free(toks.v);
        return bst;
    }
    xc_query *q = parse_all(&p);
    /* A query of stopwords only still searches for them. */
    if (!p.nomem && !p.err && p.dropped && !p.ranked) {
        xc_query_free(q);
        p.keep_stopwords = 1;
        p.record = 1;
        svec_free(&p.words);
        svec_free(&p.stems);
        svec_free(&p.prefixes);
        for (size_t i = 0; i < p.n_leaves; i++) {
            free(p.leaves[i].label);
            free(p.leaves[i].term);
        }
        p.n_leaves = 0;
        for (size_t i = 0; i < p.n_qwords; i++)
            free(p.qwords[i].word);
        p.n_qwords = 0;
        q = parse_all(&p);
    }
    free(toks.v);
    cari_status st = CARI_OK;
    if (p.err) {
        st = cari_fail_xc(&db->error, p.err, "query");
    } else if (p.nomem) {
        st = cari_fail(&db->error, CARI_NOMEM, "query: out of memory");
    } else if (!q) {
        st = cari_fail(&db->error, CARI_INVALID, "query has no words: \"%s\"", text);
    }
    if (st) {
        xc_query_free(q);
        q = NULL;
    }
    out->xq = q;
    sort_svec(&p.words);
    sort_svec(&p.stems);
    out->words = p.words.v;
    out->n_words = p.words.n;
    out->stems = p.stems.v;
    out->n_stems = p.stems.n;
    out->prefixes = p.prefixes.v;
    out->n_prefixes = p.prefixes.n;
    out->leaves = p.leaves;
    out->n_leaves = p.n_leaves;
    out->qwords = p.qwords;
    out->n_qwords = p.n_qwords;
    return st;
}

void cari_query_clear(cari_query *q)
{
    xc_query_free(q->xq);
    svec w = {q->words, q->n_words, 0}, s = {q->stems, q->n_stems, 0},
         x = {q->prefixes, q->n_prefixes, 0};
    svec_free(&w);
    svec_free(&s);
    svec_free(&x);
    for (size_t i = 0; i < q->n_leaves; i++) {
        free(q->leaves[i].label);
        free(q->leaves[i].term);
    }
    free(q->leaves);
    for (size_t i = 0; i < q->n_qwords; i++)
        free(q->qwords[i].word);
    free(q->qwords);
    memset(q, 0, sizeof *q);
}

int cari_query_matches(cari_db *db, const cari_query *q, const char *term, size_t len)
{
    if (cari_sorted_has((const char *const *)q->words, q->n_words, term, len))
        return 1;
    for (size_t i = 0; i < q->n_prefixes; i++) {
        size_t pl = strlen(q->prefixes[i]);
        if (pl <= len && !memcmp(q->prefixes[i], term, pl))
            return 1;
    }
    size_t sl;
    const char *stem = cari_stem_term(db->stemmer, term, len, &sl);
    return stem && cari_sorted_has((const char *const *)q->stems, q->n_stems, stem, sl);
}
