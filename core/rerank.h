/* The second stage of a search: features and the learned model (rerank.c). */
#ifndef CARI_RERANK_H
#define CARI_RERANK_H

#include "rank_features.h"
#include "model.h"

/* One candidate of the first pass, as the second stage ranks it. */
typedef struct {
    size_t index;                 /* its place in the first pass's mset */
    double bm25;                  /* its first-pass (BM25) score */
    double score;                 /* the model's score (learned), or bm25 */
    int has_features;
    double x[CARI_F_COUNT];       /* feature values, when has_features */
    const char *rank;             /* its rank data, owned by the mset, */
    size_t rank_len;              /* when has_features */
} cari_candidate;

/* Ranks the first n documents of the first pass's mset m (BM25 scores
 * are its weights times `unscale`).  With `learned`, computes every
 * candidate's features, scores them with `model` and orders them by that
 * score (ties in first-pass order); otherwise keeps the first pass's
 * order and computes the features of candidates [from, to) only (none
 * when from == to).  Stores a malloc'd array of n candidates in *out
 * (caller frees).  Returns a status, the message in db. */
cari_status cari_rerank(cari_db *db, const cari_query *q, const cari_search_options *opts,
                        const cari_model *model, xc_mset *m, double unscale, size_t n,
                        int learned, size_t from, size_t to, cari_candidate **out);

/* Fills hit->explain with the parts of a learned score (one per feature)
 * and, when `features`, hit->features with c's values.  Returns CARI_OK
 * or CARI_NOMEM (message in db). */
cari_status cari_explain_features(cari_db *db, const cari_model *model, const cari_candidate *c,
                                  int explain, int features, cari_hit *hit);

#endif
