/*
 * Searching: parse the query, rank passages with Xapian's BM25, and build
 * the hits with their highlights and snippets; on request, explain each
 * score, fetch the passages around each hit, and suggest a spelling.
 */
#include "reader.h"
#include "alloc.h"
#include "docdata.h"
#include "index.h"
#include "meta.h"
#include "metaindex.h"
#include "passage.h"
#include "query.h"
#include "rankdata.h"
#include "rerank.h"
#include "snippet.h"
#include "stopwords.h"
#include "terms.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The recency bonus of an article published now, as a share of the best
 * BM25 score among the query's matches (cari_search_options.recent_half_life). */
#define CARI_RECENT_SHARE 0.5
/* From this half-life (seconds) on, ages count in whole days, below it in
 * whole hours. */
#define CARI_RECENT_DAILY (7 * 86400.0)

struct cari_results {
    cari_hit *hits;
    size_t n;
    size_t total;
    char *suggestion;   /* corrected query, or NULL */
    int fixed;          /* the hits are the suggestion's */
    cari_meta_fields *metas; /* each hit's metadata (hit.meta views it) */
    cari_facet *facets;      /* opts.facets' counts */
    size_t n_facets;
    size_t facet_counted;    /* matches the facets counted */
    int facet_all;           /* ... every match */
};

cari_status cari_search_options_init(cari_search_options *opts, unsigned version)
{
    if (version < 1 || version > CARI_SEARCH_OPTIONS_VERSION)
        return CARI_INVALID;
    cari_search_options defaults = CARI_SEARCH_OPTIONS_INIT;
    *opts = defaults;
    return CARI_OK;
}

static void free_hit(cari_hit *h)
{
    free((char *)h->article);
    free((char *)h->title);
    free((char *)h->text);
    free((cari_span *)h->highlights);
    free((char *)h->snippet);
    free((cari_span *)h->snippet_highlights);
    for (size_t i = 0; i < h->n_explain; i++)
        free((char *)h->explain[i].term);
    free((cari_explain *)h->explain);
    for (size_t i = 0; i < h->n_context; i++)
        free((char *)h->context[i].text);
    free((cari_context *)h->context);
    free((double *)h->features);
}

void cari_results_free(cari_results *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n; i++)
        free_hit(&res->hits[i]);
    for (size_t i = 0; res->metas && i < res->n; i++)
        cari_meta_clear(&res->metas[i]);
    free(res->metas);
    for (size_t k = 0; k < res->n_facets; k++) {
        for (size_t i = 0; i < res->facets[k].n_values; i++)
            free((char *)res->facets[k].values[i].value);
        free((cari_facet_value *)res->facets[k].values);
    }
    free(res->facets);
    free(res->hits);
    free(res->suggestion);
    free(res);
}

size_t cari_results_count(const cari_results *res) { return res->n; }
size_t cari_results_total(const cari_results *res) { return res->total; }
const char *cari_results_suggestion(const cari_results *res) { return res->suggestion; }
int cari_results_fixed(const cari_results *res) { return res->fixed; }

size_t cari_results_facet_count(const cari_results *res) { return res->n_facets; }

size_t cari_results_facet_counted(const cari_results *res, int *out_all)
{
    *out_all = res->facet_all;
    return res->facet_counted;
}

const cari_facet *cari_results_facet(const cari_results *res, size_t k)
{
    return k < res->n_facets ? &res->facets[k] : NULL;
}

const cari_hit *cari_results_hit(const cari_results *res, size_t i)
{
    return i < res->n ? &res->hits[i] : NULL;
}

/* Copies the i-th document of m into hit (text, article, passage, title).
 * Returns 0, or -1 with *err set or when out of memory (or the data is not
 * a passage record: *err says so). */
static int fill_hit(xc_mset *m, size_t i, double unscale, cari_hit *hit,
                    cari_meta_fields *meta, xc_err **err)
{
    size_t len;
    cari_docdata d;
    const char *p = xc_mset_data(m, i, &len, err);
    if (!p)
        return -1;
    if (cari_docdata_decode(p, len, &d)) {
        *err = xc_err_new(XC_ERR_CORRUPT, "a passage's data is malformed");
        return -1;
    }
    if (!(hit->text = cari_strndup(d.text, d.text_len)) ||
        !(hit->article = cari_strndup(d.article, d.article_len)) ||
        (d.title && !(hit->title = cari_strndup(d.title, d.title_len))))
        return -1;
    if (cari_meta_decode(d.meta, d.meta_len, meta)) {
        *err = xc_err_new(XC_ERR_CORRUPT, "a passage's metadata is malformed");
        return -1;
    }
    cari_meta_view(meta, &hit->meta);
    hit->text_len = d.text_len;
    hit->passage = d.passage;
    hit->score = xc_mset_weight(m, i) * unscale;
    return 0;
}

