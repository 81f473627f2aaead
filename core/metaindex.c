/* Storing an article's metadata with its passages: see metaindex.h. */
#include "metaindex.h"
#include "alloc.h"

#include "reader.h"
#include "terms.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FUTURE_SLACK (24 * 3600LL)  /* a day: zones, clocks */

cari_status cari_meta_settle(cari_store *db, const char *id, cari_meta_fields *m,
                             long long now, char **out_blob, size_t *out_len)
{
    if (m->has_date && m->date.seconds > now + FUTURE_SLACK) {
        char iso[40], msg[96];
        cari_date_format(&m->date, iso, sizeof iso);
        snprintf(msg, sizeof msg, "date %s is in the future, ignored", iso);
        cari_store_warn(db, id, 0, msg);
        m->has_date = 0;
    }
    *out_blob = cari_meta_encode(m, out_len);
    return *out_blob ? CARI_OK : cari_fail(&db->error, CARI_NOMEM, "%s: out of memory", id);
}

size_t cari_meta_date_value(long long seconds, char *out)
{
    return xc_sortable_serialise((double)seconds, out);
}

long long cari_meta_time_key(long long seconds, int daily)
{
    long long step = daily ? 86400 : 3600;
    long long t = seconds + (daily ? CARI_DATE_TERM_ZONE * 60LL : 0);
    return t / step - (t % step < 0);
}

void cari_meta_stamp_free(cari_meta_stamp *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

/* Appends one record (kind 'T' or 'V', slot, bytes) to s, unless s has
 * failed; running out of memory marks it failed. */
static void record(cari_meta_stamp *s, char kind, unsigned slot, const char *v, size_t n)
{
    size_t need = 1 + sizeof slot + sizeof n + n;
    if (s->failed)
        return;
    if (s->len + need > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->len + need)
            cap *= 2;
        char *buf = cari_realloc(s->buf, cap);
        if (!buf) {
            s->failed = 1;
            return;
        }
        s->buf = buf;
        s->cap = cap;
    }
    char *p = s->buf + s->len;
    *p++ = kind;
    memcpy(p, &slot, sizeof slot);
    p += sizeof slot;
    memcpy(p, &n, sizeof n);
    p += sizeof n;
    memcpy(p, v, n);
    s->len += need;
}

/* Adds a boolean term to doc and records it in s. */
static void put_term(xc_doc *doc, cari_meta_stamp *s, const char *term, size_t n, xc_err **err)
{
    xc_doc_add_term(doc, term, n, 0, err);
    record(s, 'T', 0, term, n);
}

/* Sets a value of doc and records it in s. */
static void put_value(xc_doc *doc, cari_meta_stamp *s, unsigned slot, const char *v, size_t n,
                      xc_err **err)
{
    xc_doc_set_value(doc, slot, v, n, err);
    record(s, 'V', slot, v, n);
}

/* Adds to doc the terms and values recorded in s. */
static void replay(xc_doc *doc, const cari_meta_stamp *s, xc_err **err)
{
    for (const char *p = s->buf, *end = s->buf + s->len; p < end;) {
        char kind = *p++;
        unsigned slot;
        size_t n;
        memcpy(&slot, p, sizeof slot);
        p += sizeof slot;
        memcpy(&n, p, sizeof n);
        p += sizeof n;
        if (kind == 'T')
            xc_doc_add_term(doc, p, n, 0, err);
        else
            xc_doc_set_value(doc, slot, p, n, err);
        p += n;
    }
}

/* Adds the filter term of one value. */
static void add_filter(xc_doc *doc, cari_meta_stamp *s, const char *prefix, const char *value,
                       xc_err **err)
{
    char term[CARI_TERM_MAX + 1];
    size_t n = cari_meta_term(term, prefix, value, strlen(value));
    if (n)
        put_term(doc, s, term, n, err);
}

/* Appends the items of a list joined by '\n' to v (at least the sum of
 * their lengths and n bytes left) at *at. */
static void put_list(char *v, size_t *at, char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            v[(*at)++] = '\n';
        size_t len = strlen(items[i]);
        memcpy(v + *at, items[i], len);
        *at += len;
    }
}

/* Sets the facets' value (CARI_SLOT_FACETS) of a passage that starts a
 * run of article `id`'s passages: the id, a NUL, then m's facet fields
 * (none when m has none).  Written straight to doc, not to the stamp:
 * the other passages of the run go without it. */
