/* The learned ranking through cari.h, on articles written for these tests:
 * a passage holding the query in order beats passages with its words
 * scattered; a "kapan" question prefers the passage with a date; the
 * features' values; explain parts that add up to the scores; models of
 * another feature set, malformed or missing, refused with their name. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "index_fixture.h"

static const char *const articles[][2] = {
    /* The query "pengiriman senjata ke Rusia", whole and in order, in one
     * passage; its words, once each, scattered in two others of the same
     * length (29 words and a title of 3), all after the first dozen
     * words: BM25 scores the three alike. */
    {"dunia/pelabuhan.txt",
     "Pelabuhan Varna Sibuk\n\n"
     "Petugas bea cukai di Pelabuhan Varna menahan tiga kapal kargo yang diduga terlibat "
     "dalam pengiriman senjata ke Rusia, dan muatan mereka kini diperiksa satu per satu "
     "oleh tim gabungan.\n"},
    {"dunia/senjata-a.txt",
     "Kabar Pasar Ikan\n\n"
     "Para pedagang di pasar ikan kota mengeluhkan harga es balok yang naik tajam sejak "
     "awal pekan. Pengiriman bahan pangan tertunda, kapal tujuan Rusia menunggu izin, dan "
     "gudang senjata dibongkar.\n"},
    {"dunia/senjata-b.txt",
     "Catatan Museum Kota\n\n"
     "Museum kota dibuka kembali pekan ini setelah direnovasi selama dua tahun oleh "
     "pemerintah daerah. Senjata tua dipamerkan lagi, delegasi Rusia datang, dan "
     "pengiriman undangan dilakukan panitia melalui pos kilat.\n"},
    /* "Kapan jembatan Lintang diresmikan?": the answer's passage has a
     * date; the other says more about the bridge, without one. */
    {"daerah/jembatan-lintang.txt",
     "Jembatan Lintang\n\n"
     "Jembatan Lintang diresmikan gubernur dalam upacara sederhana yang dihadiri warga "
     "dari dua desa di tepi sungai. Jembatan Lintang menghubungkan kedua desa itu, dan "
     "jembatan lama yang rapuh kini ditutup. Warga menyambut jembatan baru dengan "
     "gembira.\n"
     "Jembatan Lintang diresmikan pada 14 Maret 2019, dua tahun setelah pembangunan jalan "
     "menuju desa itu dimulai.\n"},
};
#define N_ARTICLES (sizeof articles / sizeof articles[0])

static void build_index(void)
{
    fixture_build("/tmp/cari-rank-XXXXXX", articles, N_ARTICLES);
}

TestSuite(rank, .init = build_index, .fini = remove_dir);

static size_t feature(const char *name)
{
    for (size_t i = 0; i < cari_feature_count(); i++)
        if (!strcmp(cari_feature_name(i), name))
            return i;
    cr_assert_fail("no feature %s", name);
    return 0;
}

Test(rank, the_query_in_order_beats_its_words_scattered)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.features = 1;
    cari_results *res = run("pengiriman senjata ke Rusia", &o);
    cr_assert_geq(cari_results_count(res), 3);
    const cari_hit *h = cari_results_hit(res, 0);
    cr_expect_str_eq(h->article, "dunia/pelabuhan.txt");
    cr_expect_eq(h->features[feature("run")], 1.0, "the whole query in a row");
    cr_expect_eq(h->features[feature("pairs_exact")], 1.0);
    for (size_t i = 1; i < cari_results_count(res); i++)
        cr_expect_lt(cari_results_hit(res, i)->features[feature("pairs_exact")], 1.0);
    cari_results_free(res);

    /* The order is all that tells them apart: BM25 alone scores the
     * three the same. */
    o.rank = CARI_RANK_BM25;
    res = run("pengiriman senjata ke Rusia", &o);
    cr_assert_eq(cari_results_count(res), 3);
    for (size_t i = 1; i < 3; i++)
        cr_expect(fabs(cari_results_hit(res, i)->score - cari_results_hit(res, 0)->score) < 1e-9,
                  "%g against %g", cari_results_hit(res, i)->score,
                  cari_results_hit(res, 0)->score);
    cr_expect_eq(cari_results_hit(res, 0)->score, cari_results_hit(res, 0)->bm25);
    cari_results_free(res);
}