/* The rank data of the hit at `at` of m decoded into *rw: candidate c's
 * when the second stage read it (c may be NULL), else read now.  Returns
 * rw, or NULL when there is none to use (an error reading or decoding it
 * included): the highlights are the same without it, only slower
 * (snippet.h). */
static const cari_rank_words *hit_rank_words(xc_mset *m, size_t at, const cari_candidate *c,
                                             cari_rank_words *rw)
{
    const char *p;
    size_t len;
    if (c && c->has_features) {
        p = c->rank;
        len = c->rank_len;
    } else {
        xc_err *err = NULL;
        if (!(p = xc_mset_value(m, at, CARI_SLOT_RANK, &len, &err))) {
            xc_err_free(err);
            return NULL;
        }
    }
    return len && !cari_rankdata_decode(p, len, rw) ? rw : NULL;
}

/* The boolean term of passage n of `article` into term. */
static void uid_term(char *term, const char *article, unsigned n)
{
    size_t len = strlen(article);
    char *uid = cari_malloc(len + 16);
    if (!uid) {
        term[0] = '\0';
        return;
    }
    snprintf(uid, len + 16, "%s#%u", article, n);
    cari_make_term(term, CARI_PREFIX_UID, uid, strlen(uid));
    free(uid);
}

/* Fills hit->explain: the parts of the hit's score, each labelled with
 * the query leaf it belongs to.  Xapian reports each part's statistics
 * (wdf, termfreq, factor), which identify the leaf among the query's
 * terms; what matches no term is a group (synonyms, prefix*), labelled in
 * query order.  Returns a status. */
static cari_status explain_hit(cari_db *db, const cari_query *q, const xc_query *xq,
                               const xc_search_opts *xo, xc_mset *m, size_t i,
                               double unscale, double *termfreq, cari_hit *hit)
{
    char term[CARI_TERM_MAX + 1];
    xc_err *err = NULL;
    uid_term(term, hit->article, hit->passage);
    xc_explain_part *parts = NULL;
    /* The recency bonus is not the query's: Xapian explains the rest. */
    double age, bonus = xc_mset_recent(m, i, &age);
    size_t n = xc_rdb_explain(db->r, xq, term, xo, hit->score / unscale - bonus, &parts, &err);
    if (xc_err_kind_of(err) == XC_ERR_UNSUPPORTED) {
        /* A remote shard runs Xapian's own weights, not the recording one. */
        xc_err_free(err);
        return cari_fail(&db->error, CARI_INVALID,
                         "--explain works on local indexes only, not on tcp:// shards");
    }
    if (err)
        return cari_fail_xc(&db->error, err, "explain");
    size_t words = cari_passage_words(hit->text, hit->text_len, hit->title);
    cari_explain *ex = cari_calloc(n + 1, sizeof *ex);
    char *used = cari_calloc(q->n_leaves + 1, 1);
    if (!ex || !used) {
        free(ex);
        free(used);
        xc_free(parts);
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    }
    for (size_t k = 0; k < n; k++) {
        const xc_explain_part *x = &parts[k];
        const char *label = NULL;
        /* Unused terms first, then unused groups, then a term again (a
         * phrase may repeat a word: "tentara-tentara"). */
        for (int pass = 0; pass < 3 && !label; pass++)
            for (size_t l = 0; l < q->n_leaves && !label; l++) {
                const cari_leaf *lf = &q->leaves[l];
                if ((used[l] && pass < 2) || fabs(lf->factor - x->factor) > 1e-12 ||
                    (lf->term == NULL) != (pass == 1))
                    continue;
                if (lf->term) {
                    if (termfreq[l] < 0)
                        termfreq[l] = xc_rdb_termfreq(db->r, lf->term, &err);
                    if (termfreq[l] != x->termfreq ||
                        xc_mset_wdf(m, i, lf->term, &err) != (unsigned)x->wdf)
                        continue;
                }
                used[l] = 1;
                label = lf->label;
            }
        /* factor 0: what Xapian counted but did not log as a term's part
         * (see xc_rdb_explain()). */
        ex[k].term = cari_strdup(label                                ? label
                            : x->factor == 0                     ? "(rest)"
                            : xq != q->xq && x->factor < 1.0 ? "(feedback)"
                                                                 : "?");
        ex[k].tf = x->wdf / CARI_WDF_SCALE;
        ex[k].df = x->termfreq;
        ex[k].idf = x->idf;
        ex[k].length = (double)words;
        ex[k].avg_length = CARI_LENGTH_PIVOT;
        ex[k].factor = x->factor;
        ex[k].contribution = x->contribution * unscale;
        if (!ex[k].term) {
            hit->explain = ex;
            hit->n_explain = k;
            free(used);
            xc_free(parts);
            return cari_fail(&db->error, CARI_NOMEM, "out of memory");
        }
    }
    free(used);
    xc_free(parts);
    hit->explain = ex;
    hit->n_explain = n;
    if (bonus > 0) {
        /* As a feature: its value the article's age in days. */
        ex[n].feature = 1;
        ex[n].value = age / 86400;
        ex[n].contribution = bonus * unscale;
        if (!(ex[n].term = cari_strdup("(recency)")))
            return cari_fail(&db->error, CARI_NOMEM, "out of memory");
        hit->n_explain = n + 1;
    }
    if (err)
        return cari_fail_xc(&db->error, err, "explain");
    return CARI_OK;
}

