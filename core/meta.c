/* An article's metadata fields: see meta.h. */
#include "meta.h"
#include "alloc.h"

#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

cari_field cari_meta_field(const char *key, size_t len)
{
    static const struct {
        const char *name;
        cari_field f;
    } keys[] = {
        {"title", CARI_FIELD_TITLE},       {"judul", CARI_FIELD_TITLE},
        {"date", CARI_FIELD_DATE},         {"tanggal", CARI_FIELD_DATE},
        {"published", CARI_FIELD_DATE},    {"url", CARI_FIELD_URL},
        {"link", CARI_FIELD_URL},          {"tautan", CARI_FIELD_URL},
        {"source", CARI_FIELD_SOURCE},     {"sumber", CARI_FIELD_SOURCE},
        {"author", CARI_FIELD_AUTHORS},    {"authors", CARI_FIELD_AUTHORS},
        {"penulis", CARI_FIELD_AUTHORS},   {"category", CARI_FIELD_CATEGORIES},
        {"categories", CARI_FIELD_CATEGORIES}, {"kategori", CARI_FIELD_CATEGORIES},
        {"tags", CARI_FIELD_CATEGORIES},   {"lang", CARI_FIELD_LANG},
        {"language", CARI_FIELD_LANG},     {"bahasa", CARI_FIELD_LANG},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == len && !strncasecmp(keys[i].name, key, len))
            return keys[i].f;
    return CARI_FIELD_NONE;
}

/* value[0..len) without the white space around it, cut at
 * CARI_META_VALUE_MAX bytes (at a character boundary), as a malloc'd
 * string; "" gives NULL with *empty set.  NULL with *empty 0: no memory. */
static char *trimmed(const char *value, size_t len, int *empty)
{
    while (len && (*value == ' ' || *value == '\t' || *value == '\r' || *value == '\n')) {
        value++;
        len--;
    }
    while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' ||
                   value[len - 1] == '\r' || value[len - 1] == '\n'))
        len--;
    *empty = len == 0;
    if (!len)
        return NULL;
    if (len > CARI_META_VALUE_MAX) {
        len = CARI_META_VALUE_MAX;
        while (len && ((unsigned char)value[len] & 0xC0) == 0x80)
            len--;
    }
    char *v = cari_malloc(len + 1);
    if (!v)
        return NULL;
    /* One line of text, no tabs (see encode), no NUL inside. */
    for (size_t i = 0; i < len; i++)
        v[i] = value[i] == '\t' || value[i] == '\n' || value[i] == '\r' || !value[i]
                   ? ' '
                   : value[i];
    v[len] = '\0';
    return v;
}

/* Adds v to a list (taking it), unless it is there already or the list is
 * full.  Returns as cari_meta_set(). */
static int add_item(char ***list, size_t *n, char *v)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*list)[i], v)) {
            free(v);
            return 0;
        }
    if (*n >= CARI_META_LIST_MAX) {
        free(v);
        return 1;
    }
    char **grown = cari_realloc(*list, (*n + 1) * sizeof **list);
    if (!grown) {
        free(v);
        return -1;
    }
    grown[(*n)++] = v;
    *list = grown;
    return 0;
}

int cari_meta_set(cari_meta_fields *m, cari_field f, const char *value, size_t len)
{
    int empty;
    char *v = trimmed(value, len, &empty);
    if (!v)
        return empty ? 0 : -1;
    char **single = f == CARI_FIELD_TITLE    ? &m->title
                    : f == CARI_FIELD_URL    ? &m->url
                    : f == CARI_FIELD_SOURCE ? &m->source
                    : f == CARI_FIELD_LANG   ? &m->lang
                                             : NULL;
    if (single) {
        free(*single);
        *single = v;
        return 0;
    }
    if (f == CARI_FIELD_AUTHORS)
        return add_item(&m->authors, &m->n_authors, v);
    if (f == CARI_FIELD_CATEGORIES)
        return add_item(&m->categories, &m->n_categories, v);
    free(v);
    return 0;
}

