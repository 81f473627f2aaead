/* The results table: see report.h. */
#include "report.h"

#include "metrics.h"

#include <stdlib.h>
#include <string.h>

#define TOP 10

static double mean_mrr(size_t i, size_t n_sets, const eval_scores *scores)
{
    double sum = 0.0;
    for (size_t s = 0; s < n_sets; s++)
        sum += scores[i * n_sets + s].mrr;
    return n_sets ? sum / (double)n_sets : 0.0;
}

size_t eval_best(size_t n_cfgs, size_t n_sets, const eval_scores *scores)
{
    size_t best = 0;
    for (size_t i = 1; i < n_cfgs; i++)
        if (mean_mrr(i, n_sets, scores) > mean_mrr(best, n_sets, scores))
            best = i;
    return best;
}

static size_t find_baseline(const eval_config *cfgs, size_t n_cfgs)
{
    for (size_t i = 0; i < n_cfgs; i++)
        if (eval_config_equal(&cfgs[i], &eval_baseline))
            return i;
    return 0;
}

/* Prints the share v, or a dash for a set without answers. */
static void cell(FILE *f, double v, int have)
{
    if (have)
        fprintf(f, " %7.4f |", v);
    else
        fprintf(f, " %7s |", "-");
}

static void table(FILE *f, const eval_config *cfgs, size_t n_cfgs, const eval_set *sets,
                  size_t n_sets, const eval_scores *scores)
{
    int wc = (int)strlen("config"), ws = (int)strlen("set");
    char name[128];
    for (size_t i = 0; i < n_cfgs; i++) {
        eval_config_name(&cfgs[i], name, sizeof name);
        if ((int)strlen(name) > wc)
            wc = (int)strlen(name);
    }
    for (size_t s = 0; s < n_sets; s++)
        if ((int)strlen(sets[s].name) > ws)
            ws = (int)strlen(sets[s].name);
    fprintf(f, "| %-*s | %-*s |  MRR@10 | nDCG@10 |   R@100 |  Ans@10 |\n", wc, "config", ws,
            "set");
    fprintf(f, "|%.*s|%.*s|--------:|--------:|--------:|--------:|\n", wc + 2,
            "------------------------------------------------------------------------",
            ws + 2, "------------------------------------------------------------------------");
    for (size_t i = 0; i < n_cfgs; i++) {
        eval_config_name(&cfgs[i], name, sizeof name);
        for (size_t s = 0; s < n_sets; s++) {
            const eval_scores *sc = &scores[i * n_sets + s];
            fprintf(f, "| %-*s | %-*s |", wc, name, ws, sets[s].name);
            cell(f, sc->mrr, sc->n_judged > 0);
            cell(f, sc->ndcg, sc->n_judged > 0);
            cell(f, sc->recall, sc->n_judged > 0);
            cell(f, sc->ans, sc->n_answered > 0);
            fputc('\n', f);
        }
    }
}

static void top(FILE *f, const eval_config *cfgs, size_t n_cfgs, const eval_set *sets,
                size_t n_sets, const eval_scores *scores, size_t base)
{
    size_t *order = malloc(n_cfgs * sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < n_cfgs; i++)
        order[i] = i;
    /* Insertion sort, stable: the first among equals stays first. */
    for (size_t i = 1; i < n_cfgs; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && mean_mrr(order[j - 1], n_sets, scores) < mean_mrr(x, n_sets, scores)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    fprintf(f, "| # | config | mean MRR@10 | vs baseline |");
    for (size_t s = 0; s < n_sets; s++)
        fprintf(f, " %s MRR@10 | %s R@100 |", sets[s].name, sets[s].name);
    fprintf(f, "\n|--:|---|--:|--:|");
    for (size_t s = 0; s < n_sets; s++)
        fprintf(f, "--:|--:|");
    fputc('\n', f);
    char name[128];
    double b = mean_mrr(base, n_sets, scores);
    for (size_t r = 0; r < n_cfgs && r < TOP; r++) {
        size_t i = order[r];
        double m = mean_mrr(i, n_sets, scores);
        eval_config_name(&cfgs[i], name, sizeof name);
        fprintf(f, "| %zu | %s | %.4f | %+.4f |", r + 1, name, m, m - b);
        for (size_t s = 0; s < n_sets; s++)
            fprintf(f, " %.4f | %.4f |", scores[i * n_sets + s].mrr,
                    scores[i * n_sets + s].recall);
        fputc('\n', f);
    }
    free(order);
}

void eval_report(FILE *f, const eval_config *cfgs, size_t n_cfgs, const eval_set *sets,
                 size_t n_sets, const eval_scores *scores)
{
    for (size_t s = 0; s < n_sets; s++)
        fprintf(f, "- %s: %zu queries, %zu judged, %zu with answers\n", sets[s].name, sets[s].n,
                sets[s].n_judged, sets[s].n_answered);
    fputc('\n', f);
    table(f, cfgs, n_cfgs, sets, n_sets, scores);
    size_t base = find_baseline(cfgs, n_cfgs), best = eval_best(n_cfgs, n_sets, scores);
    fputc('\n', f);
    top(f, cfgs, n_cfgs, sets, n_sets, scores, base);
    char name[128], bname[128];
    eval_config_name(&cfgs[best], name, sizeof name);
    eval_config_name(&cfgs[base], bname, sizeof bname);
    fprintf(f, "\nBest by mean MRR@10: **%s** (%.4f; baseline %s: %.4f).\n", name,
            mean_mrr(best, n_sets, scores), bname, mean_mrr(base, n_sets, scores));
    fprintf(f, "\nGain of the best over the baseline (MRR@10 with the 95%% confidence interval "
               "of the paired per-query difference):\n");
    for (size_t s = 0; s < n_sets; s++) {
        const eval_scores *x = &scores[best * n_sets + s], *y = &scores[base * n_sets + s];
        double mean = 0.0, half = 0.0;
        unsigned char *judged = malloc(sets[s].n ? sets[s].n : 1);
        if (judged && x->rr && y->rr) {
            for (size_t i = 0; i < sets[s].n; i++)
                judged[i] = sets[s].q[i].n_rel > 0;
            eval_paired_diff(x->rr, y->rr, judged, sets[s].n, &mean, &half);
        }
        free(judged);
        fprintf(f, "- %s: MRR@10 %+.4f (±%.4f), nDCG@10 %+.4f, R@100 %+.4f", sets[s].name,
                x->mrr - y->mrr, half, x->ndcg - y->ndcg, x->recall - y->recall);
        if (x->n_answered)
            fprintf(f, ", Ans@10 %+.4f", x->ans - y->ans);
        fputc('\n', f);
    }
}