/* Indexes given apart may overlap: one article indexed into two of them
 * is one set of passages, so a search keeps one copy of each (the same
 * article id and the same rank data, which holds the passage's number and
 * words).  A sharded index's shards never overlap and pay nothing. */
static void same_passages(const cari_db *db, xc_search_opts *xo)
{
    if (db->n_inputs < 2)
        return;
    xo->n_copies = (unsigned)db->n_inputs;
    xo->same_slots[0] = CARI_SLOT_ARTICLE;
    xo->same_slots[1] = CARI_SLOT_RANK;
}

static int cmp_context(const void *a, const void *b)
{
    const cari_context *x = a, *y = b;
    return x->passage < y->passage ? -1 : x->passage > y->passage;
}

/* Fills hit->context with up to `around` passages on each side of the
 * hit, found by their boolean uid terms. */
static cari_status context_hit(cari_db *db, unsigned around, cari_hit *hit)
{
    char term[CARI_TERM_MAX + 1];
    xc_err *err = NULL;
    xc_query *terms[64];
    size_t nt = 0;
    if (around > 32)
        around = 32;
    unsigned from = hit->passage > around ? hit->passage - around : 1;
    for (unsigned k = from; k <= hit->passage + around && nt < 64; k++) {
        if (k == hit->passage)
            continue;
        uid_term(term, hit->article, k);
        if ((terms[nt] = xc_query_term(term, strlen(term), &err)))
            nt++;
    }
    xc_query *q = nt ? xc_query_combine(XC_OP_OR, terms, nt, 0, &err) : NULL;
    for (size_t k = 0; k < nt; k++)
        xc_query_free(terms[k]);
    if (!q)
        return err ? cari_fail_xc(&db->error, err, "context") : CARI_OK;
    xc_search_opts xo = {.k1 = 1.2, .b = 0.75, .min_normlen = 0.5, .count = (unsigned)nt,
                         .collapse_slot = -1, .tie_slot = CARI_SLOT_ARTICLE};
    same_passages(db, &xo);
    xc_mset *m = xc_rdb_search(db->r, q, &xo, &err);
    xc_query_free(q);
    if (!m)
        return cari_fail_xc(&db->error, err, "context");
    size_t n = xc_mset_size(m);
    cari_context *cx = cari_calloc(n ? n : 1, sizeof *cx);
    cari_status st = cx ? CARI_OK : cari_fail(&db->error, CARI_NOMEM, "out of memory");
    size_t got = 0;
    for (size_t k = 0; k < n && !st; k++) {
        size_t len;
        cari_docdata d;
        const char *data = xc_mset_data(m, k, &len, &err);
        if (!data || cari_docdata_decode(data, len, &d)) {
            st = data ? cari_fail(&db->error, CARI_CORRUPT, "context: a passage's data is malformed")
                      : cari_fail_xc(&db->error, err, "context");
            break;
        }
        cx[got].passage = d.passage;
        cx[got].text_len = d.text_len;
        if (!(cx[got].text = cari_strndup(d.text, d.text_len)))
            st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
        else
            got++;
    }
    xc_mset_free(m);
    if (got)
        qsort(cx, got, sizeof *cx, cmp_context);
    hit->context = cx;
    hit->n_context = got;
    return st;
}

