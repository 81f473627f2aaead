/*
 * Fitting regression trees to judged candidates (boost.c): gradient-boosted
 * trees with XGBoost's pairwise ranking objective (LambdaMART's pairs),
 * written in cari's tree model format (cari.h, "cari-rank-model 2").
 */
#ifndef EVAL_BOOST_H
#define EVAL_BOOST_H

#include "train.h"

typedef struct {
    unsigned trees;       /* boosting rounds (default 200) */
    unsigned depth;       /* a tree's depth (default 4) */
    double eta;           /* learning rate (default 0.1) */
    double subsample;     /* rows per tree (default 0.8) */
    double colsample;     /* features per tree (default 0.8) */
    unsigned threads;     /* XGBoost's threads */
} boost_params;

/* The defaults above. */
void boost_params_init(boost_params *p);

/* Fits trees to the candidates of the queries q[i] with use[i] non-zero
 * (every query when use is NULL) that have a judged candidate, over
 * n_features features named by cari_feature_name().  On success stores
 * the model's body (the lines after "feature-set N": "base 0", then each
 * tree) in *out, malloc'd (caller frees), and returns 0; on failure
 * returns -1 with a malloc'd message in *err (caller frees). */
int boost_fit(const train_query *q, size_t n_queries, const unsigned char *use,
              size_t n_features, const boost_params *p, char **out, char **err);

/* Converts one tree of XGBoost's text dump (with statistics: "ID:[fK<T]
 * yes=A,no=B,missing=M,gain=G,cover=C" and "ID:leaf=V,cover=C") into
 * cari's lines ("tree N", then "ID NAME T YES NO MEAN" or "ID leaf V"),
 * appended to the string *buf of *len bytes (realloc'd).  MEAN is the
 * cover-weighted mean of the leaves below.  Returns 0, or -1 with a
 * message in *err (malloc'd). */
int boost_convert_tree(const char *dump, size_t n_features, char **buf, size_t *len,
                       char **err);

#endif
