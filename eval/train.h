/*
 * Fitting a linear ranking model to judged candidates (train.c).
 *
 * Each query brings the candidates the first pass found for it, with their
 * feature values and judged gains.  The model is a weight per feature over
 * standardised values; it is fitted by minimising the listwise softmax
 * cross-entropy (ListNet with the top-one probability): for each query
 * with a relevant candidate, -sum over candidates of target * log(softmax
 * of the scores), where the target spreads 1 over the relevant candidates
 * in proportion to their gains, plus an L2 penalty.  The loss is convex;
 * Newton's method with a backtracking line search finds its minimum in a
 * few dozen steps.
 */
#ifndef EVAL_TRAIN_H
#define EVAL_TRAIN_H

#include <stddef.h>

/* The candidates of one query. */
typedef struct {
    size_t n;            /* candidates, in first-pass order */
    const double *x;     /* n rows of n_features values */
    const int *gain;     /* n judged gains (0: not relevant) */
    size_t n_rel;        /* judged relevant documents of the query (found
                            or not); 0: the query is not judged */
} train_query;

/* A fitted model: score = sum of weight[f] * (x[f] - mean[f]) / scale[f]. */
typedef struct {
    size_t n_features;
    double *weight, *mean, *scale;   /* n_features each */
} train_model;

/* Fits a model over the queries q[i] with use[i] non-zero (every query
 * when use is NULL), with L2 penalty `l2` on the weights.  Features whose
 * scale is 0 over those candidates get scale 1 and weight 0.  Returns 0,
 * or -1 when out of memory; free the model with train_model_free(). */
int train_fit(const train_query *q, size_t n_queries, const unsigned char *use,
              size_t n_features, double l2, train_model *out);

/* Refines m's weights by coordinate ascent on MRR@cutoff over the used
 * queries (RankLib's coordinate ascent): each weight in turn moves by
 * the step that raises the training MRR most, for `passes` rounds.
 * Returns the final training MRR, or -1 when out of memory. */
double train_refine(const train_query *q, size_t n_queries, const unsigned char *use,
                    size_t cutoff, int passes, train_model *m);

void train_model_free(train_model *m);

/* The model's score of the feature row x. */
double train_score(const train_model *m, const double *x);

/* Reciprocal rank at `cutoff` of q's candidates ordered by m (ties keep
 * the first pass's order); m NULL keeps the first pass's order. */
double train_rr(const train_model *m, const train_query *q, size_t cutoff);

/* Reciprocal rank at `cutoff` of q's candidates ordered by their scores
 * s[0..q->n) (ties keep the first pass's order). */
double train_rr_scores(const train_query *q, const double *s, size_t cutoff);

/* The share of q's judged documents among its candidates (recall). */
double train_recall(const train_query *q);

#endif