/* The query with each word unknown to the index (neither the word nor
 * its stem indexed, in a body or a title, nor expanded by the synonym
 * list) replaced by the spelling data's correction; NULL when no word needs one.  Sets *nomem when out of
 * memory. */
static char *suggest(cari_db *db, const char *text, const cari_query *q, int *nomem)
{
    char term[CARI_TERM_MAX + 1];
    char *out = NULL;
    size_t len = 0, from = 0, lookups = 0;
    xc_err *err = NULL;
    /* Each lookup costs milliseconds: the first few unknown words get
     * one, the others stay as typed (cari.h). */
    for (size_t i = 0; i < q->n_qwords && lookups < CARI_SPELLING_MAX_WORDS; i++) {
        const cari_qword *w = &q->qwords[i];
        size_t wl = strlen(w->word), sl;
        if (w->expanded || w->syntax || strspn(w->word, "0123456789.,") == wl ||
            cari_is_stopword(w->word, wl))
            continue;
        cari_make_term(term, "", w->word, wl);
        if (xc_rdb_termfreq(db->r, term, &err))
            continue;
        const char *stem = cari_stem_term(db->stemmer, w->word, wl, &sl);
        if (!stem)
            break;
        cari_make_term(term, CARI_PREFIX_STEM, stem, sl);
        if (xc_rdb_termfreq(db->r, term, &err))
            continue;
        cari_make_term(term, CARI_PREFIX_TITLE_STEM, stem, sl); /* in a title only */
        if (xc_rdb_termfreq(db->r, term, &err))
            continue;
        lookups++;
        char *fix = xc_rdb_spelling(db->r, w->word, 2, &err);
        if (!fix)
            continue;
        size_t fl = strlen(fix), add = (w->start - from) + fl;
        char *o = cari_realloc(out, len + add + strlen(text + w->start) + 1);
        if (!o) {
            xc_free(fix);
            *nomem = 1;
            break;
        }
        out = o;
        memcpy(out + len, text + from, w->start - from);
        memcpy(out + len + (w->start - from), fix, fl);
        len += add;
        from = w->end;
        xc_free(fix);
    }
    xc_err_free(err);
    if (out && !*nomem) {
        strcpy(out + len, text + from);
        return out;
    }
    free(out);
    return NULL;
}

/* Stores in *out the query to rank with: q->xq itself, or with
 * opts->feedback a new query (the caller frees it when it is not q->xq)
 * holding q->xq and the feedback words of its best passage.  Returns a
 * status (*out NULL on failure). */
static cari_status ranking_query(cari_db *db, const cari_query *q,
                                 const cari_search_options *opts, const xc_search_opts *xo,
                                 xc_query **out)
{
    *out = q->xq;
    if (!opts->feedback)
        return CARI_OK;
    xc_err *err = NULL;
    double w = opts->feedback_weight > 0 ? opts->feedback_weight : CARI_DEFAULT_FEEDBACK_WEIGHT;
    *out = xc_rdb_expand(db->r, q->xq, xo, opts->feedback, CARI_PREFIX_STEM, w, &err);
    return *out ? CARI_OK : cari_reader_fail(db, err);
}

/* The model a learned search ranks with, or NULL (message in db). */
static const cari_model *ranking_model(cari_db *db, const cari_search_options *opts)
{
    const cari_model *model = opts->model ? opts->model : cari_model_bundled();
    if (!model->ok)
        cari_fail(&db->error, CARI_INVALID, "%s", model->errmsg[0] ? model->errmsg
                                                          : "ranking model not loaded");
    return model->ok ? model : NULL;
}

/* The fields (enum cari_facet_field) of opts->facets into fields[] (at
 * most 8) and the facets of res named.  Returns a status (CARI_INVALID for
 * an unknown name). */
