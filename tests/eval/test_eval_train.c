/* The fitting of eval/train.c and eval/boost.c on small hand-made
 * problems: a feature that marks the relevant candidates gets a positive
 * weight (or the trees' splits) and ranks them first; ties keep the first
 * pass's order; recall; coordinate ascent never lowers the training MRR;
 * XGBoost's tree dumps become cari's model lines, or are refused. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boost.h"
#include "train.h"

#include <cari.h>

/* Three queries of four candidates, two features: feature 0 is noise
 * that favours the first candidate, feature 1 is 1 on the relevant one. */
static const double x[3][8] = {
    {3, 0, 2, 0, 1, 1, 0, 0},
    {3, 0, 2, 1, 1, 0, 0, 0},
    {3, 0, 2, 0, 1, 0, 0, 1},
};
static const int gain[3][4] = {{0, 0, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}};

static void queries(train_query *q)
{
    for (int i = 0; i < 3; i++)
        q[i] = (train_query){4, x[i], gain[i], 1};
}

Test(train, the_telling_feature_wins)
{
    train_query q[3];
    queries(q);
    train_model m;
    cr_assert_eq(train_fit(q, 3, NULL, 2, 0.001, &m), 0);
    cr_expect_gt(m.weight[1], 0.5, "weight %g", m.weight[1]);
    cr_expect_gt(m.weight[1], fabs(m.weight[0]));
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(train_rr(&m, &q[i], 10), 1.0, "query %d", i);
        cr_expect_eq(train_rr(NULL, &q[i], 10), 1.0 / (gain[i][1] ? 2 : gain[i][2] ? 3 : 4));
    }
    /* Standardised over the 12 candidates: feature 1 is 1 on 3 of them. */
    cr_expect(fabs(m.mean[1] - 0.25) < 1e-12);
    cr_expect(fabs(m.scale[1] - sqrt(0.25 * 0.75)) < 1e-12);
    train_model_free(&m);
}

Test(train, only_the_used_queries_count)
{
    train_query q[3];
    queries(q);
    unsigned char use[3] = {1, 0, 0};
    train_model m;
    cr_assert_eq(train_fit(q, 3, use, 2, 0.001, &m), 0);
    cr_expect(fabs(m.mean[0] - 1.5) < 1e-12, "the first query's candidates only");
    train_model_free(&m);
}

Test(train, ties_keep_the_first_pass_order_and_the_cutoff_holds)
{
    static const double flat[4] = {0, 0, 0, 0};
    static const int g[4] = {0, 0, 0, 1};
    train_query q = {4, flat, g, 2};
    double w = 1, mean = 0, scale = 1;
    train_model m = {1, &w, &mean, &scale};
    cr_expect_eq(train_rr(&m, &q, 10), 0.25);
    cr_expect_eq(train_rr(&m, &q, 3), 0.0);
    cr_expect_eq(train_recall(&q), 0.5, "one of two judged found");
}

Test(train, coordinate_ascent_never_lowers_the_training_mrr)
{
    train_query q[3];
    queries(q);
    double w[2] = {1, 0.1}, mean[2] = {1.5, 0.25}, scale[2] = {1, 0.5};
    train_model m = {2, w, mean, scale};
    double before = 0;
    for (int i = 0; i < 3; i++)
        before += train_rr(&m, &q[i], 10) / 3;
    double after = train_refine(q, 3, NULL, 10, 3, &m);
    cr_expect_geq(after, before);
    cr_expect_eq(after, 1.0, "a step on feature 1 ranks every query right: %g", after);
}

/* ---- trees (boost.c) ------------------------------------------------------ */

typedef struct {
    const char *dump;      /* one tree of XGBoost's text dump, with statistics */
    const char *want;      /* cari's lines, or NULL: refused */
    const char *message;   /* a part of the refusal */
} dump_case;

