/*
 * Tree models (core/trees.c, core/model.c, cari.h "cari-rank-model 2"):
 * every way a model file can be malformed is refused with its line; a
 * model's score walks its trees comparing as 32-bit floats; the parts
 * that --explain shows add up to the score; scoring many candidates at
 * once gives each one's score.
 */
#include <criterion/criterion.h>

#include "model.h"

#include <cari.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "cari-rank-model 2\nfeature-set 1\n"

typedef struct {
    const char *text;
    cari_status status;
    const char *message;   /* a part of the error message */
} tree_case;

static const tree_case cases[] = {
    {HEAD "base 0\ntree 1\n0 leaf 1\n", CARI_OK, ""},
    {HEAD "tree 3\n0 bm25 10 1 2 0.5\n1 leaf 0\n2 leaf 1\n", CARI_OK, ""},
    {"cari-rank-model 3\nfeature-set 1\n", CARI_INVALID, "m.txt:1: not a cari ranking model"},
    {"cari-rank-model 2\nfeature-set 7\ntree 1\n0 leaf 1\n", CARI_MISMATCH,
     "model of feature set 7"},
    {HEAD "base 0\n", CARI_INVALID, "m.txt: no trees"},
    {HEAD "0 leaf 1\n", CARI_INVALID, "m.txt:3: a node outside a tree"},
    {HEAD "tree 0\n", CARI_INVALID, "m.txt:3: want \"tree NODES\""},
    {HEAD "tree two\n", CARI_INVALID, "m.txt:3: want \"tree NODES\""},
    {HEAD "tree 3\n0 bm25 1 1 2 0\n1 leaf 1\n", CARI_INVALID,
     "m.txt: the last tree has 1 nodes missing"},
    {HEAD "tree 3\n0 bm25 1 1 2 0\n1 leaf 1\ntree 1\n", CARI_INVALID,
     "m.txt:6: the tree before has 1 nodes missing"},
    {HEAD "tree 1\n0 leaf 1\nbase 2\n", CARI_INVALID, "m.txt:5: want \"base SCORE\" before"},
    {HEAD "tree 1\n5 leaf 1\n", CARI_INVALID, "m.txt:4: node id out of range"},
    {HEAD "tree 2\n0 leaf 1\n0 leaf 2\n", CARI_INVALID, "m.txt:5: node given twice"},
    {HEAD "tree 3\n0 leaf 1\n1 bm25 1 0 2 0\n2 leaf 1\n", CARI_INVALID,
     "m.txt:5: a split's children must be two later nodes"},
    {HEAD "tree 3\n0 bm25 1 1 1 0\n1 leaf 1\n2 leaf 1\n", CARI_INVALID,
     "m.txt:4: a split's children must be two later nodes"},
    {HEAD "tree 3\n0 leaf 1\n1 leaf 2\n2 leaf 3\n", CARI_INVALID,
     "m.txt:6: a node of the tree is not reached from its root"},
    {HEAD "tree 5\n0 bm25 1 1 2 0\n1 cover 1 2 3 0\n2 leaf 1\n3 leaf 2\n4 leaf 3\n",
     CARI_INVALID, "m.txt:8: a node is the child of two splits"},
    {HEAD "tree 3\n0 colour 1 1 2 0\n1 leaf 1\n2 leaf 1\n", CARI_INVALID,
     "m.txt:4: unknown feature \"colour\""},
    {HEAD "tree 3\n0 bm25 x 1 2 0\n1 leaf 1\n2 leaf 1\n", CARI_INVALID,
     "m.txt:4: want \"ID FEATURE THRESHOLD YES NO MEAN\""},
    {HEAD "tree 3\n0 bm25 1 1 2\n1 leaf 1\n2 leaf 1\n", CARI_INVALID,
     "m.txt:4: want \"ID FEATURE THRESHOLD YES NO MEAN\""},
    {HEAD "tree 1\n0 leaf nan\n", CARI_INVALID, "m.txt:4: bad leaf score"},
    {HEAD "tree 1\n-1 leaf 1\n", CARI_INVALID, "m.txt:4: want \"ID FEATURE"},
};

Test(trees, malformed_models_are_refused_with_their_line)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const tree_case *c = &cases[i];
        cari_model *m = NULL;
        cr_expect_eq(cari_model_parse(&m, "m.txt", c->text, strlen(c->text)), c->status,
                     "case %zu: %s", i, cari_model_errmsg(m));
        cr_expect(strstr(cari_model_errmsg(m), c->message), "case %zu: %s", i,
                  cari_model_errmsg(m));
        if (c->status)
            cr_expect_eq(cari_model_score(m, (double[CARI_F_COUNT]){0}), 0);
        cari_model_free(m);
    }
}