static cari_status facet_fields(cari_db *db, const char *list, unsigned *fields,
                                cari_results *res)
{
    size_t n = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ", ");
        const char *name;
        int field = len ? cari_meta_facet_field(p, len, &name) : 0;
        if (len && field < 0)
            return cari_fail(&db->error, CARI_INVALID,
                             "unknown facet \"%.*s\" (source, category, year or author)",
                             (int)len, p);
        if (len && n < 8) {
            cari_facet *f = cari_realloc(res->facets, (n + 1) * sizeof *f);
            if (!f)
                return cari_fail(&db->error, CARI_NOMEM, "out of memory");
            res->facets = f;
            memset(&f[n], 0, sizeof *f);
            f[n].name = name;
            fields[n++] = (unsigned)field;
            res->n_facets = n;
        }
        p += len;
        p += strspn(p, ", ");
    }
    return CARI_OK;
}

/* Keeps one counted value (an xc_facet_fn). */
static int keep_facet_value(void *ctx, const char *value, size_t len, size_t count)
{
    cari_facet *f = ctx;
    cari_facet_value *v = cari_realloc((cari_facet_value *)f->values, (f->n_values + 1) * sizeof *v);
    if (!v)
        return -1;
    f->values = v;
    if (!(v[f->n_values].value = cari_strndup(value, len)))
        return -1;
    v[f->n_values++].count = count;
    return 0;
}

