/* Fitting a linear ranking model: see train.h. */
#include "train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 60
#define MAX_F 64

void train_model_free(train_model *m)
{
    free(m->weight);
    free(m->mean);
    free(m->scale);
    memset(m, 0, sizeof *m);
}

double train_score(const train_model *m, const double *x)
{
    double s = 0;
    for (size_t f = 0; f < m->n_features; f++)
        s += m->weight[f] * (x[f] - m->mean[f]) / m->scale[f];
    return s;
}

static int judged_hit(const train_query *q)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->gain[i] > 0)
            return 1;
    return 0;
}

/* The loss of weights w (standardised space) over the used queries, and
 * with g and h not NULL its gradient and Hessian (F x F, row-major). */
static double loss(const train_query *q, size_t nq, const unsigned char *use,
                   const train_model *m, const double *w, double l2, double *g, double *h)
{
    size_t F = m->n_features;
    double total = 0, z[MAX_F], mu[MAX_F];
    size_t used = 0;
    if (g) {
        memset(g, 0, F * sizeof *g);
        memset(h, 0, F * F * sizeof *h);
    }
    double *s = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < nq; i++) {
        if ((use && !use[i]) || !judged_hit(&q[i]))
            continue;
        const train_query *Q = &q[i];
        if (Q->n > cap) {
            double *t = realloc(s, Q->n * sizeof *s);
            if (!t)
                break;
            s = t;
            cap = Q->n;
        }
        double max = -INFINITY, gains = 0;
        for (size_t j = 0; j < Q->n; j++) {
            double v = 0;
            for (size_t f = 0; f < F; f++)
                v += w[f] * (Q->x[j * F + f] - m->mean[f]) / m->scale[f];
            s[j] = v;
            if (v > max)
                max = v;
            gains += Q->gain[j] > 0 ? Q->gain[j] : 0;
        }
        double sum = 0;
        for (size_t j = 0; j < Q->n; j++)
            sum += exp(s[j] - max);
        double lse = max + log(sum);
        for (size_t j = 0; j < Q->n; j++)
            if (Q->gain[j] > 0)
                total -= Q->gain[j] / gains * (s[j] - lse);
        used++;
        if (!g)
            continue;
        memset(mu, 0, F * sizeof *mu);
        for (size_t j = 0; j < Q->n; j++) {
            double p = exp(s[j] - lse);
            double t = Q->gain[j] > 0 ? Q->gain[j] / gains : 0;
            for (size_t f = 0; f < F; f++)
                z[f] = (Q->x[j * F + f] - m->mean[f]) / m->scale[f];
            for (size_t f = 0; f < F; f++) {
                g[f] += (p - t) * z[f];
                mu[f] += p * z[f];
                if (p > 1e-12)
                    for (size_t e = 0; e <= f; e++)
                        h[f * F + e] += p * z[f] * z[e];
            }
        }
        for (size_t f = 0; f < F; f++)
            for (size_t e = 0; e <= f; e++)
                h[f * F + e] -= mu[f] * mu[e];
    }
    free(s);
    double n = used ? (double)used : 1;
    double reg = 0;
    for (size_t f = 0; f < F; f++)
        reg += w[f] * w[f];
    if (g) {
        for (size_t f = 0; f < F; f++) {
            g[f] = g[f] / n + l2 * w[f];
            for (size_t e = 0; e <= f; e++) {
                h[f * F + e] = h[f * F + e] / n + (e == f ? l2 : 0);
                h[e * F + f] = h[f * F + e];
            }
        }
    }
    return total / n + 0.5 * l2 * reg;
}

/* Solves a x = b for the symmetric positive definite F x F matrix a
 * (destroyed) by Cholesky.  Returns 0, or -1 when a is not positive
 * definite. */