static void set_facets(xc_doc *doc, const char *id, const cari_meta_fields *m, xc_err **err)
{
    size_t idlen = strlen(id);
    size_t len = idlen + 1 + (m->source ? strlen(m->source) : 0) + 16;
    for (size_t i = 0; i < m->n_categories; i++)
        len += strlen(m->categories[i]) + 1;
    for (size_t i = 0; i < m->n_authors; i++)
        len += strlen(m->authors[i]) + 1;
    char *v = cari_malloc(len);
    if (!v) {
        *err = *err ? *err : xc_err_new(XC_ERR_NOMEM, "out of memory");
        return;
    }
    memcpy(v, id, idlen + 1);
    size_t at = idlen + 1;
    if (m->source || m->n_categories || m->has_date || m->n_authors) {
        if (m->source) {
            memcpy(v + at, m->source, strlen(m->source));
            at += strlen(m->source);
        }
        v[at++] = CARI_FACET_SEP;
        put_list(v, &at, m->categories, m->n_categories);
        v[at++] = CARI_FACET_SEP;
        if (m->has_date)
            at += (size_t)snprintf(v + at, 8, "%04d", cari_date_year(&m->date));
        v[at++] = CARI_FACET_SEP;
        put_list(v, &at, m->authors, m->n_authors);
    }
    xc_doc_set_value(doc, CARI_SLOT_FACETS, v, at, err);
    xc_doc_set_value(doc, CARI_SLOT_RUN, "0", 1, err);
    free(v);
}

/* The letters of the fields m has (d u s l a c), for the "XF" terms, in
 * has[] (at least 6); returns their number. */
static size_t fields_had(const cari_meta_fields *m, char *has)
{
    const int on[6] = {m->has_date,      m->url != NULL,    m->source != NULL,
                       m->lang != NULL,  m->n_authors > 0,  m->n_categories > 0};
    size_t nh = 0;
    for (size_t i = 0; i < 6; i++)
        if (on[i])
            has[nh++] = "duslac"[i];
    return nh;
}

/* Adds the values and terms of m to doc, recording them in s. */
static void index_fields(xc_doc *doc, cari_meta_stamp *s, const cari_meta_fields *m,
                         xc_err **err)
{
    if (m->has_date) {
        char v[16];
        size_t n = cari_meta_date_value(m->date.seconds, v);
        put_value(doc, s, CARI_SLOT_DATE, v, n, err);
        n = xc_sortable_serialise((double)cari_meta_time_key(m->date.seconds, 0), v);
        put_value(doc, s, CARI_SLOT_HOUR, v, n, err);
        n = xc_sortable_serialise((double)cari_meta_time_key(m->date.seconds, 1), v);
        put_value(doc, s, CARI_SLOT_DAY, v, n, err);
        int y, mo;
        cari_date_month(m->date.seconds, CARI_DATE_TERM_ZONE, &y, &mo);
        char term[16];
        n = (size_t)snprintf(term, sizeof term, CARI_PREFIX_DATE "%04d", y);
        put_term(doc, s, term, n, err);
        n = (size_t)snprintf(term, sizeof term, CARI_PREFIX_DATE "%04d%02d", y, mo);
        put_term(doc, s, term, n, err);
    }
    if (m->source)
        add_filter(doc, s, CARI_PREFIX_SOURCE, m->source, err);
    if (m->lang)
        add_filter(doc, s, CARI_PREFIX_LANG, m->lang, err);
    for (size_t i = 0; i < m->n_authors; i++)
        add_filter(doc, s, CARI_PREFIX_AUTHOR, m->authors[i], err);
    for (size_t i = 0; i < m->n_categories; i++)
        add_filter(doc, s, CARI_PREFIX_CATEGORY, m->categories[i], err);
}

void cari_meta_index(xc_doc *doc, const char *id, const cari_meta_fields *m,
                     cari_meta_stamp *s, unsigned passage, int run_start, xc_err **err)
{
    if (run_start) {
        set_facets(doc, id, m, err);
    } else if ((passage - 1) % XC_RUN_STEP == 0) {
        char back[16]; /* the run started at passage 1 */
        xc_doc_set_value(doc, CARI_SLOT_RUN, back,
                         (size_t)snprintf(back, sizeof back, "%u", passage - 1), err);
    }
    if (s->made) {
        replay(doc, s, err);
    } else {
        index_fields(doc, s, m, err);
        if (s->failed) { /* made afresh for every passage from now on */
            cari_meta_stamp_free(s);
            s->failed = 1;
        } else {
            s->made = 1;
        }
    }
    if (passage != 1)
        return;
    char has[8];
    size_t nh = fields_had(m, has);
    for (size_t i = 0; i < nh; i++) {
        char term[4] = {'X', 'F', has[i], '\0'};
        xc_doc_add_term(doc, term, 3, 0, err);
    }
}

