/* The fitting of eval/train.c on small hand-made problems: a feature that
 * marks the relevant candidates gets a positive weight and ranks them
 * first; ties keep the first pass's order; recall; coordinate ascent
 * never lowers the training MRR. */
#include <criterion/criterion.h>
#include <math.h>

#include "train.h"

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
