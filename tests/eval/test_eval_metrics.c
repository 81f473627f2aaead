/*
 * eval/: the metrics, answer matching, folding and the config grid, on
 * rankings whose values were worked out by hand.
 */
#include "config.h"
#include "fold.h"
#include "metrics.h"
#include "strmap.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* One ranked list and what each metric must say about it. */
typedef struct {
    int gains[12];
    size_t n;
    int ideal[4];     /* the query's judged gains, decreasing */
    size_t n_ideal;
    double rr10, ndcg10, recall10, recall3;
} metric_case;

/* log2(3) = 1.5849625007, log2(4) = 2, log2(5) = 2.3219280949,
 * log2(11) = 3.4594316186 */
static metric_case metric_cases[] = {
    /* relevant at rank 1 of 1 judged: perfect */
    {{1, 0, 0}, 3, {1}, 1, 1.0, 1.0, 1.0, 1.0},
    /* relevant at rank 2: rr 1/2, ndcg 1/log2(3) */
    {{0, 1, 0}, 3, {1}, 1, 0.5, 0.6309297536, 1.0, 1.0},
    /* relevant at rank 4: outside the top 3; ndcg 1/log2(5) */
    {{0, 0, 0, 1}, 4, {1}, 1, 0.25, 0.4306765581, 1.0, 0.0},
    /* relevant at rank 10: the last counted; ndcg 1/log2(11) */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 10, {1}, 1, 0.1, 0.2890648263, 1.0, 0.0},
    /* relevant at rank 11: past the cut-off */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 11, {1}, 1, 0.0, 0.0, 0.0, 0.0},
    /* nothing retrieved */
    {{0}, 0, {1}, 1, 0.0, 0.0, 0.0, 0.0},
    /* two judged, one found at rank 1: dcg 1, ideal 1 + 1/log2(3) */
    {{1, 0, 0}, 3, {1, 1}, 2, 1.0, 0.6131471927, 0.5, 0.5},
    /* two judged, found at ranks 2 and 3:
     * (1/log2(3) + 1/2) / (1 + 1/log2(3)) = 1.1309297536 / 1.6309297536 */
    {{0, 1, 1}, 3, {1, 1}, 2, 0.5, 0.6934264036, 1.0, 1.0},
    /* graded: gains 1 then 2, ideal 2 then 1:
     * (1 + 2/log2(3)) / (2 + 1/log2(3)) = 2.2618595071 / 2.6309297536 */
    {{1, 2}, 2, {2, 1}, 2, 1.0, 0.8597186998, 1.0, 1.0},
    /* no judgments: every metric 0 */
    {{0, 0}, 2, {0}, 0, 0.0, 0.0, 0.0, 0.0},
};

ParameterizedTestParameters(metrics, table)
{
    return cr_make_param_array(metric_case, metric_cases,
                               sizeof metric_cases / sizeof metric_cases[0]);
}

ParameterizedTest(metric_case *c, metrics, table)
{
    cr_expect(fabs(eval_rr(c->gains, c->n, 10) - c->rr10) < EPS, "rr@10 %g, want %g",
              eval_rr(c->gains, c->n, 10), c->rr10);
    double nd = eval_ndcg(c->gains, c->n, c->ideal, c->n_ideal, 10);
    cr_expect(fabs(nd - c->ndcg10) < 1e-9, "ndcg@10 %.10f, want %.10f", nd, c->ndcg10);
    cr_expect(fabs(eval_recall(c->gains, c->n, c->n_ideal, 10) - c->recall10) < EPS,
              "recall@10 %g, want %g", eval_recall(c->gains, c->n, c->n_ideal, 10),
              c->recall10);
    cr_expect(fabs(eval_recall(c->gains, c->n, c->n_ideal, 3) - c->recall3) < EPS,
              "recall@3 %g, want %g", eval_recall(c->gains, c->n, c->n_ideal, 3), c->recall3);
}

Test(metrics, recall_counts_each_relevant_passage_once_per_rank)
{
    int gains[] = {1, 0, 1, 0, 1};
    cr_expect(fabs(eval_recall(gains, 5, 4, 100) - 0.75) < EPS);
    cr_expect(fabs(eval_recall(gains, 5, 4, 2) - 0.25) < EPS);
}

Test(metrics, dcg_discounts_by_log2_of_rank_plus_one)
{
    int gains[] = {3, 2, 0, 1};
    /* 3/1 + 2/log2(3) + 0 + 1/log2(5) = 3 + 1.2618595071 + 0.4306765581 */
    cr_expect(fabs(eval_dcg(gains, 4, 10) - 4.6925360652) < 1e-9);
    cr_expect(fabs(eval_dcg(gains, 4, 1) - 3.0) < EPS);
}