Test(rank, kapan_prefers_the_passage_with_a_date)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.features = 1;
    cari_results *res = run("Kapan jembatan Lintang diresmikan?", &o);
    cr_assert_eq(cari_results_count(res), 2);
    const cari_hit *a = cari_results_hit(res, 0), *b = cari_results_hit(res, 1);
    cr_expect_eq(a->passage, 2, "the passage with 14 Maret 2019 first");
    cr_expect_eq(a->features[feature("when")], 1.0);
    cr_expect_eq(b->features[feature("when")], 0.0);
    cr_expect_gt(a->features[feature("answer_near")], 0.0);
    cr_expect_gt(b->bm25, a->bm25, "BM25 alone ranks the other first");
    cari_results_free(res);
}

/* ---- features ------------------------------------------------------------- */

typedef struct {
    const char *query;
    const char *article;   /* the hit to look at (its first passage) */
    const char *feature;
    double value;
} feature_case;

static feature_case feature_cases[] = {
    /* Each query word held, none in the form typed. */
    {"kirim senjata Rusia", "dunia/senjata-b.txt", "cover", 1.0},
    {"kirim", "dunia/senjata-b.txt", "cover", 1.0},       /* mengirim, pengiriman */
    {"kirim", "dunia/senjata-b.txt", "cover_exact", 0.0}, /* not as typed */
    {"pengiriman senjata ke Rusia", "dunia/senjata-b.txt", "pairs_exact", 0.0},
    {"kirim senjata Rusia", "dunia/senjata-a.txt", "all_words", 1.0},
    {"pengiriman senjata ke Rusia", "dunia/pelabuhan.txt", "run", 1.0},
    {"pengiriman senjata ke Rusia", "dunia/pelabuhan.txt", "window", 0.75}, /* 3 in 4 */
    /* Siapa: a capitalised word inside a sentence that the query lacks. */
    {"siapa yang meresmikan jembatan Lintang", "daerah/jembatan-lintang.txt", "who", 0.0},
    {"siapa memeriksa gudang senjata", "dunia/senjata-a.txt", "who", 1.0}, /* Rusia, Varna */
    {"siapa pelabuhan Varna Rusia", "dunia/senjata-a.txt", "who", 0.0},     /* all asked */
    {"siapa dipamerkan museum", "dunia/senjata-b.txt", "who", 1.0},  /* Rusia */
    {"siapa dipamerkan Rusia", "dunia/senjata-b.txt", "who", 0.0},   /* asked; the others
                                                                        open sentences */
    {"siapa pelabuhan timur", "dunia/pelabuhan.txt", "who", 1.0},
    /* Berapa: a number or a number word. */
    {"berapa kapal ditahan", "dunia/pelabuhan.txt", "how_many", 1.0},      /* tiga */
    {"berapa senjata dikirim", "dunia/senjata-b.txt", "how_many", 1.0},    /* dua */
    {"berapa senjata dikirim", "dunia/senjata-a.txt", "how_many", 0.0},
    /* Di mana: a capitalised word after di, ke, kota, pulau... */
    {"di mana kapal ditahan", "dunia/pelabuhan.txt", "where", 1.0},   /* di Pelabuhan Varna */
    {"dimana undangan dikirim", "dunia/senjata-b.txt", "where", 0.0}, /* daerah. Senjata */
    /* Mengapa: karena, sebab, akibat... (none here) */
    {"mengapa senjata dikirim", "dunia/senjata-b.txt", "why", 0.0},
    {"kapan senjata dipamerkan", "dunia/senjata-b.txt", "when", 0.0},
    /* No question word: no intent feature. */
    {"pelabuhan kapal", "dunia/pelabuhan.txt", "who", 0.0},
    {"pelabuhan kapal", "dunia/pelabuhan.txt", "first", 1.0},
    {"pelabuhan kapal", "dunia/pelabuhan.txt", "position", 1.0},
};

/* Checks one case of feature_cases. */
static void check_feature(const feature_case *c)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.features = 1;
    o.limit = 50;
    cari_results *res = run(c->query, &o);
    const cari_hit *h = NULL;
    for (size_t i = 0; i < cari_results_count(res) && !h; i++)
        if (!strcmp(cari_results_hit(res, i)->article, c->article))
            h = cari_results_hit(res, i);
    cr_assert_not_null(h, "%s: no hit in %s", c->query, c->article);
    cr_assert_eq(h->n_features, cari_feature_count());
    cr_expect(fabs(h->features[feature(c->feature)] - c->value) < 1e-12, "%s: %s = %g, want %g",
              c->query, c->feature, h->features[feature(c->feature)], c->value);
    cari_results_free(res);
}