static const dump_case dumps[] = {
    {"0:leaf=0.25,cover=4\n", "tree 1\n0 leaf 0.25\n", NULL},
    /* A split's mean is its leaves' mean weighted by their cover. */
    {"0:[f1<0.5] yes=1,no=2,missing=1,gain=3,cover=4\n\t1:leaf=-1,cover=3\n\t2:leaf=1,cover=1\n",
     "tree 3\n0 bm25_rel 0.5 1 2 -0.5\n1 leaf -1\n2 leaf 1\n", NULL},
    {"0:[f1<0.5] yes=2,no=1,missing=2,gain=3,cover=2\n\t2:leaf=3,cover=1\n\t1:leaf=1,cover=1\n",
     "tree 3\n0 bm25_rel 0.5 2 1 2\n1 leaf 1\n2 leaf 3\n", NULL},
    {"0:[f99<0.5] yes=1,no=2,missing=1,gain=3,cover=4\n1:leaf=1,cover=1\n2:leaf=1,cover=1\n",
     NULL, "feature 99 out of range"},
    {"0:[f1<0.5] yes=1,no=2,missing=1,gain=3,cover=4\n1:leaf=1,cover=1\n", NULL,
     "node 2 missing"},
    {"0:leaf=1,cover=1\n0:leaf=2,cover=1\n", NULL, "node 0 out of range or twice"},
    {"0:[f1<0.5] yes=0,no=2,missing=0,gain=3,cover=4\n", NULL, "not later nodes"},
    {"0:something else\n", NULL, "cannot read"},
    {"", NULL, "an empty tree"},
};

Test(boost, xgboost_trees_become_cari_lines)
{
    for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++) {
        char *buf = NULL, *err = NULL;
        size_t len = 0;
        int rc = boost_convert_tree(dumps[i].dump, 25, &buf, &len, &err);
        if (dumps[i].want) {
            cr_expect_eq(rc, 0, "case %zu: %s", i, err ? err : "");
            cr_expect_str_eq(buf ? buf : "", dumps[i].want, "case %zu", i);
        } else {
            cr_expect_eq(rc, -1, "case %zu", i);
            cr_expect(err && strstr(err, dumps[i].message), "case %zu: %s", i, err ? err : "");
        }
        free(buf);
        free(err);
    }
}

/* Trees fitted to the three queries above rank each relevant candidate
 * first, through the library's own reading and scoring of the model. */
Test(boost, fitted_trees_find_the_telling_feature)
{
    train_query q[3];
    queries(q);
    boost_params p;
    boost_params_init(&p);
    p.trees = 20;
    p.subsample = p.colsample = 1;
    p.threads = 1;
    char *body = NULL, *err = NULL;
    cr_assert_eq(boost_fit(q, 3, NULL, 2, &p, &body, &err), 0, "%s", err ? err : "");
    /* The library's model has 25 features: pad the rows with zeros. */
    char text[65536];
    snprintf(text, sizeof text, "cari-rank-model 2\nfeature-set %d\n%s", CARI_FEATURE_SET, body);
    cari_model *m = NULL;
    cr_assert_eq(cari_model_parse(&m, "fitted", text, strlen(text)), CARI_OK, "%s",
                 cari_model_errmsg(m));
    for (int i = 0; i < 3; i++) {
        double s[4], row[64] = {0};
        for (int c = 0; c < 4; c++) {
            row[0] = x[i][2 * c];
            row[1] = x[i][2 * c + 1];
            s[c] = cari_model_score(m, row);
        }
        train_query one = q[i];
        cr_expect_eq(train_rr_scores(&one, s, 10), 1.0, "query %d", i);
    }
    cari_model_free(m);
    free(body);
}

Test(boost, no_judged_candidate_is_an_error)
{
    static const double flat[2] = {0, 0};
    static const int none[2] = {0, 0};
    train_query q = {2, flat, none, 1};
    boost_params p;
    boost_params_init(&p);
    char *body = NULL, *err = NULL;
    cr_expect_eq(boost_fit(&q, 1, NULL, 1, &p, &body, &err), -1);
    cr_expect(err && strstr(err, "no question has a judged passage"), "%s", err ? err : "");
    cr_expect_null(body);
    free(err);
}