Test(metrics, paired_difference_and_its_interval)
{
    /* d = {0.5, 0, 0, 1}: mean 0.375, sd sqrt(0.6875 / 3) = 0.4787136,
     * half width 1.96 * sd / 2 = 0.4691393 */
    double a[] = {1, 0.5, 0, 1}, b[] = {0.5, 0.5, 0, 0}, mean, half;
    eval_paired_diff(a, b, NULL, 4, &mean, &half);
    cr_expect(fabs(mean - 0.375) < EPS, "mean %g", mean);
    cr_expect(fabs(half - 0.4691393) < 1e-6, "half %g", half);
    /* without the last pair: d = {0.5, 0, 0}, mean 1/6, sd sqrt(1/12),
     * half width 1.96 * sqrt(1/12) / sqrt(3) = 0.3266667 */
    unsigned char use[] = {1, 1, 1, 0};
    eval_paired_diff(a, b, use, 4, &mean, &half);
    cr_expect(fabs(mean - 1.0 / 6) < EPS, "mean %g", mean);
    cr_expect(fabs(half - 0.3266667) < 1e-6, "half %g", half);
    /* one pair: no interval */
    eval_paired_diff(a, b, NULL, 1, &mean, &half);
    cr_expect(mean == 0.0 && half == 0.0);
}

/* Answer matching: folded answers in folded passages.  Arrays, not
 * pointers: Criterion runs each parameter in a fresh process, where the
 * addresses of string literals differ. */
typedef struct {
    char passage[64];
    char answer[32];
    int found;
} answer_case;

static answer_case answer_cases[] = {
    {"Ia lahir di Pasuruan, Jawa Timur.", "Pasuruan, Jawa Timur", 1},
    {"Ia lahir di PASURUAN, Jawa Timur.", "pasuruan, jawa timur", 1},
    {"Ia lahir di Pasuruan,  Jawa\tTimur.", "Pasuruan, Jawa Timur", 1},  /* white space */
    {"Ia lahir di Pasuruan.", "Pasuruan, Jawa Timur", 0},
    {"ÉCOLE Normale", "école normale", 1},                             /* non-ASCII case */
    {"ﬁlm bisu", "film", 1},                                            /* NFKC ligature */
    {"tahun 1950", " 1950 ", 1},                                        /* trimmed answer */
    {"tahun 1950", "1951", 0},
};

ParameterizedTestParameters(answers, table)
{
    return cr_make_param_array(answer_case, answer_cases,
                               sizeof answer_cases / sizeof answer_cases[0]);
}

ParameterizedTest(answer_case *c, answers, table)
{
    char *p = eval_fold(c->passage, strlen(c->passage));
    char *a = eval_fold(c->answer, strlen(c->answer));
    cr_assert(p && a);
    const char *texts[] = {p}, *answers[] = {a};
    cr_expect(eval_answer_in(texts, 1, answers, 1, 10) == c->found, "\"%s\" in \"%s\": want %d",
              c->answer, c->passage, c->found);
    free(p);
    free(a);
}

Test(answers, only_the_first_k_passages_count)
{
    const char *texts[] = {"satu", "dua", "tiga"}, *answers[] = {"tiga"};
    cr_expect(eval_answer_in(texts, 3, answers, 1, 3) == 1);
    cr_expect(eval_answer_in(texts, 3, answers, 1, 2) == 0);
    cr_expect(eval_answer_in(texts, 0, answers, 1, 10) == 0);
}

Test(answers, any_of_several_answers)
{
    const char *texts[] = {"presiden pertama soekarno"}, *answers[] = {"hatta", "soekarno"};
    cr_expect(eval_answer_in(texts, 1, answers, 2, 10) == 1);
    cr_expect(eval_answer_in(texts, 1, answers, 1, 10) == 0);
}

Test(fold, squeezes_and_trims_white_space)
{
    char *f = eval_fold("  Jawa \t\n Timur  ", 18);
    cr_assert(f);
    cr_expect_str_eq(f, "jawa timur");
    free(f);
    f = eval_fold("", 0);
    cr_assert(f);
    cr_expect_str_eq(f, "");
    free(f);
}

Test(fold, invalid_utf8_folds_ascii_only)
{
    char *f = eval_fold("AB\xff" "C", 4);
    cr_assert(f);
    cr_expect_str_eq(f, "ab\xff" "c");
    free(f);
}

Test(strmap, put_get_and_growth)
{
    cli_strmap m = {0};
    static char keys[1000][8];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "p%zu", i);
        cr_assert(cli_strmap_put(&m, keys[i], i, NULL) == 0);
    }
    cr_expect(cli_strmap_put(&m, "p7", 99, NULL) == 1);   /* already there: kept */
    size_t v = 0;
    for (size_t i = 0; i < 1000; i++)
        cr_expect(cli_strmap_get(&m, keys[i], &v) && v == i);
    cr_expect(!cli_strmap_get(&m, "p1000", &v));
    cli_strmap_free(&m);
    cr_expect(!cli_strmap_get(&m, "p1", &v));
}