static const struct {
    const char *name;
    const char *prefix;
} query_fields[] = {
    {"sumber:", CARI_PREFIX_SOURCE},     {"source:", CARI_PREFIX_SOURCE},
    {"penulis:", CARI_PREFIX_AUTHOR},    {"author:", CARI_PREFIX_AUTHOR},
    {"kategori:", CARI_PREFIX_CATEGORY}, {"category:", CARI_PREFIX_CATEGORY},
    {"bahasa:", CARI_PREFIX_LANG},       {"lang:", CARI_PREFIX_LANG},
};

const char *cari_meta_query_field(const char *text, size_t len, size_t *out_len)
{
    for (size_t i = 0; i < sizeof query_fields / sizeof query_fields[0]; i++) {
        size_t n = strlen(query_fields[i].name);
        if (len > n && !strncasecmp(text, query_fields[i].name, n)) {
            *out_len = n;
            return query_fields[i].prefix;
        }
    }
    return NULL;
}

int cari_meta_field_name(const char *text, size_t len)
{
    for (size_t i = 0; i < sizeof query_fields / sizeof query_fields[0]; i++)
        if (strlen(query_fields[i].name) == len && !strncasecmp(text, query_fields[i].name, len))
            return 1;
    return 0;
}

int cari_meta_filter_group(const char *prefix)
{
    static const char *const groups[CARI_META_FILTERS] = {
        CARI_PREFIX_SOURCE, CARI_PREFIX_AUTHOR, CARI_PREFIX_CATEGORY, CARI_PREFIX_LANG};
    for (int i = 0; i < CARI_META_FILTERS; i++)
        if (!strcmp(prefix, groups[i]))
            return i;
    return 0;
}

/* Adds the filter term of `value` under `prefix` to the list q[*n]. */
static void filter_term(xc_query **q, size_t *n, const char *prefix, const char *value,
                        xc_err **err)
{
    char term[CARI_TERM_MAX + 1];
    if (!value)
        return;
    size_t len = cari_meta_term(term, prefix, value, strlen(value));
    /* A value without words filters everything out. */
    if ((q[*n] = xc_query_term(term, len ? len : strlen(term), err)))
        (*n)++;
}

/* A value range on the date slot from lo to hi (has_*: bounded). */
static xc_query *date_range(int has_lo, long long lo, int has_hi, long long hi, xc_err **err)
{
    char l[16], h[16];
    size_t ll = has_lo ? cari_meta_date_value(lo, l) : 0;
    size_t hl = has_hi ? cari_meta_date_value(hi, h) : 0;
    return xc_query_value_range(CARI_SLOT_DATE, has_lo ? l : NULL, ll, has_hi ? h : NULL, hl,
                                err);
}

/* The first second of month `mo` (1 to 13: 13 is the next January) of
 * year y, in the date terms' zone. */
static long long month_start(int y, int mo)
{
    return cari_date_epoch(y + (mo > 12), mo > 12 ? 1 : mo, 1, 0, 0, 0) -
           CARI_DATE_TERM_ZONE * 60LL;
}

/* Appends to the growing list *q (n of cap) the term "XD" digits, with
 * a value range from lo to hi (LLONG_MIN, LLONG_MAX: open) over it when
 * `cut`.  Returns 0, -1 out of
 * memory (xapian's failures in *err). */
static int add_date_term(xc_query ***q, size_t *n, size_t *cap, const char *digits, int cut,
                         long long lo, long long hi, xc_err **err)
{
    char term[16];
    int len = snprintf(term, sizeof term, CARI_PREFIX_DATE "%s", digits);
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        xc_query **g = cari_realloc(*q, c * sizeof *g);
        if (!g)
            return -1;
        *q = g;
        *cap = c;
    }
    xc_query *t = xc_query_term(term, (size_t)len, err);
    if (t && cut) {
        xc_query *r = date_range(lo != LLONG_MIN, lo, hi != LLONG_MAX, hi, err);
        xc_query *pair[2] = {t, r};
        xc_query *both = r ? xc_query_combine(XC_OP_FILTER, pair, 2, 0, err) : NULL;
        xc_query_free(t);
        xc_query_free(r);
        t = both;
    }
    if (t)
        (*q)[(*n)++] = t;
    return 0;
}