static int most_first(const void *a, const void *b)
{
    const cari_facet_value *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* A new query: xq FILTERed by `filter`, as the handle keeps filters
 * (xc_rdb_filter()).  NULL on error (in *err). */
static xc_query *filtered(cari_db *db, xc_query *xq, const xc_query *filter, xc_err **err)
{
    xc_query *kept = xc_rdb_filter(db->r, filter, err);
    xc_query *pair[2] = {xq, kept};
    xc_query *both = kept ? xc_query_combine(XC_OP_FILTER, pair, 2, 0, err) : NULL;
    xc_query_free(kept);
    return both;
}

/* Runs xq with xo over the matches dated at or after `from` only (the
 * date terms of cari_meta_date_filter()) into *out.  Returns a status. */
static cari_status search_since(cari_db *db, xc_query *xq, const xc_search_opts *xo,
                                long long from, xc_mset **out)
{
    xc_err *err = NULL;
    xc_query *recent = NULL;
    *out = NULL;
    cari_status st = cari_meta_date_filter(db, 1, from, 0, 0, &recent);
    if (st)
        return st;
    xc_query *both = filtered(db, xq, recent, &err);
    xc_query_free(recent);
    *out = both ? xc_rdb_search(db->r, both, xo, &err) : NULL;
    xc_query_free(both);
    return *out ? CARI_OK : cari_reader_fail(db, err);
}

/* Sorted by date, Xapian reads the date of every match: it cannot stop
 * early as it does by relevance.  So the search first runs over the
 * matches of the index's newest month only, then of its newest 4, 16, 64
 * months (from the first of a month in WIB: a few month and year terms,
 * cari_meta_date_filter()): as soon as one window fills the page, no
 * older match can enter it, and *out is that page, with *estimate the
 * estimated number of matches of the whole query (Xapian's estimate,
 * which matches nothing).  The windows grow fourfold, so the ones that
 * fail cost at most a third of the one that fills the page.  When no
 * window short of the whole index fills it, *out is NULL and the caller
 * searches everything.  Returns a status. */
static cari_status newest_first(cari_db *db, xc_query *xq, const xc_search_opts *xo,
                                xc_mset **out, size_t *estimate)
{
    xc_err *err = NULL;
    double lo, hi;
    *out = NULL;
    if (!xo->count || !xc_rdb_value_bounds(db->r, CARI_SLOT_DATE, &lo, &hi, &err))
        return err ? cari_reader_fail(db, err) : CARI_OK;
    int y, mo;
    cari_date_month((long long)hi, CARI_DATE_TERM_ZONE, &y, &mo);
    xc_mset *m = NULL;
    for (int months = 1; !m; months *= 4) {
        int first = y * 12 + (mo - 1) - (months - 1);
        long long from = cari_date_epoch(first / 12, first % 12 + 1, 1, 0, 0, 0) -
                         CARI_DATE_TERM_ZONE * 60LL;
        if (from <= (long long)lo)
            return CARI_OK;
        cari_status st = search_since(db, xq, xo, from, &m);
        if (st)
            return st;
        if (xc_mset_size(m) < xo->count) {
            xc_mset_free(m);
            m = NULL;
        }
    }
    xc_search_opts count = *xo;
    count.offset = count.count = count.check_at_least = 0;
    count.sort_by_value = 0;
    xc_mset *c = xc_rdb_search(db->r, xq, &count, &err);
    if (!c) {
        xc_mset_free(m);
        return cari_reader_fail(db, err);
    }
    *estimate = xc_mset_matches_estimated(c);
    if (*estimate < xc_mset_matches_estimated(m))
        *estimate = xc_mset_matches_estimated(m);
    xc_mset_free(c);
    *out = m;
    return CARI_OK;
}

/* Runs one parsed query into res: the first pass with Xapian's BM25 and,
 * when the ranking is learned or features are asked for, the second stage
 * over the first pass's best passages (rerank.c). */
static cari_status run(cari_db *db, const cari_query *q, const cari_search_options *opts,
                       cari_results *res)
{
    xc_err *err = NULL;
    /* Sorted by date, a page is Xapian's, equal dates by BM25. */
    int by_date = opts->sort == CARI_SORT_DATE;
    /* Recency blends with BM25: the learned model knows no age. */
    int recent = opts->recent_half_life > 0;
    int learned = opts->rank == CARI_RANK_LEARNED && !by_date && !recent;
    const cari_model *model = learned ? ranking_model(db, opts) : NULL;
    if (learned && !model)
        return CARI_INVALID;
    /* The second stage ranks from the top: it needs the first pass from
     * its first passage, the page and (learned) the depth. */
    int staged = (learned || (opts->features && !by_date)) && opts->limit > 0;
    size_t want = (size_t)opts->offset + opts->limit;
    size_t depth = opts->rerank_depth ? opts->rerank_depth : CARI_DEFAULT_RERANK_DEPTH;
    if (learned && depth > want)
        want = depth;
    if (want > 1000000)
        want = 1000000;
    /* The index holds length-normalized frequencies in units of
     * 1/CARI_WDF_SCALE (index.c): BM25 at b = 0 over them, with k1 in the
     * same units, ranks as BM25 at the index's b and never reads a
     * passage's length.  Its weights come out (k1 S + 1) / (k1 + 1) times
     * BM25's; `unscale` gives BM25's back. */
    double unscale = (opts->k1 + 1) / (opts->k1 * CARI_WDF_SCALE + 1);
    xc_search_opts xo = {.k1 = opts->k1 * CARI_WDF_SCALE, .b = 0, .min_normlen = 0.5,
                         .offset = staged ? 0 : opts->offset,
                         .count = staged ? (unsigned)want : opts->limit,
                         .collapse_slot = opts->per_article ? CARI_SLOT_ARTICLE : -1,
                         .collapse_max = opts->per_article, .tie_slot = CARI_SLOT_ARTICLE};
    if (recent) {
        /* Ages in hours under a week's half-life, in days (WIB) past it:
         * the value map lists at most XC_RECENT_HALF_LIVES half-lives'
         * keys (4,032 hours; a day's step at 7 days is 10%). */
        int daily = opts->recent_half_life >= CARI_RECENT_DAILY;
        long long now = opts->now ? opts->now : (long long)time(NULL);
        xo.recent_half_life = opts->recent_half_life;
        xo.recent_now = (double)cari_meta_time_key(now, daily);
        xo.recent_unit = daily ? 86400 : 3600;
        xo.recent_share = CARI_RECENT_SHARE;
        xo.recent_slot = daily ? CARI_SLOT_DAY : CARI_SLOT_HOUR;
    }
    /* The second stage reads the rank data of its candidates and the
     * data of the passages it shows only. */
    xo.lazy_data = staged;
    same_passages(db, &xo);
    xo.sort_by_value = by_date;
    xo.sort_slot = CARI_SLOT_DATE;
    unsigned fields[8];
    if (opts->facets) {
        cari_status fst = facet_fields(db, opts->facets, fields, res);
        if (fst)
            return fst;
        xo.facet_fields = fields;
        xo.n_facets = res->n_facets;
        xo.facet_run_slot = CARI_SLOT_RUN;
        xo.facet_slot = CARI_SLOT_FACETS;
        xo.facet_sep = CARI_FACET_SEP;
        /* The best matches only, unless an exact total counts them all
         * anyway (or the page is sorted by date: the best by date). */
        if (!opts->exact_total && !by_date)
            xo.facet_depth = opts->facet_depth ? opts->facet_depth : CARI_DEFAULT_FACET_DEPTH;
    }
    if (opts->exact_total || (xo.n_facets && !xo.facet_depth)) {
        xo.check_at_least = xc_rdb_doccount(db->r, &err);
        if (err)
            return cari_reader_fail(db, err);
    }
    xc_query *xq;
    cari_status qst = ranking_query(db, q, opts, &xo, &xq);
    if (qst)
        return qst;
    xc_mset *m = NULL;
    size_t estimate = 0;
    cari_status st = CARI_OK;
    if (by_date && !opts->exact_total && !xo.n_facets)
        st = newest_first(db, xq, &xo, &m, &estimate);
    if (!st && !m && !(m = xc_rdb_search(db->r, xq, &xo, &err))) {
        /* Facets count each article once with a match spy of ours, which
         * a remote shard's stock server cannot run. */
        if (xo.n_facets && xc_err_kind_of(err) == XC_ERR_UNSUPPORTED) {
            xc_err_free(err);
            st = cari_fail(&db->error, CARI_INVALID,
                           "--facets works on local indexes only, not on tcp:// shards");
        } else
            st = cari_reader_fail(db, err);
    }
    if (st) {
        if (xq != q->xq)
            xc_query_free(xq);
        return st;
    }
    if (res->n_facets)
        res->facet_counted = xc_mset_facet_counted(m, &res->facet_all);
    for (size_t k = 0; k < res->n_facets && !st; k++) {
        if (xc_mset_facet_each(m, k, keep_facet_value, &res->facets[k]))
            st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
        else if (res->facets[k].n_values)
            qsort((cari_facet_value *)res->facets[k].values, res->facets[k].n_values,
                  sizeof *res->facets[k].values, most_first);
    }
    size_t n = xc_mset_size(m), first = 0;
    cari_candidate *cand = NULL;
    if (staged) {
        size_t to = want < n ? want : n;
        size_t from = opts->offset < to ? opts->offset : to;
        st = cari_rerank(db, q, opts, model, m, unscale, n, learned, from, to, &cand);
        first = from;
        n = to - from < opts->limit ? to - from : opts->limit;
    }
    double *termfreq = NULL;
    if (!st && n && (!(res->hits = cari_calloc(n, sizeof *res->hits)) ||
                     !(res->metas = cari_calloc(n, sizeof *res->metas))))
        st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
    if (!st && opts->explain && !learned) {
        termfreq = cari_malloc((q->n_leaves + 1) * sizeof *termfreq);
        if (!termfreq)
            st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
        for (size_t l = 0; termfreq && l < q->n_leaves; l++)
            termfreq[l] = -1;
    }
    res->total = opts->exact_total ? xc_mset_matches_lower(m)
                 : estimate           ? estimate
                                      : xc_mset_matches_estimated(m);
    cari_rank_words rw = {0};
    for (size_t i = 0; i < n && !st; i++) {
        cari_hit *hit = &res->hits[i];
        size_t at = staged ? cand[first + i].index : i;
        res->n = i + 1;
        hit->rank = opts->offset + (unsigned)i + 1;
        if (fill_hit(m, at, unscale, hit, &res->metas[i], &err)) {
            st = err ? cari_reader_fail(db, err)
                     : cari_fail(&db->error, CARI_NOMEM, "out of memory");
            break;
        }
        hit->bm25 = hit->score;
        if (staged)
            hit->score = cand[first + i].score;
        if (opts->no_snippets) {
            if (!(hit->snippet = cari_strdup(""))) {
                st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
                break;
            }
        } else if (cari_mark_hit(db, q,
                                 hit_rank_words(m, at, staged ? &cand[first + i] : NULL, &rw),
                                 opts->snippet_words, hit)) {
            st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
            break;
        }
        if (opts->explain && !learned)
            st = explain_hit(db, q, xq, &xo, m, at, unscale, termfreq, hit);
        if (!st && staged)
            st = cari_explain_features(db, model, &cand[first + i], opts->explain && learned,
                                       opts->features, hit);
        if (!st && opts->context)
            st = context_hit(db, opts->context, hit);
    }
    free(rw.v);
    free(cand);
    free(termfreq);
    xc_mset_free(m);
    if (xq != q->xq)
        xc_query_free(xq);
    return st;
}

cari_status cari_search(cari_db *db, const char *query,
                        const cari_search_options *opts, cari_results **out)
{
    *out = NULL;
    cari_clear_error(&db->error);
    if (!db->r)
        return cari_fail(&db->error, CARI_INVALID, "%s: index not open for reading", db->path);
    if (!query)
        return cari_fail(&db->error, CARI_INVALID, "no query given");
    cari_status refreshed = cari_refresh(db);
    if (refreshed)
        return refreshed;
    cari_search_options defaults = CARI_SEARCH_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->version < 1 || opts->version > CARI_SEARCH_OPTIONS_VERSION)
        return cari_fail(&db->error, CARI_INVALID,
                         "search options of version %u; this cari knows versions 1 to %u "
                         "(initialise them with cari_search_options_init())",
                         opts->version, CARI_SEARCH_OPTIONS_VERSION);
    cari_search_options known;
    if (opts->version < 4) {
        /* A caller of version 1 knows the fields before `rank`, one of
         * version 2 those before `has_since`, of 3 those before
         * `facet_depth`: the others take their defaults. */
        known = defaults;
        memcpy(&known, opts,
               opts->version < 2   ? offsetof(cari_search_options, rank)
               : opts->version < 3 ? offsetof(cari_search_options, has_since)
                                   : offsetof(cari_search_options, facet_depth));
        opts = &known;
    }
    if (opts->k1 < 0)
        return cari_fail(&db->error, CARI_INVALID, "BM25 needs k1 >= 0");
    if (!(opts->recent_half_life >= 0))
        return cari_fail(&db->error, CARI_INVALID, "recency half-life must be 0 or more");
    if (opts->feedback_weight < 0)
        return cari_fail(&db->error, CARI_INVALID, "feedback weight must be 0 or more");
    if (opts->rank != CARI_RANK_LEARNED && opts->rank != CARI_RANK_BM25)
        return cari_fail(&db->error, CARI_INVALID, "unknown ranking %d", opts->rank);

    cari_query q;
    cari_status st = cari_query_parse(db, query, opts, &q);
    cari_results *res = NULL;
    if (!st && !(res = cari_calloc(1, sizeof *res)))
        st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
    if (!st && opts->spelling) {
        int nomem = 0;
        res->suggestion = suggest(db, query, &q, &nomem);
        if (nomem)
            st = cari_fail(&db->error, CARI_NOMEM, "out of memory");
    }
    if (!st && opts->fix && res->suggestion) {
        cari_query fixed;
        if (cari_query_parse(db, res->suggestion, opts, &fixed) == CARI_OK) {
            cari_query_clear(&q);
            q = fixed;
            res->fixed = 1;
        } else {
            cari_query_clear(&fixed);
            cari_clear_error(&db->error);
        }
    }
    /* The metadata filters of the options restrict the query as its own
     * filters do. */
    xc_query *filter = NULL;
    if (!st)
        st = cari_meta_filter_query(db, opts, &filter);
    if (!st && filter) {
        xc_err *err = NULL;
        xc_query *both = filtered(db, q.xq, filter, &err);
        if (both) {
            xc_query_free(q.xq);
            q.xq = both;
        } else {
            st = cari_fail_xc(&db->error, err, "filter");
        }
    }
    xc_query_free(filter);
    if (!st)
        st = run(db, &q, opts, res);
    if (st && st != CARI_NOMEM && cari_reader_swapped(db)) {
        /* A rebuild or compaction was swapped in during the query, which
         * may have opened one of the new index's tables: once more, on
         * fresh results, on the new index. */
        cari_results *again = cari_calloc(1, sizeof *again);
        cari_clear_error(&db->error);
        st = again ? cari_refresh(db) : cari_fail(&db->error, CARI_NOMEM, "out of memory");
        if (again) {
            again->suggestion = res->suggestion;
            again->fixed = res->fixed;
            res->suggestion = NULL;
            cari_results_free(res);
            res = again;
        }
        if (!st)
            st = run(db, &q, opts, res);
    }
    cari_query_clear(&q);
    if (st) {
        cari_results_free(res);
        return st;
    }
    *out = res;
    return CARI_OK;
}