Test(strmap, a_copying_map_keeps_its_own_keys_and_says_the_old_value)
{
    cli_strmap m = {.copies = 1};
    char key[16];
    for (size_t i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "id-%zu", i);
        cr_assert(cli_strmap_put(&m, key, i + 1, NULL) == 0);
    }
    strcpy(key, "changed");                /* the caller's buffer is reused */
    size_t v = 0, old = 0;
    cr_expect(cli_strmap_get(&m, "id-42", &v) && v == 43);
    cr_expect(cli_strmap_put(&m, "id-42", 500, &old) == 1 && old == 43);
    cr_expect(cli_strmap_get(&m, "id-42", &v) && v == 43);
    cr_expect(!cli_strmap_get(&m, "changed", &v));
    cli_strmap_free(&m);                   /* frees the copies (ASan) */
    cr_expect(m.copies == 1 && m.n == 0);
}

Test(config, grid_holds_the_baseline_once)
{
    eval_grid g;
    eval_config *v = NULL;
    size_t n = 0, base = 0;
    cr_assert(eval_grid_named(&g, "full") == 0);
    cr_assert(eval_grid_expand(&g, &v, &n) == 0);
    cr_expect(n == 3 * 2 * 2 * 3 * 4, "full grid: %zu configs", n);
    for (size_t i = 0; i < n; i++)
        base += eval_config_equal(&v[i], &eval_baseline);
    cr_expect(base == 1);
    free(v);

    /* a grid without Snowball gets the baseline added at the end */
    cr_assert(eval_grid_named(&g, "default") == 0);
    cr_assert(eval_grid_set(&g, 's', "none") == 0);
    cr_assert(eval_grid_expand(&g, &v, &n) == 0);
    cr_expect(n == 2 * 2 + 1);
    cr_expect(eval_config_equal(&v[n - 1], &eval_baseline));
    free(v);
}

Test(config, two_stages)
{
    eval_grid g;
    eval_config *v = NULL;
    size_t n = 0;
    cr_assert(eval_grid_named(&g, "grid") == 0);
    cr_assert(eval_grid_expand(&g, &v, &n) == 0);
    cr_expect(n == 12, "first stage: %zu configs", n);
    eval_config best = {.stemmer = EVAL_STEM_ID, .keep_stopwords = 0, .synonyms = 1,
                        .k1 = 1.2, .b = 0.75};
    cr_assert(eval_grid_tune(&g, &best, &v, &n) == 0);
    cr_expect(n == 12 + 11);   /* k1=1.2 b=0.75 was there already */
    cr_assert(eval_grid_tune(&g, &eval_baseline, &v, &n) == 0);
    cr_expect(n == 12 + 11 + 11);
    cr_assert(eval_grid_tune(&g, &best, &v, &n) == 0);
    cr_expect(n == 34);        /* nothing twice */
    free(v);
}

Test(config, lists)
{
    eval_grid g;
    eval_grid_named(&g, "default");
    cr_expect(eval_grid_set(&g, 'k', "0.5,2") == 0 && g.n_k1 == 2 && g.k1[1] == 2.0);
    cr_expect(eval_grid_set(&g, 'b', "1.5") == -1);      /* b > 1 */
    cr_expect(eval_grid_set(&g, 'b', "x") == -1);
    cr_expect(eval_grid_set(&g, 's', "porter") == -1);
    cr_expect(eval_grid_set(&g, 'w', "drop") == 0 && !g.stopwords[1] && g.stopwords[0]);
    cr_expect(eval_grid_set(&g, 'k', "") == -1);
    char buf[64];
    eval_config c = {.stemmer = EVAL_STEM_SNOWBALL, .keep_stopwords = 0, .k1 = 0.9, .b = 0.4};
    eval_config_tag(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball-drop-k0.9-b0.4");
    eval_config_name(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball drop k1=0.9 b=0.4");
    c.synonyms = 1;
    c.keep_stopwords = 1;
    eval_config_tag(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball-keep-syn-k0.9-b0.4");
    eval_config_name(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball keep syn k1=0.9 b=0.4");
    c.feedback = 10;
    eval_config_tag(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball-keep-syn-k0.9-b0.4-fb10");
    eval_config_name(&c, buf, sizeof buf);
    cr_expect_str_eq(buf, "snowball keep syn k1=0.9 b=0.4 fb10");

    /* feedback: an axis of whole numbers, off (0) in every named grid */
    eval_config *v = NULL;
    size_t n = 0;
    eval_grid_named(&g, "default");
    cr_expect(g.n_feedback == 1 && g.feedback[0] == 0);
    cr_expect(eval_grid_set(&g, 'f', "1.5") == -1);
    cr_expect(eval_grid_set(&g, 'f', "-1") == -1);
    cr_assert(eval_grid_set(&g, 's', "stemmer-id") == 0);
    cr_assert(eval_grid_set(&g, 'f', "0,10") == 0 && g.n_feedback == 2);
    cr_assert(eval_grid_expand(&g, &v, &n) == 0);
    cr_expect(n == 2 * 2 * 2 + 1, "%zu configs", n);   /* and the baseline */
    cr_expect(v[0].feedback == 0 && v[1].feedback == 10);
    free(v);
    cr_expect(eval_grid_set(&g, 'y', "on,off") == 0 && g.synonyms[0] && g.synonyms[1]);
    cr_expect(eval_grid_set(&g, 'y', "maybe") == -1);
}
