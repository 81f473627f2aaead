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

int eval_answer_in(const char *const *texts, size_t n,
                   const char *const *answers, size_t n_answers, size_t k)
{
    for (size_t i = 0; i < n && i < k; i++)
        for (size_t a = 0; a < n_answers; a++)
            if (*answers[a] && strstr(texts[i], answers[a]))
                return 1;
    return 0;
}
