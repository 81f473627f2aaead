/*
 * Synonym groups (cari.h, "Synonym groups"): parsing the text format and
 * looking up a phrase.  Members are kept normalized (the tokenizer's words
 * joined by single spaces) in one array sorted by text, each with its
 * group, so a lookup is one binary search.
 */
#include "fsutil.h"
#include "alloc.h"
#include "query.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bundled list, generated from data/synonyms-id.txt at build time. */
extern const char cari_default_synonyms[];
extern const size_t cari_default_synonyms_len;

typedef struct {
    char *text;       /* normalized member */
    size_t group;
} member;

struct cari_synonyms {
    member *m;        /* sorted by text; equal texts in the order added */
    size_t n, cap;
    char ***groups;   /* groups[g]: its members' texts (owned by m) */
    size_t *group_n;
    size_t n_groups, cap_groups;
    char errmsg[256];
};

static cari_status fail(cari_synonyms *s, cari_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return st;
}

cari_status cari_synonyms_new(cari_synonyms **out)
{
    *out = cari_calloc(1, sizeof **out);
    return *out ? CARI_OK : CARI_NOMEM;
}

void cari_synonyms_free(cari_synonyms *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->m[i].text);
    free(s->m);
    for (size_t g = 0; g < s->n_groups; g++)
        free(s->groups[g]);
    free(s->groups);
    free(s->group_n);
    free(s);
}

size_t cari_synonyms_count(const cari_synonyms *s) { return s ? s->n_groups : 0; }

const char *cari_synonyms_errmsg(const cari_synonyms *s)
{
    return s ? s->errmsg : "out of memory";
}

/* Normalizing a member: its words joined by spaces (a cari_token_fn). */
typedef struct {
    char buf[512];
    size_t len, words;
} norm;

static int on_word(void *ctx, const cari_token *t)
{
    norm *n = ctx;
    if (n->len + t->term_len + 2 > sizeof n->buf)
        return 1;
    if (n->len)
        n->buf[n->len++] = ' ';
    memcpy(n->buf + n->len, t->term, t->term_len);
    n->len += t->term_len;
    n->buf[n->len] = '\0';
    n->words++;
    return 0;
}

/* Adds one group of `n` normalized members. */
static cari_status add_group(cari_synonyms *s, norm *members, size_t n)
{
    if (s->n_groups == s->cap_groups) {
        size_t cap = s->cap_groups ? 2 * s->cap_groups : 32;
        char ***g = cari_realloc(s->groups, cap * sizeof *g);
        if (g)
            s->groups = g;
        size_t *gn = cari_realloc(s->group_n, cap * sizeof *gn);
        if (gn)
            s->group_n = gn;
        if (!g || !gn)
            return CARI_NOMEM;
        s->cap_groups = cap;
    }
    if (s->n + n > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        while (cap < s->n + n)
            cap *= 2;
        member *m = cari_realloc(s->m, cap * sizeof *m);
        if (!m)
            return CARI_NOMEM;
        s->m = m;
        s->cap = cap;
    }
    size_t g = s->n_groups;
    char **texts = cari_malloc(n * sizeof *texts);
    if (!texts)
        return CARI_NOMEM;
    /* Each member goes in at its place (after equal texts: the first group
     * wins), so the array stays sorted without a sort at every start. */
    for (size_t i = 0; i < n; i++) {
        char *text = cari_strdup(members[i].buf);
        if (!text) {
            free(texts);
            return CARI_NOMEM;
        }
        size_t lo = 0, hi = s->n;
        while (lo < hi) { /* the first member > text */
            size_t mid = (lo + hi) / 2;
            if (strcmp(s->m[mid].text, text) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        memmove(&s->m[lo + 1], &s->m[lo], (s->n - lo) * sizeof *s->m);
        s->m[lo] = (member){text, g};
        texts[i] = text;
        s->n++;
    }
    s->groups[g] = texts;
    s->group_n[g] = n;
    s->n_groups++;
    return CARI_OK;
}

cari_status cari_synonyms_add_text(cari_synonyms *s, const char *name,
                                   const char *text, size_t len)
{
    size_t line = 0, pos = 0;
    cari_status st = CARI_OK;
    s->errmsg[0] = '\0';
    while (pos < len && !st) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, stop = end;
        line++;
        const char *hash = memchr(text + pos, '#', end - pos);
        if (hash)
            stop = (size_t)(hash - text);
        norm members[32];
        size_t n = 0, p = pos;
        int blank = 1;
        for (size_t k = pos; k < stop; k++)
            if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r')
                blank = 0;
        while (!blank && p <= stop && !st) {
            const char *comma = memchr(text + p, ',', stop - p);
            size_t e = comma ? (size_t)(comma - text) : stop;
            if (n == sizeof members / sizeof members[0]) {
                st = fail(s, CARI_INVALID, "%s:%zu: more than 32 members", name, line);
                break;
            }
            norm *m = &members[n];
            m->len = m->words = 0;
            m->buf[0] = '\0';
            if (cari_tokenize(text + p, e - p, on_word, m) || m->words > CARI_SYNONYM_WORDS)
                st = fail(s, CARI_INVALID, "%s:%zu: a member longer than %d words", name, line,
                          CARI_SYNONYM_WORDS);
            else if (!m->words)
                st = fail(s, CARI_INVALID, "%s:%zu: an empty member", name, line);
            n++;
            p = e + 1;
        }
        if (!st && n == 1)
            st = fail(s, CARI_INVALID, "%s:%zu: a group needs two members or more", name, line);
        if (!st && n > 1 && (st = add_group(s, members, n)))
            fail(s, st, "out of memory");
        pos = end + 1;
    }
    return st;
}

cari_status cari_synonyms_add_file(cari_synonyms *s, const char *path)
{
    char *buf;
    size_t len;
    int rc = cari_read_file(path, &buf, &len);
    if (rc)
        return rc == ENOMEM ? fail(s, CARI_NOMEM, "out of memory")
                            : fail(s, CARI_IO, "%s: %s", path, strerror(rc));
    cari_status st = cari_synonyms_add_text(s, path, buf, len);
    free(buf);
    return st;
}

cari_status cari_synonyms_add_default(cari_synonyms *s)
{
    return cari_synonyms_add_text(s, "synonyms-id.txt", cari_default_synonyms,
                                  cari_default_synonyms_len);
}

const char *const *cari_synonyms_lookup(const cari_synonyms *s, char *const *words, size_t n,
                                        size_t *out_n)
{
    char key[512];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t wl = strlen(words[i]);
        if (len + wl + 2 > sizeof key)
            return NULL;
        if (i)
            key[len++] = ' ';
        memcpy(key + len, words[i], wl);
        len += wl;
    }
    key[len] = '\0';
    size_t lo = 0, hi = s->n;
    while (lo < hi) { /* the first member >= key */
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->m[mid].text, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == s->n || strcmp(s->m[lo].text, key))
        return NULL;
    size_t g = s->m[lo].group;
    *out_n = s->group_n[g];
    return (const char *const *)s->groups[g];
}
