/* A learned ranking model (model.c; the format is in cari.h). */
#ifndef CARI_MODEL_H
#define CARI_MODEL_H

#include "rank_features.h"
#include "trees.h"

enum { CARI_MODEL_LINEAR = 1, CARI_MODEL_TREES = 2 };   /* the format's number */

struct cari_model {
    int kind;                     /* CARI_MODEL_* */
    /* CARI_MODEL_LINEAR: */
    double weight[CARI_F_COUNT];
    double mean[CARI_F_COUNT];
    double scale[CARI_F_COUNT];   /* > 0 */
    cari_trees trees;             /* CARI_MODEL_TREES */
    int ok;                       /* parsed without error */
    char errmsg[512];
};

/* The model's score of the feature values x[CARI_F_COUNT]; with `parts`
 * not NULL, each feature's contribution into parts[CARI_F_COUNT]; with
 * `base` not NULL, the part no feature has (0 for a linear model): the
 * parts and the base add up to the score. */
double cari_model_parts(const cari_model *m, const double *x, double *parts, double *base);

/* The scores of n candidates into out[0..n): the first one's feature
 * values at x, each next one's `stride` bytes further (the same scores
 * as cari_model_parts()).  Returns 0, or -1 when out of memory. */
int cari_model_score_all(const cari_model *m, const double *x, size_t stride, size_t n,
                         double *out);

/* Whether the model's scores have a base part (--explain shows it). */
int cari_model_has_base(const cari_model *m);

/* The bundled model, compiled into the library (model_bundled.c): never
 * NULL (a broken data/rank-model.txt fails the build). */
const cari_model *cari_model_bundled(void);

#endif