int cari_meta_set_date(cari_meta_fields *m, const char *value, size_t len)
{
    cari_date d;
    int rc = cari_date_parse(value, len, &d);
    if (!rc) {
        m->date = d;
        m->has_date = 1;
    }
    return rc;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void cari_meta_clear(cari_meta_fields *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->url);
    free(m->source);
    free(m->lang);
    free_list(m->authors, m->n_authors);
    free_list(m->categories, m->n_categories);
    memset(m, 0, sizeof *m);
}

int cari_meta_merge(cari_meta_fields *m, const cari_meta *src)
{
    int rc = 0, r;
    if (!src)
        return 0;
    if (src->has_date) {
        m->has_date = 1;
        m->date.seconds = src->date;
        m->date.offset = src->date_offset;
        m->date.has_time = src->date_has_time;
    }
    const struct {
        cari_field f;
        const char *v;
    } singles[] = {{CARI_FIELD_URL, src->url},
                   {CARI_FIELD_SOURCE, src->source},
                   {CARI_FIELD_LANG, src->lang}};
    for (size_t i = 0; i < 3; i++)
        if (singles[i].v && (r = cari_meta_set(m, singles[i].f, singles[i].v,
                                               strlen(singles[i].v))) != 0)
            rc = r < 0 ? -1 : rc ? rc : r;
    for (size_t i = 0; i < src->n_authors && rc >= 0; i++)
        if (src->authors[i] && (r = cari_meta_set(m, CARI_FIELD_AUTHORS, src->authors[i],
                                                  strlen(src->authors[i]))) != 0)
            rc = r < 0 ? -1 : r;
    for (size_t i = 0; i < src->n_categories && rc >= 0; i++)
        if (src->categories[i] &&
            (r = cari_meta_set(m, CARI_FIELD_CATEGORIES, src->categories[i],
                               strlen(src->categories[i]))) != 0)
            rc = r < 0 ? -1 : r;
    return rc;
}

void cari_meta_view(const cari_meta_fields *m, cari_meta *out)
{
    memset(out, 0, sizeof *out);
    out->has_date = m->has_date;
    out->date = m->date.seconds;
    out->date_offset = m->date.offset;
    out->date_has_time = m->date.has_time;
    out->url = m->url;
    out->source = m->source;
    out->lang = m->lang;
    out->authors = (const char *const *)m->authors;
    out->n_authors = m->n_authors;
    out->categories = (const char *const *)m->categories;
    out->n_categories = m->n_categories;
}

int cari_meta_any(const cari_meta_fields *m)
{
    return m->has_date || m->url || m->source || m->lang || m->n_authors || m->n_categories;
}

/* Appends "k\tv\n" to *out (length *len, capacity *cap).  Returns 0, -1
 * when out of memory. */
static int put(char **out, size_t *len, size_t *cap, char k, const char *v)
{
    size_t n = strlen(v) + 3;
    if (*len + n + 1 > *cap) {
        size_t c = (*len + n + 1) * 2;
        char *p = cari_realloc(*out, c);
        if (!p)
            return -1;
        *out = p;
        *cap = c;
    }
    *len += (size_t)sprintf(*out + *len, "%c\t%s\n", k, v);
    return 0;
}

char *cari_meta_encode(const cari_meta_fields *m, size_t *out_len)
{
    size_t len = 0, cap = 64;
    char *out = cari_malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    char date[64];
    snprintf(date, sizeof date, "%lld %d %d", m->date.seconds, m->date.offset,
             m->date.has_time);
    int bad = (m->has_date && put(&out, &len, &cap, 'd', date)) ||
              (m->url && put(&out, &len, &cap, 'u', m->url)) ||
              (m->source && put(&out, &len, &cap, 's', m->source)) ||
              (m->lang && put(&out, &len, &cap, 'l', m->lang));
    for (size_t i = 0; i < m->n_authors && !bad; i++)
        bad = put(&out, &len, &cap, 'a', m->authors[i]);
    for (size_t i = 0; i < m->n_categories && !bad; i++)
        bad = put(&out, &len, &cap, 'c', m->categories[i]);
    if (bad) {
        free(out);
        return NULL;
    }
    *out_len = len;
    return out;
}

