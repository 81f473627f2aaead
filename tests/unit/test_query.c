/* The searcher's library features through cari.h on a small hand-made
 * corpus: synonym sets (format, errors, expansion as phrases), explain
 * parts against the scores (terms, title terms, phrases, synonym groups,
 * prefix*), per-article limits, exact totals, context passages, spelling
 * suggestions, and the operators' leniency. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "index_fixture.h"

static const char *const articles[][2] = {
    {"pertahanan/drone.txt",
     "Tentara Berlatih Drone\n\n"
     "Tentara Arvenia berlatih menerbangkan drone pengintai setiap pagi.\n"
     "Pelatihan drone serang dipimpin pelatih dari Ostmark.\n"
     "Analis menyebut Korea Utara juga melatih pasukan drone.\n"
     "Latihan ditutup dengan parade.\n"},
    {"pertahanan/korut.txt",
     "Korut Uji Rudal\n\n"
     "Korut menguji rudal balistik baru.\n"
     "Pasukan Korut dilatih mengoperasikan drone serang.\n"},
    {"ekonomi/bank.txt",
     "Bank Indonesia menaikkan suku bunga acuan.\n"
     "BI menyebut inflasi terkendali.\n"},
};

static void build_index(void)
{
    fixture_build("/tmp/cari-query-XXXXXX", articles, sizeof articles / sizeof articles[0]);
}

TestSuite(query, .init = build_index, .fini = remove_dir);

static int has(const cari_results *res, const char *article, unsigned passage)
{
    for (size_t i = 0; i < cari_results_count(res); i++) {
        const cari_hit *h = cari_results_hit(res, i);
        if (!strcmp(h->article, article) && h->passage == passage)
            return 1;
    }
    return 0;
}

/* ---- synonym sets -------------------------------------------------------- */