/* Two trees over bm25, cover and rarest, the nodes given out of order:
 *   tree 1: bm25 < 10 ? -1 : 2                     (mean 0.5)
 *   tree 2: cover < 0.5 ? (rarest < 0.5 ? 0 : 1) : 3
 *           means: the inner split 0.5, the root 1.5 */
static const char two_trees[] = HEAD "base 0.25\n"
                                     "tree 3\n"
                                     "0 bm25 10 2 1 0.5\n"
                                     "2 leaf -1\n"
                                     "1 leaf 2\n"
                                     "tree 5\n"
                                     "0 cover 0.5 1 4 1.5\n"
                                     "4 leaf 3\n"
                                     "1 rarest 0.5 2 3 0.5\n"
                                     "3 leaf 1\n"
                                     "2 leaf 0\n";

static cari_model *load_two_trees(void)
{
    cari_model *m = NULL;
    cr_assert_eq(cari_model_parse(&m, "two.txt", two_trees, strlen(two_trees)), CARI_OK, "%s",
                 cari_model_errmsg(m));
    return m;
}

Test(trees, a_score_walks_every_tree_and_the_parts_add_up)
{
    cari_model *m = load_two_trees();
    struct {
        double bm25, cover, rarest, score, part_bm25, part_cover, part_rarest;
    } rows[] = {
        {5, 0.2, 0, 0.25 - 1 + 0, -1.5, -1.0, -0.5},
        {5, 0.2, 1, 0.25 - 1 + 1, -1.5, -1.0, 0.5},
        {12, 0.9, 0, 0.25 + 2 + 3, 1.5, 1.5, 0},
        {10, 0.5, 1, 0.25 + 2 + 3, 1.5, 1.5, 0},   /* at the threshold: not below */
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        double x[CARI_F_COUNT] = {0}, parts[CARI_F_COUNT], base;
        x[CARI_F_BM25] = rows[r].bm25;
        x[CARI_F_COVER] = rows[r].cover;
        x[CARI_F_RAREST] = rows[r].rarest;
        double s = cari_model_score(m, x);
        cr_expect_float_eq(s, rows[r].score, 1e-12, "row %zu: %g", r, s);
        cr_expect_eq(cari_model_parts(m, x, parts, &base), s);
        cr_expect_float_eq(base, 0.25 + 0.5 + 1.5, 1e-12);
        cr_expect_float_eq(parts[CARI_F_BM25], rows[r].part_bm25, 1e-12, "row %zu", r);
        cr_expect_float_eq(parts[CARI_F_COVER], rows[r].part_cover, 1e-12, "row %zu", r);
        cr_expect_float_eq(parts[CARI_F_RAREST], rows[r].part_rarest, 1e-12, "row %zu", r);
        double sum = base;
        for (size_t f = 0; f < CARI_F_COUNT; f++)
            sum += parts[f];
        cr_expect_float_eq(sum, s, 1e-12, "row %zu", r);
    }
    cari_model_free(m);
}

/* The trainer compared 32-bit floats: 0.1 is not below the threshold 0.1
 * (as floats they are equal), though as doubles it is. */
Test(trees, thresholds_compare_as_floats)
{
    static const char t[] = HEAD "tree 3\n0 cover 0.1 1 2 0\n1 leaf -1\n2 leaf 1\n";
    cari_model *m = NULL;
    cr_assert_eq(cari_model_parse(&m, "f.txt", t, strlen(t)), CARI_OK);
    double x[CARI_F_COUNT] = {0};
    x[CARI_F_COVER] = 0.1;
    cr_expect_eq(cari_model_score(m, x), 1);
    x[CARI_F_COVER] = 0.0999999;
    cr_expect_eq(cari_model_score(m, x), -1);
    cari_model_free(m);
}

Test(trees, scoring_many_at_once_gives_each_ones_score)
{
    cari_model *m = load_two_trees();
    enum { N = 64 };
    static double x[N][CARI_F_COUNT];
    double many[N];
    srand(7);
    for (size_t c = 0; c < N; c++)
        for (size_t f = 0; f < CARI_F_COUNT; f++)
            x[c][f] = (double)rand() / RAND_MAX * (f == CARI_F_BM25 ? 20 : 1);
    cr_assert_eq(cari_model_score_all(m, x[0], sizeof x[0], N, many), 0);
    for (size_t c = 0; c < N; c++)
        cr_expect_eq(many[c], cari_model_score(m, x[c]), "candidate %zu", c);
    cari_model_free(m);
}

/* The bundled model is a tree model the library reads without error, and
 * scores every feature vector to a finite number. */
Test(trees, the_bundled_model_scores)
{
    cari_model *m = NULL;
    cr_assert_eq(cari_model_default(&m), CARI_OK, "%s", cari_model_errmsg(m));
    double x[CARI_F_COUNT] = {0};
    cr_expect(isfinite(cari_model_score(m, x)));
    cari_model_free(m);
}