int cari_meta_decode(const char *blob, size_t len, cari_meta_fields *m)
{
    static const cari_field fields[128] = {
        ['u'] = CARI_FIELD_URL, ['s'] = CARI_FIELD_SOURCE, ['l'] = CARI_FIELD_LANG,
        ['a'] = CARI_FIELD_AUTHORS, ['c'] = CARI_FIELD_CATEGORIES,
    };
    memset(m, 0, sizeof *m);
    const char *p = blob, *end = blob + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || nl - p < 2 || p[1] != '\t' || (unsigned char)p[0] >= 128)
            return -1;
        const char *v = p + 2;
        size_t n = (size_t)(nl - v);
        if (p[0] == 'd') {
            char num[64];
            long long secs;
            int off, has_time;
            snprintf(num, sizeof num, "%.*s", (int)(n < 63 ? n : 63), v);
            if (sscanf(num, "%lld %d %d", &secs, &off, &has_time) != 3)
                return -1;
            m->has_date = 1;
            m->date.seconds = secs;
            m->date.offset = off;
            m->date.has_time = has_time;
        } else if (!fields[(unsigned char)p[0]]) {
            return -1;
        } else if (cari_meta_set(m, fields[(unsigned char)p[0]], v, n) < 0) {
            return -1;
        }
        p = nl + 1;
    }
    return 0;
}

/* Appends each word of a value to the term being built (a cari_token_fn). */
typedef struct {
    char *term;
    size_t len, cap;
} term_builder;

static int add_term_word(void *ctx, const cari_token *tok)
{
    term_builder *t = ctx;
    size_t need = tok->term_len + (t->len ? 1 : 0);
    if (t->len + need > t->cap)
        return 0; /* the head of a very long value is enough to filter by */
    if (t->len)
        t->term[t->len++] = ' ';
    memcpy(t->term + t->len, tok->term, tok->term_len);
    t->len += tok->term_len;
    return 0;
}

size_t cari_meta_term(char *term, const char *prefix, const char *value, size_t len)
{
    size_t plen = strlen(prefix);
    memcpy(term, prefix, plen);
    term_builder t = {term + plen, 0, CARI_TERM_MAX - plen};
    cari_tokenize(value, len, add_term_word, &t);
    term[plen + t.len] = '\0';
    return t.len ? plen + t.len : 0;
}

cari_status cari_parse_date(const char *text, size_t len, cari_meta *out)
{
    cari_date d;
    if (!text || cari_date_parse(text, len, &d))
        return CARI_INVALID;
    out->has_date = 1;
    out->date = d.seconds;
    out->date_offset = d.offset;
    out->date_has_time = d.has_time;
    return CARI_OK;
}

cari_status cari_parse_span(const char *text, long long *seconds)
{
    static const struct {
        char unit;
        long long seconds;
    } units[] = {{'h', 3600}, {'d', 86400}, {'w', 7 * 86400}, {'m', 30 * 86400},
                 {'y', 365 * 86400}};
    if (!text)
        return CARI_INVALID;
    char *end;
    long long n = strtoll(text, &end, 10);
    if (end != text && n >= 0 && n < 100000 && end[0] && !end[1])
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (end[0] == units[i].unit) {
                *seconds = n * units[i].seconds;
                return CARI_OK;
            }
    return CARI_INVALID;
}

size_t cari_format_date(const cari_meta *m, char *buf, size_t cap)
{
    if (!cap)
        return 0;
    buf[0] = '\0';
    if (!m->has_date)
        return 0;
    cari_date d = {m->date, m->date_offset, m->date_has_time};
    return cari_date_format(&d, buf, cap);
}
