/* Retrieval metrics: see metrics.h. */
#include "metrics.h"

#include <math.h>
#include <string.h>

double eval_rr(const int *gains, size_t n, size_t k)
{
    for (size_t i = 0; i < n && i < k; i++)
        if (gains[i] > 0)
            return 1.0 / (double)(i + 1);
    return 0.0;
}

double eval_dcg(const int *gains, size_t n, size_t k)
{
    double dcg = 0.0;
    for (size_t i = 0; i < n && i < k; i++)
        if (gains[i] > 0)
            dcg += gains[i] / log2((double)i + 2.0);
    return dcg;
}

double eval_ndcg(const int *gains, size_t n, const int *ideal, size_t n_ideal,
                 size_t k)
{
    double best = eval_dcg(ideal, n_ideal, k);
    return best > 0.0 ? eval_dcg(gains, n, k) / best : 0.0;
}

double eval_recall(const int *gains, size_t n, size_t n_relevant, size_t k)
{
    if (!n_relevant)
        return 0.0;
    size_t found = 0;
    for (size_t i = 0; i < n && i < k; i++)
        found += gains[i] > 0;
    return (double)found / (double)n_relevant;
}

void eval_paired_diff(const double *a, const double *b, const unsigned char *use, size_t n,
                      double *out_mean, double *out_half)
{
    size_t m = 0;
    double sum = 0.0, sq = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (use && !use[i])
            continue;
        sum += a[i] - b[i];
        m++;
    }
    *out_mean = *out_half = 0.0;
    if (m < 2)
        return;
    double mean = sum / (double)m;
    for (size_t i = 0; i < n; i++) {
        if (use && !use[i])
            continue;
        double d = a[i] - b[i] - mean;
        sq += d * d;
    }
    *out_mean = mean;
    *out_half = 1.96 * sqrt(sq / (double)(m - 1) / (double)m);
}

int eval_answer_in(const char *const *texts, size_t n,
                   const char *const *answers, size_t n_answers, size_t k)
{
    for (size_t i = 0; i < n && i < k; i++)
        for (size_t a = 0; a < n_answers; a++)
            if (*answers[a] && strstr(texts[i], answers[a]))
                return 1;
    return 0;
}
