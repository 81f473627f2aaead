/*
 * Retrieval metrics over one query's ranked list.
 *
 * A ranked list is given as the gains of its passages, best first:
 * gains[i] is the judged relevance of the passage at rank i + 1 (0 when it
 * is not judged relevant).  Every function looks at the first k ranks only
 * (all of them when the list is shorter) and returns a value in [0, 1].
 * The formulas are trec_eval's: reciprocal rank of the first relevant
 * passage; DCG with linear gains and log2(rank + 1) discounts, divided by
 * the DCG of the ideal ordering of every judged passage; the share of the
 * judged passages retrieved.
 */
#ifndef EVAL_METRICS_H
#define EVAL_METRICS_H

#include <stddef.h>

/* 1 / the rank of the first passage with a positive gain within the first
 * k ranks, or 0 when there is none. */
double eval_rr(const int *gains, size_t n, size_t k);

/* The discounted cumulative gain of the first k ranks:
 * sum of gains[i] / log2(i + 2). */
double eval_dcg(const int *gains, size_t n, size_t k);

/* DCG@k divided by the DCG@k of `ideal`, the gains of all judged passages
 * of the query in decreasing order.  0 when the ideal DCG is 0. */
double eval_ndcg(const int *gains, size_t n, const int *ideal, size_t n_ideal,
                 size_t k);

/* The number of passages with a positive gain within the first k ranks,
 * divided by n_relevant (the judged relevant passages of the query, found
 * or not).  0 when n_relevant is 0. */
double eval_recall(const int *gains, size_t n, size_t n_relevant, size_t k);

/* Whether one of the `answers` occurs in one of the first k `texts`.
 * Both are already folded with eval_fold(), so that this is a
 * case-insensitive substring test.  Returns 1 or 0. */
int eval_answer_in(const char *const *texts, size_t n,
                   const char *const *answers, size_t n_answers, size_t k);

/* The mean of the paired differences a[i] - b[i] over the i with use[i]
 * non-zero (every i when use is NULL), stored in *out_mean, and the half
 * width of its 95% confidence interval (1.96 standard errors; with
 * thousands of queries the t and normal quantiles agree), stored in
 * *out_half; 0 for both when fewer than two pairs count.  This says
 * whether a configuration's gain in MRR over another is more than the
 * noise of the query sample. */
void eval_paired_diff(const double *a, const double *b, const unsigned char *use, size_t n,
                      double *out_mean, double *out_half);

#endif
