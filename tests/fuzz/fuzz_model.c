/* Fuzzes the ranking model reader (model.c, trees.c): any bytes as a model
 * file.  A model it refuses has a message; a model it accepts scores
 * feature values to a finite number whose explain parts add up to it, and
 * scoring many candidates at once gives each one's score. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cari_model *m = NULL;
    cari_status st = cari_model_parse(&m, "fuzz", (const char *)data, size);
    if (!m)
        return 0;
    if (st) {
        if (!cari_model_errmsg(m)[0])
            abort();
        cari_model_free(m);
        return 0;
    }
    /* Three candidates: zeros, the bytes' values, large values. */
    double x[3][CARI_F_COUNT], many[3];
    for (size_t f = 0; f < CARI_F_COUNT; f++) {
        x[0][f] = 0;
        x[1][f] = size ? data[f % size] / 16.0 : 0;
        x[2][f] = 1e6 * (double)(f + 1);
    }
    if (cari_model_score_all(m, x[0], sizeof x[0], 3, many))
        abort();
    for (int c = 0; c < 3; c++) {
        double parts[CARI_F_COUNT], base;
        double s = cari_model_parts(m, x[c], parts, &base);
        if (s != many[c] && !(isnan(s) && isnan(many[c])))
            abort();
        double sum = base;
        for (size_t f = 0; f < CARI_F_COUNT; f++)
            sum += parts[f];
        if (isfinite(s) && fabs(sum - s) > 1e-6 * (1 + fabs(s)))
            abort();
    }
    cari_model_free(m);
    return 0;
}
