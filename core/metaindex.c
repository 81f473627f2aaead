/* Storing an article's metadata with its passages: see metaindex.h. */
#include "metaindex.h"
#include "alloc.h"

#include "reader.h"
#include "terms.h"

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

/* Adds the filter term of one value. */
static void add_filter(xc_doc *doc, const char *prefix, const char *value, xc_err **err)
{
    char term[CARI_TERM_MAX + 1];
    size_t n = cari_meta_term(term, prefix, value, strlen(value));
    if (n)
        xc_doc_add_term(doc, term, n, 0, err);
}

/* Sets `slot` to the items of a list joined by '\n'. */
static void set_list(xc_doc *doc, unsigned slot, char *const *items, size_t n, xc_err **err)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(items[i]) + 1;
    char *v = cari_malloc(len + 1);
    if (!v) {
        xc_doc_set_value(doc, slot, items[0], strlen(items[0]), err);
        return;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        at += (size_t)sprintf(v + at, "%s%s", i ? "\n" : "", items[i]);
    xc_doc_set_value(doc, slot, v, at, err);
    free(v);
}

void cari_meta_index(xc_doc *doc, const cari_meta_fields *m, unsigned passage, xc_err **err)
{
    char has[8];
    size_t nh = 0;
    if (m->has_date) {
        char v[16], year[8];
        size_t n = cari_meta_date_value(m->date.seconds, v);
        xc_doc_set_value(doc, CARI_SLOT_DATE, v, n, err);
        n = (size_t)snprintf(year, sizeof year, "%04d", cari_date_year(&m->date));
        xc_doc_set_value(doc, CARI_SLOT_YEAR, year, n, err);
        has[nh++] = 'd';
    }
    if (m->url)
        has[nh++] = 'u';
    if (m->source) {
        xc_doc_set_value(doc, CARI_SLOT_SOURCE, m->source, strlen(m->source), err);
        add_filter(doc, CARI_PREFIX_SOURCE, m->source, err);
        has[nh++] = 's';
    }
    if (m->lang) {
        add_filter(doc, CARI_PREFIX_LANG, m->lang, err);
        has[nh++] = 'l';
    }
    if (m->n_authors) {
        set_list(doc, CARI_SLOT_AUTHORS, m->authors, m->n_authors, err);
        for (size_t i = 0; i < m->n_authors; i++)
            add_filter(doc, CARI_PREFIX_AUTHOR, m->authors[i], err);
        has[nh++] = 'a';
    }
    if (m->n_categories) {
        set_list(doc, CARI_SLOT_CATEGORIES, m->categories, m->n_categories, err);
        for (size_t i = 0; i < m->n_categories; i++)
            add_filter(doc, CARI_PREFIX_CATEGORY, m->categories[i], err);
        has[nh++] = 'c';
    }
    if (passage != 1)
        return;
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

cari_status cari_meta_filter_query(cari_db *db, const cari_search_options *opts,
                                   xc_query **out)
{
    xc_query *q[5];
    size_t n = 0;
    xc_err *err = NULL;
    *out = NULL;
    if (opts->has_since || opts->has_until) {
        char lo[16], hi[16];
        size_t lo_len = opts->has_since ? cari_meta_date_value(opts->since, lo) : 0;
        size_t hi_len = opts->has_until ? cari_meta_date_value(opts->until, hi) : 0;
        if ((q[n] = xc_query_value_range(CARI_SLOT_DATE, opts->has_since ? lo : NULL, lo_len,
                                         opts->has_until ? hi : NULL, hi_len, &err)))
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

int cari_meta_facet_slot(const char *name, size_t len, const char **out_name)
{
    static const struct {
        const char *name, *english;
        int slot;
    } facets[] = {
        {"source", "source", CARI_SLOT_SOURCE},       {"sumber", "source", CARI_SLOT_SOURCE},
        {"category", "category", CARI_SLOT_CATEGORIES},
        {"kategori", "category", CARI_SLOT_CATEGORIES},
        {"year", "year", CARI_SLOT_YEAR},             {"tahun", "year", CARI_SLOT_YEAR},
        {"author", "author", CARI_SLOT_AUTHORS},      {"penulis", "author", CARI_SLOT_AUTHORS},
    };
    for (size_t i = 0; i < sizeof facets / sizeof facets[0]; i++)
        if (strlen(facets[i].name) == len && !strncasecmp(facets[i].name, name, len)) {
            *out_name = facets[i].english;
            return facets[i].slot;
        }
    return -1;
}