Test(query, synonym_text_format)
{
    cari_synonyms *s;
    cr_assert_eq(cari_synonyms_new(&s), CARI_OK);
    const char ok[] = "# komentar\n\nKorut, Korea Utara  # akhir baris\r\nAS,Amerika Serikat\n";
    cr_expect_eq(cari_synonyms_add_text(s, "ok", ok, sizeof ok - 1), CARI_OK,
                 "%s", cari_synonyms_errmsg(s));
    cr_expect_eq(cari_synonyms_count(s), 2);
    static const char *const bad[][2] = {
        {"a, b\nsatu\n", "bad:2: a group needs two members"},
        {"a, , b\n", "bad:1: an empty member"},
        {"a, satu dua tiga empat lima enam tujuh delapan sembilan\n", "bad:1: a member longer"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_expect_eq(cari_synonyms_add_text(s, "bad", bad[i][0], strlen(bad[i][0])),
                     CARI_INVALID, "%s", bad[i][0]);
        cr_expect(strstr(cari_synonyms_errmsg(s), bad[i][1]) != NULL, "%s: %s", bad[i][0],
                  cari_synonyms_errmsg(s));
    }
    cr_expect_eq(cari_synonyms_add_file(s, "/nonexistent/syn.txt"), CARI_IO);
    cr_expect(strstr(cari_synonyms_errmsg(s), "/nonexistent/syn.txt") != NULL);
    cari_synonyms_free(s);
    cari_synonyms_free(NULL);
}

Test(query, bundled_synonyms_expand_abbreviations_as_phrases)
{
    cari_synonyms *s;
    cr_assert_eq(cari_synonyms_new(&s), CARI_OK);
    cr_assert_eq(cari_synonyms_add_default(s), CARI_OK, "%s", cari_synonyms_errmsg(s));
    cr_expect(cari_synonyms_count(s) >= 40);
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rank = CARI_RANK_BM25; /* how BM25 weighs a synonym's phrase */
    o.synonyms = s;
    cari_results *res = run("Korut", &o);
    cr_expect(has(res, "pertahanan/drone.txt", 3), "Korea Utara found by Korut");
    cr_expect(has(res, "pertahanan/korut.txt", 1));
    cari_results_free(res);
    /* The other way round, and a phrase: "Korea" alone or "Utara" alone is
     * not Korut. */
    res = run("Korea Utara", &o);
    cr_expect(has(res, "pertahanan/korut.txt", 2), "Korut found by Korea Utara");
    cari_results_free(res);
    res = run("BI", &o);
    cr_expect(has(res, "ekonomi/bank.txt", 1), "Bank Indonesia found by BI");
    cari_results_free(res);
    o.synonyms = NULL;
    res = run("BI", &o);
    cr_expect(!has(res, "ekonomi/bank.txt", 1), "no synonyms without the set");
    cari_results_free(res);
    /* Korut dilatih drone ranks the Korea Utara passage among the best. */
    o.synonyms = s;
    res = run("Korut dilatih drone", &o);
    cr_assert(cari_results_count(res) >= 2);
    cr_expect(!strcmp(cari_results_hit(res, 0)->article, "pertahanan/drone.txt") ||
              !strcmp(cari_results_hit(res, 1)->article, "pertahanan/drone.txt"));
    cari_results_free(res);
    cari_synonyms_free(s);
}

/* ---- explain ------------------------------------------------------------- */

Test(query, explain_parts_add_up_to_the_scores)
{
    static const char *const queries[] = {
        "drone pelatihan", "Korut dilatih drone", "lati*", "\"drone serang\" tentara",
        "judul:drone pasukan", "tentara NEAR drone", "(drone OR rudal) AND NOT parade",
        "+pasukan drone -bank", "BI suku bunga", "tentara-tentara drone",
        /* Xapian 1.4.22 miscounts FILTER(x AND_MAYBE phrase, f): the
         * parser puts the filter under the AND_MAYBE. */
        "tentara NEAR/3 drone artikel:pertahanan/ +(pasukan +drone)",
        "\"drone serang\" artikel:pertahanan/drone.txt +(parade OR pasukan)",
    };
    cari_synonyms *s;
    cr_assert_eq(cari_synonyms_new(&s), CARI_OK);
    cr_assert_eq(cari_synonyms_add_default(s), CARI_OK);
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.synonyms = s;
    o.explain = 1;
    o.rank = CARI_RANK_BM25; /* the parts of BM25 (the learned ranking explains features) */
    o.limit = 100;
    size_t groups = 0, titles = 0;
    for (size_t qi = 0; qi < sizeof queries / sizeof queries[0]; qi++) {
        cari_results *res = run(queries[qi], &o);
        cr_expect(cari_results_count(res) > 0, "%s", queries[qi]);
        for (size_t i = 0; i < cari_results_count(res); i++) {
            const cari_hit *h = cari_results_hit(res, i);
            double sum = 0;
            cr_expect(h->n_explain > 0);
            for (size_t k = 0; k < h->n_explain; k++) {
                const cari_explain *e = &h->explain[k];
                double want = e->factor * e->idf * (o.k1 + 1) * e->tf / (o.k1 + e->tf);
                /* tf is a count of occurrences times the passage's length
                 * weight w, in sixteenths (cari.h). */
                double w = fmax(floor(16 / (0.25 + 0.75 * e->length / e->avg_length) + 0.5), 1);
                double occurrences = e->tf * 16 / w;
                if (strcmp(e->term, "(rest)"))
                    cr_expect(occurrences >= 1 && fabs(occurrences - round(occurrences)) < 1e-9,
                              "%s: %s: tf %g at length %g", queries[qi], e->term, e->tf,
                              e->length);
                cr_expect(fabs(want - e->contribution) < 1e-9, "%s: %s", queries[qi], e->term);
                cr_expect(strcmp(e->term, "?"), "%s: an unlabelled part", queries[qi]);
                groups += strchr(e->term, '|') || strchr(e->term, '*');
                titles += !strncmp(e->term, "judul:", 6);
                sum += e->contribution;
            }
            cr_expect(fabs(sum - h->score) < 1e-9, "%s %s #%u: %.12f != %.12f", queries[qi],
                      h->article, h->passage, sum, h->score);
        }
        cari_results_free(res);
    }
    cr_expect(groups > 0, "synonym groups and prefixes are explained");
    cr_expect(titles > 0, "title terms are explained");
    cari_synonyms_free(s);
}

/* ---- results -------------------------------------------------------------- */

Test(query, per_article_total_and_context)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rank = CARI_RANK_BM25; /* per_article keeps each article's best BM25 passage */
    o.limit = 100;
    o.exact_total = 1;
    cari_results *all = run("drone", &o);
    cr_expect_eq(cari_results_total(all), cari_results_count(all));
    o.per_article = 1;
    cari_results *one = run("drone", &o);
    cr_expect_eq(cari_results_count(one), 2, "two articles speak of drones");
    cr_expect_eq(cari_results_total(one), 2);
    cr_expect_str_eq(cari_results_hit(one, 0)->article, cari_results_hit(all, 0)->article);
    cr_expect_eq(cari_results_hit(one, 0)->passage, cari_results_hit(all, 0)->passage);
    cari_results_free(all);
    cari_results_free(one);

    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.context = 1;
    cari_results *res = run("parade", &o);
    cr_assert_eq(cari_results_count(res), 1);
    const cari_hit *h = cari_results_hit(res, 0);
    cr_assert_eq(h->passage, 4);
    cr_assert_eq(h->n_context, 1, "the last passage has one neighbour");
    cr_expect_eq(h->context[0].passage, 3);
    cr_expect(strstr(h->context[0].text, "Korea Utara") != NULL);
    cari_results_free(res);
    o.context = 2;
    res = run("\"drone serang dipimpin\"", &o);
    h = cari_results_hit(res, 0);
    cr_assert_eq(h->n_context, 3);
    cr_expect_eq(h->context[0].passage, 1);
    cr_expect_eq(h->context[1].passage, 3);
    cr_expect_eq(h->context[2].passage, 4);
    cari_results_free(res);
}

