/* Indexing and searching through cari.h on a small hand-made corpus:
 * BM25 scores against a brute-force computation of the documented
 * formula, stemming alike at index and query time, the query language,
 * highlights, snippets, updates and the error statuses of cari_open(). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cari.h"
#include "index_fixture.h"
#include "stemmer_id.h"
#include "xc.h"

/* The corpus: id, text (title, blank line, paragraphs). */
static const char *const articles[][2] = {
    {"pertahanan/drone.txt",
     "Tentara Berlatih Drone\n\n"
     "Tentara Arvenia berlatih menerbangkan drone pengintai setiap pagi.\n"
     "Pelatihan drone serang dipimpin pelatih dari Ostmark, yang melatih 11.000 prajurit.\n"
     "Senapan AK-12 dan senjata anti-tank juga dipakai dalam latihan gabungan.\n"},
    {"pertahanan/kiriman.txt",
     "Ostmark Kirim Bantuan\n\n"
     "Ostmark mengirim drone ke Tasmara. Pengiriman kedua dijadwalkan bulan depan.\n"
     "Tentara-tentara Tasmara dilatih memakai drone kiriman itu.\n"},
    {"ekonomi/harga.txt",
     "Harga Beras Naik\n\n"
     "Harga beras naik 2,5 persen pekan ini di pasar Banyuarga.\n"
     "Pedagang mengirim beras dari gudang ke pasar setiap pagi.\n"},
    {"olahraga/maraton.txt",
     "Pelari berlari-lari di jalan raya kota pada pagi hari.\n"
     "Panitia maraton menyiapkan air minum bagi pelari.\n"},
};
#define N_ARTICLES (sizeof articles / sizeof articles[0])

/* This file tests the first pass, BM25 (the learned ranking over it:
 * test_rank.c): every search here ranks with BM25 alone. */
static cari_search_options bm25_opts;   /* set by build_index() */

static void build_index(void)
{
    fixture_build("/tmp/cari-search-XXXXXX", articles, N_ARTICLES);
    cari_search_options_init(&bm25_opts, CARI_SEARCH_OPTIONS_VERSION);
    bm25_opts.rank = CARI_RANK_BM25;
}

TestSuite(search, .init = build_index, .fini = remove_dir);


/* Whether some hit of res belongs to article `id`. */
static int has_article(const cari_results *res, const char *id)
{
    for (size_t i = 0; i < cari_results_count(res); i++)
        if (!strcmp(cari_results_hit(res, i)->article, id))
            return 1;
    return 0;
}

/* ---- BM25 against brute force ------------------------------------------ */

/* One passage of the corpus as brute force sees it. */
typedef struct {
    char id[64];
    unsigned number;
    char stems[64][32];
    size_t n_words;
    char title_stems[16][32];
    size_t n_title;
} bf_passage;

typedef struct {
    stemmer_id *stemmer;
    char (*out)[32];
    size_t *n;
} bf_collect;

static int bf_word(void *ctx, const cari_token *t)
{
    bf_collect *c = ctx;
    size_t len;
    const char *s = stemmer_id_stem(c->stemmer, t->term, t->term_len, &len);
    snprintf(c->out[(*c->n)++], 32, "%.*s", (int)len, s);
    return 0;
}

/* Splits the corpus into passages (every paragraph here is short). */
static size_t bf_passages(bf_passage *p, stemmer_id *st)
{
    size_t n = 0;
    for (size_t a = 0; a < N_ARTICLES; a++) {
        const char *text = articles[a][1];
        const char *title = NULL, *body = text;
        size_t title_len = 0;
        const char *blank = strstr(text, "\n\n");
        if (blank && !memchr(text, '\n', (size_t)(blank - text))) {
            title = text;
            title_len = (size_t)(blank - text);
            body = blank + 2;
        }
        unsigned number = 0;
        while (*body) {
            const char *nl = strchr(body, '\n');
            size_t len = nl ? (size_t)(nl - body) : strlen(body);
            if (len) {
                bf_passage *q = &p[n++];
                memset(q, 0, sizeof *q);
                strcpy(q->id, articles[a][0]);
                q->number = ++number;
                bf_collect c = {st, q->stems, &q->n_words};
                cari_tokenize(body, len, bf_word, &c);
                if (title) {
                    bf_collect t = {st, q->title_stems, &q->n_title};
                    cari_tokenize(title, title_len, bf_word, &t);
                }
            }
            body += len + (nl ? 1 : 0);
        }
    }
    return n;
}

