/*
 * Searching: parse the query, rank passages with Xapian's BM25, and build
 * the hits with their highlights and snippets.
 */
#include "db.h"
#include "query.h"
#include "snippet.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

struct cari_results {
    cari_hit *hits;
    size_t n;
    size_t total;
};

void cari_search_options_init(cari_search_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->limit = 10;
    opts->k1 = CARI_DEFAULT_K1;
    opts->b = CARI_DEFAULT_B;
    opts->title_weight = CARI_DEFAULT_TITLE_WEIGHT;
    opts->snippet_words = 30;
}

static void free_hit(cari_hit *h)
{
    free((char *)h->article);
    free((char *)h->title);
    free((char *)h->text);
    free((cari_span *)h->highlights);
    free((char *)h->snippet);
    free((cari_span *)h->snippet_highlights);
}

void cari_results_free(cari_results *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n; i++)
        free_hit(&res->hits[i]);
    free(res->hits);
    free(res);
}

size_t cari_results_count(const cari_results *res) { return res->n; }
size_t cari_results_total(const cari_results *res) { return res->total; }

const cari_hit *cari_results_hit(const cari_results *res, size_t i)
{
    return i < res->n ? &res->hits[i] : NULL;
}

/* Copies the i-th document of m into hit (text, article, passage, title).
 * Returns 0, or -1 with *err set or when out of memory. */
static int fill_hit(xc_mset *m, size_t i, cari_hit *hit, char **err)
{
    size_t len;
    const char *p = xc_mset_data(m, i, &len, err);
    if (!p || !(hit->text = strndup(p, len)))
        return -1;
    hit->text_len = len;
    p = xc_mset_value(m, i, CARI_SLOT_ARTICLE, &len, err);
    if (!p || !(hit->article = strndup(p, len)))
        return -1;
    p = xc_mset_value(m, i, CARI_SLOT_PASSAGE, &len, err);
    if (!p)
        return -1;
    hit->passage = (unsigned)strtoul(p, NULL, 10);
    p = xc_mset_value(m, i, CARI_SLOT_TITLE, &len, err);
    if (!p)
        return -1;
    if (len && !(hit->title = strndup(p, len)))
        return -1;
    hit->score = xc_mset_weight(m, i);
    return 0;
}

cari_status cari_search(cari_db *db, const char *query,
                        const cari_search_options *opts, cari_results **out)
{
    *out = NULL;
    cari_clear_error(db);
    if (!db->r)
        return cari_fail(db, CARI_INVALID, "%s: index not open for reading", db->path);
    if (!query)
        return cari_fail(db, CARI_INVALID, "no query given");
    cari_search_options defaults;
    if (!opts) {
        cari_search_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->k1 < 0 || opts->b < 0 || opts->b > 1)
        return cari_fail(db, CARI_INVALID, "BM25 needs k1 >= 0 and 0 <= b <= 1");

    cari_query q;
    cari_status st = cari_query_parse(db, query, opts, &q);
    if (st) {
        cari_query_clear(&q);
        return st;
    }
    xc_search_opts xo = {opts->k1, opts->b, 0.5, opts->offset, opts->limit, -1, 0};
    char *err = NULL;
    xc_mset *m = xc_rdb_search(db->r, q.xq, &xo, &err);
    if (!m) {
        cari_query_clear(&q);
        return cari_fail_xc(db, err, db->path);
    }
    cari_results *res = calloc(1, sizeof *res);
    size_t n = xc_mset_size(m);
    if (res && n)
        res->hits = calloc(n, sizeof *res->hits);
    if (!res || (n && !res->hits)) {
        st = cari_fail(db, CARI_NOMEM, "out of memory");
        goto done;
    }
    res->total = xc_mset_matches_estimated(m);
    for (size_t i = 0; i < n; i++) {
        cari_hit *hit = &res->hits[i];
        res->n = i + 1;
        hit->rank = opts->offset + (unsigned)i + 1;
        if (fill_hit(m, i, hit, &err)) {
            st = err ? cari_fail_xc(db, err, db->path)
                     : cari_fail(db, CARI_NOMEM, "out of memory");
            goto done;
        }
        if (cari_mark_hit(db, &q, opts->snippet_words, hit)) {
            st = cari_fail(db, CARI_NOMEM, "out of memory");
            goto done;
        }
    }
done:
    xc_mset_free(m);
    cari_query_clear(&q);
    if (st) {
        cari_results_free(res);
        return st;
    }
    *out = res;
    return CARI_OK;
}