Test(rank, features)
{
    for (size_t i = 0; i < sizeof feature_cases / sizeof feature_cases[0]; i++)
        check_feature(&feature_cases[i]);
}

/* ---- explain ---------------------------------------------------------------- */

Test(rank, explain_parts_add_up_to_the_scores)
{
    static const char *const queries[] = {
        "pengiriman senjata ke Rusia", "Kapan jembatan Lintang diresmikan?",
        "siapa meresmikan jembatan", "berapa kapal ditahan di pelabuhan", "Rusia",
    };
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.explain = 1;
    o.features = 1;
    o.limit = 20;
    cari_model *bundled = NULL;
    cr_assert_eq(cari_model_default(&bundled), CARI_OK);
    size_t hits = 0;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        cari_results *res = run(queries[q], &o);
        for (size_t i = 0; i < cari_results_count(res); i++, hits++) {
            const cari_hit *h = cari_results_hit(res, i);
            /* Each feature's part, then (a tree model's) the base. */
            size_t F = cari_feature_count();
            cr_assert(h->n_explain == F || h->n_explain == F + 1, "%zu parts", h->n_explain);
            double sum = 0;
            for (size_t k = 0; k < h->n_explain; k++) {
                cr_expect(h->explain[k].feature);
                cr_expect_str_eq(h->explain[k].term, k < F ? cari_feature_name(k) : "(base)");
                cr_expect_eq(h->explain[k].value, k < F ? h->features[k] : 0);
                sum += h->explain[k].contribution;
            }
            cr_expect_eq(cari_model_score(bundled, h->features), h->score);
            cr_expect(fabs(sum - h->score) < 1e-9, "%s: parts %.12g, score %.12g", queries[q],
                      sum, h->score);
            if (i)
                cr_expect_leq(h->score, cari_results_hit(res, i - 1)->score);
        }
        cari_results_free(res);
    }
    cari_model_free(bundled);
    cr_expect_gt(hits, 5);
}

/* Paging past the depth re-ranks the whole page: the same order as one
 * long page. */
Test(rank, pages_follow_one_ranking)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rerank_depth = 2;
    o.limit = 10;
    cari_results *all = run("senjata Rusia jembatan kapal", &o);
    size_t n = cari_results_count(all);
    cr_assert_gt(n, 3);
    o.limit = 2;
    cari_results *first = run("senjata Rusia jembatan kapal", &o);
    cr_expect_eq(cari_results_count(first), 2);
    cari_results_free(first);
    o.rerank_depth = 100;
    o.limit = 1;
    for (unsigned k = 0; k < n; k++) {
        o.offset = k;
        cari_results *page = run("senjata Rusia jembatan kapal", &o);
        cr_assert_eq(cari_results_count(page), 1);
        cr_expect_str_eq(cari_results_hit(page, 0)->article, cari_results_hit(all, k)->article);
        cr_expect_eq(cari_results_hit(page, 0)->passage, cari_results_hit(all, k)->passage);
        cr_expect_eq(cari_results_hit(page, 0)->rank, k + 1);
        cari_results_free(page);
    }
    cari_results_free(all);
}

/* ---- models ----------------------------------------------------------------- */

/* A model text: every feature with weight w_bm25 for bm25 and 0 else,
 * under the given header lines. */
static char *model_text(const char *header, double w_bm25)
{
    size_t cap = 8192, len = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    len += (size_t)snprintf(s + len, cap - len, "%s", header);
    for (size_t i = 0; i < cari_feature_count(); i++)
        len += (size_t)snprintf(s + len, cap - len, "%s %g 0 1\n", cari_feature_name(i),
                                i == 0 ? w_bm25 : 0.0);
    return s;
}

Test(rank, the_bundled_model_loads)
{
    cari_model *m = NULL;
    cr_expect_eq(cari_model_default(&m), CARI_OK, "%s", cari_model_errmsg(m));
    cr_expect_str_eq(cari_model_errmsg(m), "");
    cari_model_free(m);
}

