/*
 * The second stage of a search (rerank.h): the first pass (BM25 over
 * stems, Xapian) hands over its best passages; each one's features are
 * computed from its rank data (rankdata.c, rank_features.c), the model scores them
 * (model.c), and they are ordered by that score.
 */
#include "rerank.h"
#include "alloc.h"

#include "rankdata.h"

#include <stdlib.h>
#include <string.h>

static int by_score(const void *a, const void *b)
{
    const cari_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The features of candidate c from the rank data of its document in m
 * (rankdata.h). */
static cari_status candidate_features(cari_db *db, cari_fquery *fq, xc_mset *m,
                                      double best, cari_candidate *c)
{
    xc_err *err = NULL;
    size_t len;
    const char *rank = xc_mset_value(m, c->index, CARI_SLOT_RANK, &len, &err);
    if (!rank)
        return cari_reader_fail(db, err);
    cari_status st = cari_features(fq, rank, len, c->bm25, best, c->x);
    if (st == CARI_CORRUPT)
        return cari_fail(&db->error, st, "%s: a passage's rank data is malformed", db->path);
    if (st)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    c->has_features = 1;
    c->rank = rank;
    c->rank_len = len;
    return CARI_OK;
}

/* The model's score of each of the n candidates c (their features
 * computed) into c[i].score.  Returns CARI_OK or CARI_NOMEM. */
static cari_status score_all(cari_db *db, const cari_model *model, cari_candidate *c, size_t n)
{
    double *s = cari_malloc((n ? n : 1) * sizeof *s);
    if (!s || (n && cari_model_score_all(model, c[0].x, sizeof *c, n, s))) {
        free(s);
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        c[i].score = s[i];
    free(s);
    return CARI_OK;
}

cari_status cari_rerank(cari_db *db, const cari_query *q, const cari_search_options *opts,
                        const cari_model *model, xc_mset *m, double unscale, size_t n,
                        int learned, size_t from, size_t to, cari_candidate **out)
{
    *out = NULL;
    cari_candidate *c = cari_calloc(n ? n : 1, sizeof *c);
    if (!c)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        c[i].index = i;
        c[i].score = c[i].bm25 = xc_mset_weight(m, i) * unscale;
    }
    if (learned) {
        from = 0;
        to = n;
    }
    cari_status st = CARI_OK;
    if (from < to && to <= n) {
        cari_fquery fq;
        st = cari_fquery_init(db, q, opts->k1, &fq);
        double best = n ? c[0].bm25 : 0;
        for (size_t i = from; i < to && !st; i++)
            st = candidate_features(db, &fq, m, best, &c[i]);
        cari_fquery_clear(&fq);
        if (!st && learned)
            st = score_all(db, model, c, n);
    }
    if (st) {
        free(c);
        return st;
    }
    if (learned)
        qsort(c, n, sizeof *c, by_score);
    *out = c;
    return CARI_OK;
}

cari_status cari_explain_features(cari_db *db, const cari_model *model, const cari_candidate *c,
                                  int explain, int features, cari_hit *hit)
{
    if (!c->has_features)
        return CARI_OK;
    if (features) {
        double *x = cari_malloc(sizeof c->x);
        if (!x)
            return cari_fail(&db->error, CARI_NOMEM, "out of memory");
        memcpy(x, c->x, sizeof c->x);
        hit->features = x;
        hit->n_features = CARI_F_COUNT;
    }
    if (!explain)
        return CARI_OK;
    double parts[CARI_F_COUNT], base;
    cari_model_parts(model, c->x, parts, &base);
    size_t n = CARI_F_COUNT + (cari_model_has_base(model) ? 1 : 0);
    cari_explain *ex = cari_calloc(n, sizeof *ex);
    if (!ex)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    hit->explain = ex;
    for (size_t i = 0; i < n; i++) {
        const char *name = i < CARI_F_COUNT ? cari_feature_name(i) : "(base)";
        if (!(ex[i].term = cari_strdup(name)))
            return cari_fail(&db->error, CARI_NOMEM, "out of memory");
        hit->n_explain = i + 1;
        ex[i].feature = 1;
        ex[i].value = i < CARI_F_COUNT ? c->x[i] : 0;
        ex[i].contribution = i < CARI_F_COUNT ? parts[i] : base;
    }
    return CARI_OK;
}