cari_status cari_meta_date_filter(cari_db *db, int has_lo, long long lo, int has_hi,
                                  long long hi, xc_query **out)
{
    xc_err *err = NULL;
    double dlo, dhi;
    *out = NULL;
    int dated = xc_rdb_value_bounds(db->r, CARI_SLOT_DATE, &dlo, &dhi, &err);
    if (err)
        return cari_fail_xc(&db->error, err, "filter");
    /* Only the months of the dates the index holds need terms; an open
     * end cuts none. */
    long long from = has_lo && lo > (long long)dlo ? lo : (long long)dlo;
    long long to = has_hi && hi < (long long)dhi ? hi : (long long)dhi;
    if (!dated || from > to) {
        *out = date_range(has_lo, lo, has_hi, hi, &err);
        return *out ? CARI_OK : cari_fail_xc(&db->error, err, "filter");
    }
    if (!has_lo)
        lo = LLONG_MIN;
    if (!has_hi)
        hi = LLONG_MAX;
    xc_query **q = NULL;
    size_t n = 0, cap = 0;
    int y, mo, y_end, mo_end, nomem = 0;
    cari_date_month(from, CARI_DATE_TERM_ZONE, &y, &mo);
    cari_date_month(to, CARI_DATE_TERM_ZONE, &y_end, &mo_end);
    while (!nomem && !err && (y < y_end || (y == y_end && mo <= mo_end))) {
        char digits[8];
        if (mo == 1 && month_start(y, 1) >= lo && month_start(y, 13) - 1 <= hi) {
            snprintf(digits, sizeof digits, "%04d", y); /* the whole year */
            nomem = add_date_term(&q, &n, &cap, digits, 0, 0, 0, &err);
            y++;
            continue;
        }
        int whole = month_start(y, mo) >= lo && month_start(y, mo + 1) - 1 <= hi;
        snprintf(digits, sizeof digits, "%04d%02d", y, mo);
        nomem = add_date_term(&q, &n, &cap, digits, !whole, lo, hi, &err);
        if (++mo > 12) {
            mo = 1;
            y++;
        }
    }
    if (!nomem && !err)
        *out = n == 1 ? q[0] : xc_query_combine(XC_OP_OR, q, n, 0, &err);
    for (size_t i = 0; i < n; i++)
        if (n > 1 || !*out)
            xc_query_free(q[i]);
    free(q);
    if (nomem)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    return *out ? CARI_OK : cari_fail_xc(&db->error, err, "filter");
}

cari_status cari_meta_filter_query(cari_db *db, const cari_search_options *opts,
                                   xc_query **out)
{
    xc_query *q[5];
    size_t n = 0;
    xc_err *err = NULL;
    *out = NULL;
    if (opts->has_since || opts->has_until) {
        cari_status st = cari_meta_date_filter(db, opts->has_since, opts->since,
                                               opts->has_until, opts->until, &q[n]);
        if (st)
            return st;
        n++;
    }
    filter_term(q, &n, CARI_PREFIX_SOURCE, opts->source, &err);
    filter_term(q, &n, CARI_PREFIX_AUTHOR, opts->author, &err);
    filter_term(q, &n, CARI_PREFIX_CATEGORY, opts->category, &err);
    filter_term(q, &n, CARI_PREFIX_LANG, opts->lang, &err);
    if (n && !err)
        *out = n == 1 ? q[0] : xc_query_combine(XC_OP_AND, q, n, 0, &err);
    for (size_t i = 0; i < n; i++)
        if (n > 1 || err)
            xc_query_free(q[i]);
    if (err) {
        xc_query_free(n > 1 ? *out : NULL);
        *out = NULL;
        return cari_fail_xc(&db->error, err, "filter");
    }
    return CARI_OK;
}

int cari_meta_facet_field(const char *name, size_t len, const char **out_name)
{
    static const struct {
        const char *name, *english;
        int field;
    } facets[] = {
        {"source", "source", CARI_FACET_SOURCE},       {"sumber", "source", CARI_FACET_SOURCE},
        {"category", "category", CARI_FACET_CATEGORIES},
        {"kategori", "category", CARI_FACET_CATEGORIES},
        {"year", "year", CARI_FACET_YEAR},             {"tahun", "year", CARI_FACET_YEAR},
        {"author", "author", CARI_FACET_AUTHORS},      {"penulis", "author", CARI_FACET_AUTHORS},
    };
    for (size_t i = 0; i < sizeof facets / sizeof facets[0]; i++)
        if (strlen(facets[i].name) == len && !strncasecmp(facets[i].name, name, len)) {
            *out_name = facets[i].english;
            return facets[i].field;
        }
    return -1;
}