static int solve(double *a, double *b, size_t F)
{
    for (size_t i = 0; i < F; i++) {
        for (size_t k = 0; k < i; k++)
            a[i * F + i] -= a[i * F + k] * a[i * F + k];
        if (a[i * F + i] <= 0)
            return -1;
        a[i * F + i] = sqrt(a[i * F + i]);
        for (size_t j = i + 1; j < F; j++) {
            for (size_t k = 0; k < i; k++)
                a[j * F + i] -= a[j * F + k] * a[i * F + k];
            a[j * F + i] /= a[i * F + i];
        }
    }
    for (size_t i = 0; i < F; i++) {     /* L y = b */
        for (size_t k = 0; k < i; k++)
            b[i] -= a[i * F + k] * b[k];
        b[i] /= a[i * F + i];
    }
    for (size_t i = F; i-- > 0;) {       /* L^T x = y */
        for (size_t k = i + 1; k < F; k++)
            b[i] -= a[k * F + i] * b[k];
        b[i] /= a[i * F + i];
    }
    return 0;
}

int train_fit(const train_query *q, size_t nq, const unsigned char *use, size_t F, double l2,
              train_model *out)
{
    memset(out, 0, sizeof *out);
    if (F > MAX_F)
        return -1;
    out->n_features = F;
    out->weight = calloc(F, sizeof(double));
    out->mean = calloc(F, sizeof(double));
    out->scale = calloc(F, sizeof(double));
    double *w = calloc(F, sizeof *w), *g = malloc(F * sizeof *g), *h = malloc(F * F * sizeof *h),
           *d = malloc(F * sizeof *d), *trial = malloc(F * sizeof *trial),
           *sq = calloc(F, sizeof *sq);
    if (!out->weight || !out->mean || !out->scale || !w || !g || !h || !d || !trial || !sq) {
        free(w), free(g), free(h), free(d), free(trial), free(sq);
        train_model_free(out);
        return -1;
    }
    /* Standardise over the candidates of the used queries. */
    double count = 0;
    for (size_t i = 0; i < nq; i++) {
        if (use && !use[i])
            continue;
        for (size_t j = 0; j < q[i].n; j++) {
            for (size_t f = 0; f < F; f++) {
                out->mean[f] += q[i].x[j * F + f];
                sq[f] += q[i].x[j * F + f] * q[i].x[j * F + f];
            }
            count++;
        }
    }
    for (size_t f = 0; f < F; f++) {
        double mean = count ? out->mean[f] / count : 0;
        double var = count ? sq[f] / count - mean * mean : 0;
        out->mean[f] = mean;
        out->scale[f] = var > 1e-12 ? sqrt(var) : 1;
    }
    double cur = loss(q, nq, use, out, w, l2, NULL, NULL);
    for (int step = 0; step < MAX_STEPS; step++) {
        loss(q, nq, use, out, w, l2, g, h);
        for (size_t f = 0; f < F; f++)
            d[f] = -g[f];
        if (solve(h, d, F))
            break;
        double t = 1, next = cur, biggest = 0;
        for (int half = 0; half < 40; half++, t /= 2) {
            for (size_t f = 0; f < F; f++)
                trial[f] = w[f] + t * d[f];
            next = loss(q, nq, use, out, trial, l2, NULL, NULL);
            if (next <= cur)
                break;
        }
        if (next > cur)
            break;
        for (size_t f = 0; f < F; f++) {
            if (fabs(t * d[f]) > biggest)
                biggest = fabs(t * d[f]);
            w[f] = trial[f];
        }
        int done = cur - next < 1e-10 || biggest < 1e-7;
        cur = next;
        if (done)
            break;
    }
    memcpy(out->weight, w, F * sizeof *w);
    free(w), free(g), free(h), free(d), free(trial), free(sq);
    return 0;
}

double train_rr(const train_model *m, const train_query *q, size_t cutoff)
{
    /* The rank of the first relevant candidate: those scoring above it,
     * and those tied with it that come first, go before it. */
    size_t F = m ? m->n_features : 0;
    double best_rr = 0;
    for (size_t j = 0; j < q->n; j++) {
        if (q->gain[j] <= 0)
            continue;
        double sj = m ? train_score(m, q->x + j * F) : 0;
        size_t rank = 1;
        for (size_t k = 0; k < q->n; k++) {
            if (k == j)
                continue;
            double sk = m ? train_score(m, q->x + k * F) : 0;
            if (sk > sj || (sk == sj && k < j))
                rank++;
        }
        if (rank <= cutoff && 1.0 / (double)rank > best_rr)
            best_rr = 1.0 / (double)rank;
    }
    return best_rr;
}