Test(rank, a_model_of_bm25_alone_ranks_as_bm25)
{
    char *text = model_text("cari-rank-model 1\nfeature-set 1\n", 1.0);
    cari_model *m = NULL;
    cr_assert_eq(cari_model_parse(&m, "bm25.txt", text, strlen(text)), CARI_OK, "%s",
                 cari_model_errmsg(m));
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.model = m;
    cari_results *learned = run("senjata Rusia jembatan", &o);
    o.rank = CARI_RANK_BM25;
    cari_results *bm25 = run("senjata Rusia jembatan", &o);
    cr_assert_eq(cari_results_count(learned), cari_results_count(bm25));
    for (size_t i = 0; i < cari_results_count(bm25); i++) {
        cr_expect_str_eq(cari_results_hit(learned, i)->article, cari_results_hit(bm25, i)->article);
        cr_expect_eq(cari_results_hit(learned, i)->score, cari_results_hit(bm25, i)->score);
    }
    cari_results_free(learned);
    cari_results_free(bm25);
    cari_model_free(m);
    free(text);
}

typedef struct {
    const char *header;
    const char *extra;     /* appended after the features */
    cari_status status;
    const char *message;   /* a part of the error message */
} model_case;

static model_case model_cases[] = {
    {"cari-rank-model 1\nfeature-set 999\n", "", CARI_MISMATCH,
     "m.txt: model of feature set 999, this cari computes feature set 1"},
    {"cari-rank-model 3\nfeature-set 1\n", "", CARI_INVALID, "m.txt:1: not a cari ranking model"},
    {"# a comment\n\ncari-rank-model 1\nfeature-set one\n", "", CARI_INVALID,
     "m.txt:4: want \"feature-set N\""},
    {"cari-rank-model 1\nfeature-set 1\n", "bm25 1 0 1\n", CARI_INVALID,
     "feature \"bm25\" given twice"},
    {"cari-rank-model 1\nfeature-set 1\n", "colour 1 0 1\n", CARI_INVALID,
     "unknown feature \"colour\""},
    {"cari-rank-model 1\nfeature-set 1\n", "extra 1 0\n", CARI_INVALID,
     "want \"NAME WEIGHT MEAN SCALE\""},
    {"cari-rank-model 1\nfeature-set 1\n", "", CARI_OK, ""},
};

/* Checks one case of model_cases. */
static void check_model(const model_case *c)
{
    char *text = model_text(c->header, 1.0);
    char *all = malloc(strlen(text) + strlen(c->extra) + 1);
    cr_assert_not_null(all);
    strcpy(all, text);
    strcat(all, c->extra);
    cari_model *m = NULL;
    cr_expect_eq(cari_model_parse(&m, "m.txt", all, strlen(all)), c->status, "%s",
                 cari_model_errmsg(m));
    cr_expect(strstr(cari_model_errmsg(m), c->message), "%s", cari_model_errmsg(m));
    if (c->status) {
        /* A search with a refused model fails with its message. */
        cari_search_options o;
        cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
        o.model = m;
        cari_db *db;
        cari_results *res = NULL;
        cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
        cr_expect_eq(cari_search(db, "senjata", &o, &res), CARI_INVALID);
        cr_expect_null(res);
        cr_expect(strstr(cari_errmsg(db), c->message), "%s", cari_errmsg(db));
        cari_close(db);
    }
    cari_model_free(m);
    free(all);
    free(text);
}

Test(rank, models)
{
    for (size_t i = 0; i < sizeof model_cases / sizeof model_cases[0]; i++)
        check_model(&model_cases[i]);
}

Test(rank, missing_and_partial_models)
{
    cari_model *m = NULL;
    cr_expect_eq(cari_model_load(&m, "/nonexistent/model.txt"), CARI_IO);
    cr_expect(strstr(cari_model_errmsg(m), "/nonexistent/model.txt: "), "%s", cari_model_errmsg(m));
    cari_model_free(m);
    const char *partial = "cari-rank-model 1\nfeature-set 1\nbm25 1 0 1\n";
    cr_expect_eq(cari_model_parse(&m, "p.txt", partial, strlen(partial)), CARI_INVALID);
    cr_expect(strstr(cari_model_errmsg(m), "p.txt: feature \"bm25_rel\" missing"), "%s",
              cari_model_errmsg(m));
    cari_model_free(m);
    cr_expect_eq(cari_model_parse(&m, "e.txt", "", 0), CARI_INVALID);
    cari_model_free(m);
}
