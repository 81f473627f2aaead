/* A learned ranking model (model.c; the format is in cari.h). */
#ifndef CARI_MODEL_H
#define CARI_MODEL_H

#include "rank_features.h"

struct cari_model {
    double weight[CARI_F_COUNT];
    double mean[CARI_F_COUNT];
    double scale[CARI_F_COUNT];   /* > 0 */
    int ok;                       /* parsed without error */
    char errmsg[512];
};

/* The model's score of the feature values x[CARI_F_COUNT]; with `parts`
 * not NULL, each feature's contribution into parts[CARI_F_COUNT] (they
 * add up to the score). */
double cari_model_score(const cari_model *m, const double *x, double *parts);

/* The bundled model, parsed once (thread-safe); NULL when out of memory
 * or when the bundled file is broken (a build error the tests catch). */
const cari_model *cari_model_bundled(void);

#endif