/* The README's formula for one term: tf occurrences in a passage of
 * `words` words (title words included), n of N passages holding it.
 * Index format 6 normalizes tf for length when it indexes, in sixteenths,
 * at the index's b around a pivot of 80 words. */
static double bm25(double tf, double n, double N, double words, double k1, double b)
{
    if (tf == 0)
        return 0;
    double r = (N - n + 0.5) / (n + 0.5);
    if (r < 2)
        r = r * 0.5 + 1;
    double w = floor(16 / ((1 - b) + b * words / 80) + 0.5);
    double tfn = tf * fmax(w, 1) / 16;
    return log(r) * (k1 + 1) * tfn / (k1 + tfn);
}

static double bf_score(const bf_passage *ps, size_t np, const bf_passage *p,
                       char stems[][32], size_t nq, double k1, double b, double tw)
{
    double words = (double)(p->n_words + p->n_title), score = 0;
    for (size_t q = 0; q < nq; q++) {
        double tf = 0, ttf = 0, n = 0, tn = 0;
        for (size_t i = 0; i < p->n_words; i++)
            tf += !strcmp(p->stems[i], stems[q]);
        for (size_t i = 0; i < p->n_title; i++)
            ttf += !strcmp(p->title_stems[i], stems[q]);
        for (size_t j = 0; j < np; j++) {
            int in = 0, tin = 0;
            for (size_t i = 0; i < ps[j].n_words; i++)
                in |= !strcmp(ps[j].stems[i], stems[q]);
            for (size_t i = 0; i < ps[j].n_title; i++)
                tin |= !strcmp(ps[j].title_stems[i], stems[q]);
            n += in;
            tn += tin;
        }
        score += bm25(tf, n, (double)np, words, k1, b);
        score += tw * bm25(ttf, tn, (double)np, words, k1, b);
    }
    return score;
}

/* Rebuilds the fixture's index with BM25's b = `b`. */
/* A writer's options for a rebuild. */
static const cari_write_options rebuild_opts = {.version = CARI_WRITE_OPTIONS_VERSION,
                                                .flags = CARI_WRITE_REBUILD};

static void rebuild_with_b(double b)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, &rebuild_opts), CARI_OK);
    cr_assert_eq(cari_set_bm25_b(w_db, b), CARI_OK, "%s", cari_writer_errmsg(w_db));
    for (size_t i = 0; i < N_ARTICLES; i++)
        cr_assert_eq(cari_add_text(w_db, articles[i][0], articles[i][1], strlen(articles[i][1]),
                                   NULL),
                     CARI_OK, "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_writer_close(w_db);
}

Test(search, bm25_scores_match_brute_force)
{
    static const char *queries[] = {"drone pelatihan", "mengirim beras pagi", "tentara",
                                    "pelari maraton air"};
    static const double k1s[] = {1.2, 0.9, 2.0, 0.0}, bs[] = {0.75, 0.4, 1.0, 0.0};
    stemmer_id *st = stemmer_id_new(STEMMER_ID_FULL);
    bf_passage *ps = calloc(32, sizeof *ps);
    size_t np = bf_passages(ps, st);
    for (size_t bi = 0; bi < sizeof bs / sizeof bs[0]; bi++) {
        if (bi) /* the fixture is built with the default b, 0.75 */
            rebuild_with_b(bs[bi]);
        double b = bs[bi];
        for (size_t qi = 0; qi < sizeof queries / sizeof queries[0]; qi++) {
            char qstems[8][32];
            size_t nq = 0;
            bf_collect c = {st, qstems, &nq};
            cari_tokenize(queries[qi], strlen(queries[qi]), bf_word, &c);
            for (size_t pi = 0; pi < sizeof k1s / sizeof k1s[0]; pi++) {
                cari_search_options o;
                cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
                o.rank = CARI_RANK_BM25;
    o.rank = CARI_RANK_BM25;
                o.k1 = k1s[pi];
                o.limit = 100;
                cari_results *res = run(queries[qi], &o);
                size_t matched = 0;
                for (size_t j = 0; j < np; j++)
                    matched += bf_score(ps, np, &ps[j], qstems, nq, o.k1, b, o.title_weight) > 0;
                cr_expect_eq(cari_results_count(res), matched, "%s: hit count", queries[qi]);
                for (size_t i = 0; i < cari_results_count(res); i++) {
                    const cari_hit *h = cari_results_hit(res, i);
                    const bf_passage *p = NULL;
                    for (size_t j = 0; j < np; j++)
                        if (!strcmp(ps[j].id, h->article) && ps[j].number == h->passage)
                            p = &ps[j];
                    cr_assert_not_null(p, "%s #%u", h->article, h->passage);
                    double want = bf_score(ps, np, p, qstems, nq, o.k1, b, o.title_weight);
                    cr_expect(fabs(h->score - want) < 1e-6,
                              "%s k1=%g b=%g %s #%u: %.9f != %.9f", queries[qi], o.k1, b,
                              h->article, h->passage, h->score, want);
                    if (i)
                        cr_expect(h->score <= cari_results_hit(res, i - 1)->score);
                }
                cari_results_free(res);
            }
        }
    }
    free(ps);
    stemmer_id_delete(st);
}