double train_recall(const train_query *q)
{
    if (!q->n_rel)
        return 0;
    size_t found = 0;
    for (size_t j = 0; j < q->n; j++)
        found += q->gain[j] > 0;
    return (double)found / (double)q->n_rel;
}

double train_rr_scores(const train_query *q, const double *s, size_t cutoff)
{
    double best = 0;
    for (size_t j = 0; j < q->n; j++) {
        if (q->gain[j] <= 0)
            continue;
        size_t rank = 1;
        for (size_t k = 0; k < q->n && rank <= cutoff; k++)
            rank += k != j && (s[k] > s[j] || (s[k] == s[j] && k < j));
        if (rank <= cutoff && 1.0 / (double)rank > best)
            best = 1.0 / (double)rank;
    }
    return best;
}

/* The MRR of the used queries with scores s (one block per query) moved
 * by delta times feature f's standardised value (0: as they are). */
static double mrr_moved(const train_query *q, size_t nq, const unsigned char *use,
                        const train_model *m, const double *s, size_t f, double delta,
                        size_t cutoff, double *tmp)
{
    size_t F = m->n_features, used = 0, at = 0;
    double sum = 0;
    for (size_t i = 0; i < nq; i++) {
        const double *si = s + at;
        at += q[i].n;
        if ((use && !use[i]) || !judged_hit(&q[i]))
            continue;   /* RR 0 whatever the weights */
        for (size_t j = 0; j < q[i].n; j++)
            tmp[j] = si[j] + delta * (q[i].x[j * F + f] - m->mean[f]) / m->scale[f];
        sum += train_rr_scores(&q[i], tmp, cutoff);
        used++;
    }
    return used ? sum / (double)used : 0;
}

double train_refine(const train_query *q, size_t nq, const unsigned char *use, size_t cutoff,
                    int passes, train_model *m)
{
    static const double steps[] = {-2, -1, -0.5, -0.25, -0.1, -0.05, -0.02,
                                   0.02, 0.05, 0.1, 0.25, 0.5, 1, 2};
    size_t total = 0, longest = 1, F = m->n_features;
    for (size_t i = 0; i < nq; i++) {
        total += q[i].n;
        if (q[i].n > longest)
            longest = q[i].n;
    }
    double *s = malloc((total ? total : 1) * sizeof *s), *tmp = malloc(longest * sizeof *tmp);
    if (!s || !tmp) {
        free(s), free(tmp);
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < nq; i++)
        for (size_t j = 0; j < q[i].n; j++)
            s[at++] = train_score(m, q[i].x + j * F);
    double cur = mrr_moved(q, nq, use, m, s, 0, 0, cutoff, tmp);
    /* Steps are relative to the weights' size, which MRR ignores. */
    double norm = 0;
    for (size_t f = 0; f < F; f++)
        norm += fabs(m->weight[f]);
    if (norm == 0)
        norm = 1;
    for (int pass = 0; pass < passes; pass++) {
        int moved = 0;
        for (size_t f = 0; f < F; f++) {
            double best = cur, best_d = 0;
            for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
                double d = steps[k] * norm;
                double v = mrr_moved(q, nq, use, m, s, f, d, cutoff, tmp);
                if (v > best + 1e-9) {
                    best = v;
                    best_d = d;
                }
            }
            if (best_d == 0)
                continue;
            m->weight[f] += best_d;
            at = 0;
            for (size_t i = 0; i < nq; i++)
                for (size_t j = 0; j < q[i].n; j++, at++)
                    s[at] += best_d * (q[i].x[j * F + f] - m->mean[f]) / m->scale[f];
            cur = best;
            moved = 1;
        }
        if (!moved)
            break;
    }
    free(s), free(tmp);
    return cur;
}