Test(query, spelling_suggestion_and_fix)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.spelling = 1;
    cari_results *res = run("dronne parade", &o);
    cr_assert_not_null(cari_results_suggestion(res));
    cr_expect_str_eq(cari_results_suggestion(res), "drone parade");
    cr_expect_eq(cari_results_fixed(res), 0);
    cr_expect_eq(cari_results_count(res), 1, "parade only");
    cari_results_free(res);
    o.fix = 1;
    res = run("dronne parade", &o);
    cr_expect_eq(cari_results_fixed(res), 1);
    cr_expect(cari_results_count(res) > 1);
    cari_results_free(res);
    res = run("melatihkan", &o); /* unknown form, known stem: no suggestion */
    cr_expect_null(cari_results_suggestion(res));
    cari_results_free(res);
    res = run("rudal uji", &o); /* uji is in a title only */
    cr_expect_null(cari_results_suggestion(res));
    cari_results_free(res);
    o.spelling = 0;
    res = run("dronne", &o);
    cr_expect_null(cari_results_suggestion(res));
    cari_results_free(res);
}

/* ---- leniency ------------------------------------------------------------- */

/* Each malformed query reads as the well-formed one beside it. */
static const char *const lenient[][2] = {
    {"drone AND", "drone"},
    {"OR drone", "drone"},
    {"(drone OR rudal", "drone OR rudal"},
    {") rudal (", "rudal"},
    {"\"drone serang", "\"drone serang\""},
    {"drone NEAR", "drone"},
    {"NOT parade", "-parade"},
    {"drone AND AND rudal", "drone AND rudal"},
    {"((((((((((((((((((((((((((((((((((((((((drone", "drone"},
};

Test(query, malformed_queries_read_leniently)
{
    for (size_t i = 0; i < sizeof lenient / sizeof lenient[0]; i++) {
        cari_search_options o;
        cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
        o.limit = 100;
        cari_results *a = run(lenient[i][0], &o), *b = run(lenient[i][1], &o);
        cr_expect_eq(cari_results_count(a), cari_results_count(b), "%s", lenient[i][0]);
        for (size_t k = 0; k < cari_results_count(a) && k < cari_results_count(b); k++) {
            cr_expect_str_eq(cari_results_hit(a, k)->article, cari_results_hit(b, k)->article);
            cr_expect_eq(cari_results_hit(a, k)->passage, cari_results_hit(b, k)->passage,
                         "%s", lenient[i][0]);
            cr_expect(fabs(cari_results_hit(a, k)->score - cari_results_hit(b, k)->score) < 1e-9);
        }
        cari_results_free(a);
        cari_results_free(b);
    }
    cari_db *db;
    cari_results *res = (cari_results *)1;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_expect_eq(cari_search(db, "AND OR ( ) \"\"", NULL, &res), CARI_INVALID);
    cr_expect_null(res);
    cari_close(db);
}