Test(search, bm25_b_is_chosen_when_the_index_is_built)
{
    cari_writer *w_db;
    cari_db *db;
    cari_stats stats;
    /* Only a writer sets it (cari_set_bm25_b() takes a cari_writer); an
     * index with passages keeps its own. */
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_assert_eq(cari_get_stats(db, &stats), CARI_OK);
    cr_expect_eq(stats.bm25_b, CARI_DEFAULT_B);
    cari_close(db);
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    cr_expect_eq(cari_set_bm25_b(w_db, CARI_DEFAULT_B), CARI_OK);
    cr_expect_eq(cari_set_bm25_b(w_db, 0.5), CARI_INVALID);
    cr_expect(strstr(cari_writer_errmsg(w_db), "rebuild") != NULL, "%s", cari_writer_errmsg(w_db));
    cr_expect_eq(cari_set_bm25_b(w_db, 1.5), CARI_INVALID);
    cr_expect_eq(cari_set_bm25_b(w_db, NAN), CARI_INVALID);
    cari_writer_close(w_db);

    /* A rebuild takes a new b before its first article, and records it. */
    rebuild_with_b(0.3);
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_assert_eq(cari_get_stats(db, &stats), CARI_OK);
    cr_expect_eq(stats.bm25_b, 0.3);
    cari_close(db);
    cr_assert_eq(cari_writer_open(&w_db, index_path, &rebuild_opts), CARI_OK);
    cr_assert_eq(cari_add_text(w_db, "x.txt", "drone", 5, NULL), CARI_OK);
    cr_expect_eq(cari_set_bm25_b(w_db, 0.6), CARI_INVALID);
    cr_expect(strstr(cari_writer_errmsg(w_db), "before the first article") != NULL, "%s",
              cari_writer_errmsg(w_db));
    cari_writer_close(w_db); /* discards the rebuild */

    /* An update keeps the recorded b: its new passages are weighed alike. */
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    cr_expect_eq(cari_set_bm25_b(w_db, 0.3), CARI_OK);
    cari_writer_close(w_db);

    /* Indexes searched as one must share their b. */
    char other[160];
    snprintf(other, sizeof other, "%s/other", dir);
    cr_assert_eq(cari_writer_open(&w_db, other, NULL), CARI_OK);
    cr_assert_eq(cari_add_text(w_db, "y.txt", "drone", 5, NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    const char *both[] = {index_path, other};
    cr_expect_eq(cari_open_shards(&db, both, 2, CARI_OPEN_READ), CARI_MISMATCH);
    cr_expect(strstr(cari_errmsg(db), "b = 0.75") != NULL, "%s", cari_errmsg(db));
    cari_close(db);
}

Test(search, stemmed_forms_find_each_other)
{
    /* pelatihan, melatih, dilatih, berlatih share the root latih. */
    cari_results *res = run("dilatih", &bm25_opts);
    cr_expect(has_article(res, "pertahanan/drone.txt"));
    cr_expect(has_article(res, "pertahanan/kiriman.txt"));
    cari_results_free(res);
    res = run("pengiriman", &bm25_opts);
    cr_expect(has_article(res, "ekonomi/harga.txt"), "pengiriman finds mengirim");
    cari_results_free(res);
}

Test(search, capitalised_queries_match_like_lower_case)
{
    cari_results *a = run("Drone Pelatihan", &bm25_opts), *b = run("drone pelatihan", &bm25_opts);
    cr_assert_eq(cari_results_count(a), cari_results_count(b));
    for (size_t i = 0; i < cari_results_count(a); i++)
        cr_expect_eq(cari_results_hit(a, i)->score, cari_results_hit(b, i)->score);
    cari_results_free(a);
    cari_results_free(b);
}

Test(search, phrase_needs_adjacent_words)
{
    cari_results *res = run("\"drone serang\"", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 1);
    cr_expect_str_eq(cari_results_hit(res, 0)->article, "pertahanan/drone.txt");
    cr_expect_eq(cari_results_hit(res, 0)->passage, 2);
    cari_results_free(res);
    res = run("\"serang drone\"", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
}

/* The commonest function words are indexed without positions: in a
 * phrase each holds the place of at most one word, and NEAR leaves them
 * out.  Other stopwords keep their places. */
Test(search, function_words_in_phrases_and_near)
{
    cari_writer *w_db;
    /* p2: "... pelatih dari Ostmark, yang melatih 11.000 prajurit."
     * p3: "Senapan AK-12 dan senjata anti-tank juga dipakai ..." */
    static const struct {
        const char *query;
        unsigned passage; /* of pertahanan/drone.txt; 0: no hit */
    } cases[] = {
        {"\"Ostmark yang melatih\"", 2},
        {"\"Ostmark untuk melatih\"", 2},     /* any one word in its place */
        {"\"Ostmark melatih\"", 0},           /* the word still takes its place */
        {"\"Ostmark yang yang melatih\"", 2}, /* at most: the window is 4 */
        {"\"prajurit yang melatih\"", 0},     /* order still counts */
        {"\"juga dan\"", 3},                  /* such words only: all, anywhere */
        {"yang NEAR prajurit", 2},
        {"\"pelatih dari Ostmark\"", 2},      /* dari keeps its place: */
        {"\"pelatih ke Ostmark\"", 0},        /* ke does not stand for it */
        {"\"Ostmark yang\" NEAR prajurit", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cari_results *res = run(cases[i].query, &bm25_opts);
        cr_expect_eq(cari_results_count(res), cases[i].passage ? 1 : 0, "%s: %zu hits",
                     cases[i].query, cari_results_count(res));
        if (cari_results_count(res) == 1) {
            cr_expect_str_eq(cari_results_hit(res, 0)->article, "pertahanan/drone.txt",
                             "%s", cases[i].query);
            cr_expect_eq(cari_results_hit(res, 0)->passage, cases[i].passage, "%s",
                         cases[i].query);
        }
        cari_results_free(res);
    }
    /* Such a word at the edge of a phrase is dropped, not required next to it. */
    cari_results *a = run("\"yang melatih\"", &bm25_opts), *b = run("melatih", &bm25_opts);
    cr_expect_eq(cari_results_count(a), cari_results_count(b));
    cari_results_free(a);
    cari_results_free(b);
    /* A stopword that tells names apart keeps its place. */
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    const char *text = "Menteri Luar Negeri bertemu duta besar.\n";
    cr_assert_eq(cari_add_text(w_db, "luar.txt", text, strlen(text), NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    a = run("\"Menteri Dalam Negeri\"", &bm25_opts);
    b = run("\"Menteri Luar Negeri\"", &bm25_opts);
    cr_expect_eq(cari_results_count(a), 0);
    cr_expect_eq(cari_results_count(b), 1);
    cari_results_free(a);
    cari_results_free(b);
}

Test(search, numbers_with_thousands_dots)
{
    cari_results *res = run("11000", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 1);
    const cari_hit *h = cari_results_hit(res, 0);
    cr_assert_eq(h->n_highlights, 1);
    cr_expect(!strncmp(h->text + h->highlights[0].start, "11.000", 6));
    cari_results_free(res);
    res = run("2,5", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 1);
    cari_results_free(res);
}

Test(search, hyphenated_words_by_part_and_whole)
{
    cari_results *res = run("AK-12", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 1);
    cari_results_free(res);
    res = run("tank", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 1);
    cari_results_free(res);
    res = run("tentara", &bm25_opts); /* tentara-tentara indexes tentara */
    cr_expect(has_article(res, "pertahanan/kiriman.txt"));
    cari_results_free(res);
    res = run("lari", &bm25_opts); /* berlari-lari */
    cr_expect(has_article(res, "olahraga/maraton.txt"));
    cari_results_free(res);
}

Test(search, title_field_and_title_weight)
{
    cari_results *res = run("judul:beras", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 2, "both passages of the beras article");
    cr_expect_str_eq(cari_results_hit(res, 0)->article, "ekonomi/harga.txt");
    cari_results_free(res);
    res = run("judul:maraton", &bm25_opts); /* that article has no title */
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
    /* "Kirim" is in a title only: it matches, weaker than in a body. */
    res = run("kirim", &bm25_opts);
    cr_assert(cari_results_count(res) >= 2);
    cari_results_free(res);
}

Test(search, must_and_must_not)
{
    cari_results *res = run("drone -tasmara", &bm25_opts);
    cr_expect(!has_article(res, "pertahanan/kiriman.txt"));
    cr_expect(has_article(res, "pertahanan/drone.txt"));
    cari_results_free(res);
    res = run("pagi +beras", &bm25_opts);
    cr_assert(cari_results_count(res) >= 1);
    for (size_t i = 0; i < cari_results_count(res); i++)
        cr_expect_str_eq(cari_results_hit(res, i)->article, "ekonomi/harga.txt");
    cari_results_free(res);
}

Test(search, match_all_requires_every_word)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rank = CARI_RANK_BM25;
    o.match_all = 1;
    cari_results *res = run("drone tasmara", &o);
    for (size_t i = 0; i < cari_results_count(res); i++)
        cr_expect_str_eq(cari_results_hit(res, i)->article, "pertahanan/kiriman.txt");
    cr_expect(cari_results_count(res) >= 1);
    cari_results_free(res);
}

Test(search, question_words_are_dropped_but_stopword_queries_work)
{
    cari_results *a = run("Siapakah yang melatih prajurit?", &bm25_opts), *b = run("melatih prajurit", &bm25_opts);
    cr_assert_eq(cari_results_count(a), cari_results_count(b));
    for (size_t i = 0; i < cari_results_count(a); i++)
        cr_expect(fabs(cari_results_hit(a, i)->score - cari_results_hit(b, i)->score) < 1e-9);
    cari_results_free(a);
    cari_results_free(b);
    cari_results *c = run("yang itu", &bm25_opts); /* only stopwords: still searched */
    cr_expect(cari_results_count(c) >= 1);
    cari_results_free(c);
}

Test(search, highlights_point_at_matched_words)
{
    cari_results *res = run("pelatihan drone", &bm25_opts);
    cr_assert(cari_results_count(res) > 0);
    for (size_t i = 0; i < cari_results_count(res); i++) {
        const cari_hit *h = cari_results_hit(res, i);
        cr_expect(h->n_highlights > 0);
        for (size_t k = 0; k < h->n_highlights; k++) {
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(h->highlights[k].end - h->highlights[k].start),
                     h->text + h->highlights[k].start);
            cr_expect(!strcasecmp(word, "drone") || strstr(word, "latih") || strstr(word, "Latih"),
                      "highlighted \"%s\"", word);
        }
        for (size_t k = 0; k < h->n_snippet_highlights; k++) {
            cari_span s = h->snippet_highlights[k];
            cr_expect(s.end <= strlen(h->snippet));
        }
    }
    cari_results_free(res);
}

Test(search, no_snippets_keeps_hits_and_scores)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rank = CARI_RANK_BM25;
    cari_results *full = run("pelatihan drone", &o);
    o.no_snippets = 1;
    cari_results *bare = run("pelatihan drone", &o);
    cr_assert_eq(cari_results_count(full), cari_results_count(bare));
    cr_assert_gt(cari_results_count(bare), 0);
    for (size_t i = 0; i < cari_results_count(bare); i++) {
        const cari_hit *a = cari_results_hit(full, i), *b = cari_results_hit(bare, i);
        cr_expect_str_eq(a->article, b->article);
        cr_expect_eq(a->passage, b->passage);
        cr_expect_eq(a->score, b->score);
        cr_expect_str_eq(a->text, b->text);
        cr_expect_str_eq(b->snippet, "");
        cr_expect_eq(b->n_highlights, 0);
        cr_expect_gt(a->n_highlights, 0);
    }
    cari_results_free(full);
    cari_results_free(bare);
}

/* Pseudo-relevance feedback: the best passage's words join the query at
 * a tenth of a word's weight, so passages sharing them (but not the query
 * word) are found too, below the ones with the word. */
Test(search, feedback_adds_the_best_passages_words)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.rank = CARI_RANK_BM25;
    o.title_weight = 0;
    o.limit = 20;
    cari_results *plain = run("tasmara", &o);
    cr_assert_gt(cari_results_count(plain), 0);
    cr_expect(!has_article(plain, "pertahanan/drone.txt"));
    o.feedback = 10;
    o.explain = 1;
    cari_results *fb = run("tasmara", &o);
    cr_assert_gt(cari_results_count(fb), cari_results_count(plain));
    cr_expect(has_article(fb, "pertahanan/drone.txt")); /* drone, ostmark */
    const cari_hit *a = cari_results_hit(plain, 0), *b = cari_results_hit(fb, 0);
    cr_expect_str_eq(a->article, b->article);
    cr_expect_eq(a->passage, b->passage);
    for (size_t i = 0; i < cari_results_count(fb); i++) {
        const cari_hit *h = cari_results_hit(fb, i);
        double sum = 0;
        int tasmara = 0;
        for (size_t k = 0; k < h->n_explain; k++) {
            const cari_explain *e = &h->explain[k];
            sum += e->contribution;
            if (!strcmp(e->term, "tasmara"))
                tasmara = 1;
            else
                cr_expect(!strcmp(e->term, "(feedback)") &&
                              fabs(e->factor - CARI_DEFAULT_FEEDBACK_WEIGHT) < 1e-12,
                          "%s x %g", e->term, e->factor);
        }
        cr_expect(fabs(sum - h->score) < 1e-9, "parts %g, score %g", sum, h->score);
        /* The passages without the word come after those with it. */
        if (!strcmp(h->article, "pertahanan/drone.txt"))
            cr_expect(!tasmara && i >= cari_results_count(plain));
    }
    cari_results_free(plain);
    cari_results_free(fb);

    cari_db *db;
    cari_results *res = NULL;
    o.feedback_weight = -1;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_expect_eq(cari_search(db, "tasmara", &o, &res), CARI_INVALID);
    cr_expect_null(res);
    cari_close(db);
}

Test(search, empty_query_is_invalid)
{
    cari_db *db;
    cari_results *res = (cari_results *)1;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_expect_eq(cari_search(db, "  ?! ", NULL, &res), CARI_INVALID);
    cr_expect_null(res);
    cr_expect(strlen(cari_errmsg(db)) > 0);
    cari_close(db);
}

/* ---- updates ----------------------------------------------------------- */

Test(search, re_adding_an_article_replaces_it)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    const char *text = "Judul Baru\n\nSatu paragraf tentang kereta.\n";
    cr_assert_eq(cari_add_text(w_db, "pertahanan/drone.txt", text, strlen(text), NULL), CARI_OK);
    cr_assert_eq(cari_remove(w_db, "ekonomi/harga.txt"), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    cari_results *res = run("\"drone serang\"", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
    res = run("kereta", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 1);
    cr_expect_str_eq(cari_results_hit(res, 0)->title, "Judul Baru");
    cari_results_free(res);
    res = run("beras", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
}

/* Adds (or changes) one article through a writer and commits. */
static size_t put_article(const char *id, const char *title, const char *text)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    cr_assert_eq(cari_add_article(w_db, id, title, text, strlen(text), NULL), CARI_OK,
                 "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    size_t written = cari_passages_indexed(w_db);
    cari_writer_close(w_db);
    return written;
}

/* The passages matching `query`, as "number:title" in rank order. */
static void expect_passages(const char *query, const char *want)
{
    cari_results *res = run(query, &bm25_opts);
    char got[256] = "";
    for (size_t i = 0; i < cari_results_count(res); i++) {
        const cari_hit *h = cari_results_hit(res, i);
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%u:%s", i ? " " : "", h->passage,
                 h->title ? h->title : "-");
    }
    cari_results_free(res);
    cr_expect_str_eq(got, want, "%s", query);
}

/* An update leaves the passages that did not change as they are: each
 * one must still be found, with its words, and a changed title, which
 * is part of every passage, must reach every passage. */
Test(search, changing_one_paragraph_or_the_title_updates_exactly_that)
{
    /* cari_passages_indexed() counts the passages written, not those
     * left alone. */
    cr_expect_eq(put_article("u/a", "Judul Lama",
                             "Paragraf satu tentang gajah.\nParagraf dua tentang harimau.\n"
                             "Paragraf tiga tentang kancil."),
                 3);
    expect_passages("harimau", "2:Judul Lama");
    cr_expect_eq(put_article("u/a", "Judul Lama",
                             "Paragraf satu tentang gajah.\nParagraf dua tentang merpati.\n"
                             "Paragraf tiga tentang kancil."),
                 1);
    expect_passages("harimau", "");
    expect_passages("merpati", "2:Judul Lama");
    expect_passages("gajah", "1:Judul Lama");
    expect_passages("kancil", "3:Judul Lama");
    cr_expect_eq(put_article("u/a", "Judul Anyar",
                             "Paragraf satu tentang gajah.\nParagraf dua tentang merpati.\n"
                             "Paragraf tiga tentang kancil."),
                 3);
    expect_passages("judul:lama", "");
    expect_passages("gajah", "1:Judul Anyar");
    expect_passages("artikel:u/a judul:anyar kancil", "3:Judul Anyar 1:Judul Anyar 2:Judul Anyar");
    /* A paragraph inserted first moves every passage down by one. */
    cr_expect_eq(put_article("u/a", "Judul Anyar",
                             "Paragraf baru tentang rusa.\nParagraf satu tentang gajah.\n"
                             "Paragraf dua tentang merpati.\nParagraf tiga tentang kancil."),
                 4);
    expect_passages("rusa", "1:Judul Anyar");
    expect_passages("gajah", "2:Judul Anyar");
    expect_passages("kancil", "4:Judul Anyar");
    /* And removed again: the fourth passage goes. */
    cr_expect_eq(put_article("u/a", "Judul Anyar",
                             "Paragraf satu tentang gajah.\nParagraf dua tentang merpati.\n"
                             "Paragraf tiga tentang kancil."),
                 3);
    expect_passages("rusa", "");
    expect_passages("kancil", "3:Judul Anyar");
    expect_passages("artikel:u/a paragraf", "1:Judul Anyar 2:Judul Anyar 3:Judul Anyar");
}

Test(search, compact_keeps_every_passage_and_the_handle_writing)
{
    cari_writer *w_db;
    cari_db *db;
    /* Only a writer compacts (cari_compact() takes a cari_writer); a reader
     * cannot be opened with a writing flag. */
    cr_expect_eq(cari_open(&db, index_path, 0x1), CARI_INVALID);
    cr_expect(strstr(cari_errmsg(db), "cari_writer_open") != NULL, "%s", cari_errmsg(db));
    cari_close(db);
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    const char *text = "Kapal selam baru.\n";
    cr_assert_eq(cari_add_text(w_db, "baru.txt", text, strlen(text), NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_results *before = run("drone kapal", &bm25_opts);
    cr_assert_eq(cari_compact(w_db), CARI_OK);
    cari_results *after = run("drone kapal", &bm25_opts);
    cr_assert_gt(cari_results_count(after), 1);
    cr_assert_eq(cari_results_count(after), cari_results_count(before));
    for (size_t i = 0; i < cari_results_count(after); i++) {
        cr_expect_str_eq(cari_results_hit(after, i)->article, cari_results_hit(before, i)->article);
        cr_expect_eq(cari_results_hit(after, i)->passage, cari_results_hit(before, i)->passage);
        cr_expect_float_eq(cari_results_hit(after, i)->score, cari_results_hit(before, i)->score, 1e-9);
    }
    cari_results_free(before);
    cari_results_free(after);
    /* Uncommitted changes are committed first; the handle goes on
     * updating the compacted index. */
    cr_assert_eq(cari_remove(w_db, "baru.txt"), CARI_OK);
    cr_assert_eq(cari_compact(w_db), CARI_OK);
    cr_assert_eq(cari_add_text(w_db, "lain.txt", text, strlen(text), NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    cari_results *res = run("kapal", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 1);
    cr_expect_str_eq(cari_results_hit(res, 0)->article, "lain.txt");
    cari_results_free(res);
}

Test(search, uncommitted_changes_are_invisible_and_discarded)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    const char *text = "Kapal selam baru.\n";
    cr_assert_eq(cari_add_text(w_db, "baru.txt", text, strlen(text), NULL), CARI_OK);
    cari_writer_close(w_db); /* no commit */
    cari_results *res = run("kapal", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
}

/* ---- opening ----------------------------------------------------------- */

/* Builds a one-article index at `path`, then overwrites its metadata
 * `key` with `value` behind cari's back (an old or damaged index). */
static void index_with_metadata(const char *path, const char *key, const char *value)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, path, NULL), CARI_OK);
    cr_assert_eq(cari_add_text(w_db, "a.txt", "Drone\n", 6, NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    xc_err *err = NULL;
    xc_wdb *w = xc_wdb_open(path, XC_OPEN, &err);
    cr_assert_not_null(w, "%s", xc_err_msg(err));
    xc_wdb_set_metadata(w, key, value, strlen(value), &err);
    xc_wdb_commit(w, &err);
    cr_assert_null(err, "%s", xc_err_msg(err));
    xc_wdb_close(w);
}

Test(search, open_errors_have_statuses_and_messages)
{
    cari_writer *w_db, *w_other;
    cari_db *db;
    char path[160];
    snprintf(path, sizeof path, "%s/missing", dir);
    cr_expect_eq(cari_open(&db, path, CARI_OPEN_READ), CARI_NOTFOUND);
    cr_expect(strstr(cari_errmsg(db), path) != NULL, "message names the path");
    cari_close(db);

    snprintf(path, sizeof path, "%s/file", dir);
    FILE *f = fopen(path, "w");
    fputs("not an index", f);
    fclose(f);
    cr_expect_eq(cari_writer_open(&w_db, path, NULL), CARI_CORRUPT);
    cari_writer_close(w_db);

    snprintf(path, sizeof path, "%s/foreign", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/foreign/notes.txt", dir);
    f = fopen(path, "w");
    fclose(f);
    snprintf(path, sizeof path, "%s/foreign", dir);
    cr_expect_eq(cari_writer_open(&w_db, path, NULL), CARI_CORRUPT);
    cari_writer_close(w_db);
    cr_expect_eq(cari_open(&db, path, CARI_OPEN_READ), CARI_CORRUPT);
    cari_close(db);

    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    cr_expect_eq(cari_writer_open(&w_other, index_path, NULL), CARI_LOCKED);
    cari_writer_close(w_other);
    cari_writer_close(w_db);

    /* An index of another format (format 3 kept every word's positions) is
     * refused with what to do, not searched with phrases that fail. */
    snprintf(path, sizeof path, "%s/old", dir);
    index_with_metadata(path, "cari.format", "3");
    cr_expect_eq(cari_open(&db, path, CARI_OPEN_READ), CARI_MISMATCH);
    cr_expect(strstr(cari_errmsg(db), "format 3") && strstr(cari_errmsg(db), "rebuild"), "%s",
              cari_errmsg(db));
    cari_close(db);
    cr_expect_eq(cari_writer_open(&w_db, path, NULL), CARI_MISMATCH);
    cari_writer_close(w_db);

    /* A damaged BM25 b is reported, by readers and writers, not guessed. */
    snprintf(path, sizeof path, "%s/badb", dir);
    index_with_metadata(path, "cari.bm25_b", "0.7x");
    cr_expect_eq(cari_open(&db, path, CARI_OPEN_READ), CARI_CORRUPT);
    cr_expect(strstr(cari_errmsg(db), "cari.bm25_b") && strstr(cari_errmsg(db), "0.7x"), "%s",
              cari_errmsg(db));
    cari_close(db);
    cr_expect_eq(cari_writer_open(&w_db, path, NULL), CARI_CORRUPT);
    cari_writer_close(w_db);

    /* An index built by stemmer-id refuses a Snowball reader. */
    cr_expect_eq(cari_open(&db, index_path, CARI_OPEN_READ | CARI_OPEN_STEM_SNOWBALL),
                 CARI_MISMATCH);
    cr_expect(strstr(cari_errmsg(db), "stemmer") != NULL);
    cari_close(db);
}

Test(search, invalid_utf8_is_indexed_with_a_warning)
{
    cari_writer *w_db;
    static size_t warned_line;
    warned_line = 0;
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    struct ctx { size_t *line; } c = {&warned_line};
    void on_warn(void *ctx, const char *id, size_t line, const char *msg);
    cari_set_warning_handler(w_db, on_warn, &c);
    const char text[] = "Judul\n\nBaris baik.\nKata ru\xFFsak di sini.\n";
    cr_assert_eq(cari_add_text(w_db, "rusak.txt", text, sizeof text - 1, NULL), CARI_OK);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    cr_expect_eq(warned_line, 4);
    cari_results *res = run("rusak", &bm25_opts);
    cr_expect_eq(cari_results_count(res), 0, "the bad byte separates ru and sak");
    cari_results_free(res);
    res = run("sak", &bm25_opts);
    cr_assert_eq(cari_results_count(res), 1);
    cr_expect(strstr(cari_results_hit(res, 0)->text, "\xEF\xBF\xBD") != NULL);
    cari_results_free(res);
}

void on_warn(void *ctx, const char *id, size_t line, const char *msg)
{
    (void)id;
    (void)msg;
    *((struct { size_t *line; } *)ctx)->line = line;
}
