/* Highlights with and without a passage's rank data (core/snippet.c):
 * cari_search() marks a hit's words with the rank data's hashes, so as to
 * stem only the words that may match; the highlights and snippets must be
 * byte for byte those of stemming every word.  Checked on every hit of
 * hundreds of queries over corpus/ (single words as written, affixed
 * forms, stopwords, prefix*, phrases), and on rank data that is not the
 * passage's, which must be noticed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "query.h"
#include "rankdata.h"
#include "snippet.h"
#include "temp_dir.h"
#include "terms.h"

static cari_db *db;

static void build(void)
{
    const char *src = getenv("CARI_SOURCE_DIR");
    cr_assert_not_null(src, "CARI_SOURCE_DIR is not set");
    char corpus[512];
    snprintf(corpus, sizeof corpus, "%s/corpus", src);
    temp_dir_make("/tmp/cari-highlight-XXXXXX");
    cari_writer *w;
    cr_assert_eq(cari_writer_open(&w, index_path, NULL), CARI_OK, "%s", cari_writer_errmsg(w));
    const char *paths[] = {corpus};
    cr_assert_eq(cari_writer_sync_folders(w, paths, 1, NULL, NULL), CARI_OK, "%s",
                 cari_writer_errmsg(w));
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
}

static void teardown(void)
{
    cari_close(db);
    remove_dir();
}

TestSuite(highlight, .init = build, .fini = teardown);

/* Marks `hit`'s text again for query text `query`, with rank words rw
 * (NULL: stemming every word), into *out (free with free_marks()). */
static void mark(const char *query, const cari_rank_words *rw, const cari_hit *hit,
                 cari_hit *out)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    cari_query q;
    cr_assert_eq(cari_query_parse(db, query, &o, &q), CARI_OK, "%s", cari_errmsg(db));
    memset(out, 0, sizeof *out);
    out->text = hit->text;
    out->text_len = hit->text_len;
    cr_assert_eq(cari_mark_hit(db, &q, rw, o.snippet_words, out), CARI_OK);
    cari_query_clear(&q);
}

static void free_marks(cari_hit *h)
{
    free((cari_span *)h->highlights);
    free((char *)h->snippet);
    free((cari_span *)h->snippet_highlights);
}

/* Whether a and b hold the same highlights and snippet. */
static int same_marks(const cari_hit *a, const cari_hit *b)
{
    return a->n_highlights == b->n_highlights &&
           a->n_snippet_highlights == b->n_snippet_highlights &&
           !memcmp(a->highlights, b->highlights, a->n_highlights * sizeof *a->highlights) &&
           !memcmp(a->snippet_highlights, b->snippet_highlights,
                   a->n_snippet_highlights * sizeof *a->snippet_highlights) &&
           !strcmp(a->snippet, b->snippet);
}

/* Searches `query` (both rankings, 100 hits) and checks every hit's
 * marks against stemming every word.  Returns the hits checked. */
static size_t check_query(const char *query)
{
    size_t checked = 0;
    for (int rank = 0; rank < 2; rank++) {
        cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
        o.limit = 100;
        o.rank = rank ? CARI_RANK_BM25 : CARI_RANK_LEARNED;
        cari_results *res;
        if (cari_search(db, query, &o, &res) != CARI_OK)
            continue; /* a query of stopwords alone, say */
        for (size_t i = 0; i < cari_results_count(res); i++) {
            const cari_hit *hit = cari_results_hit(res, i);
            cari_hit slow;
            mark(query, NULL, hit, &slow);
            cr_expect(same_marks(hit, &slow), "%s: hit %zu (%s #%u): %zu highlights against %zu",
                      query, i + 1, hit->article, hit->passage, hit->n_highlights,
                      slow.n_highlights);
            free_marks(&slow);
            checked++;
        }
        cari_results_free(res);
    }
    return checked;
}

/* A query word from every 5th word of every article, as written, with
 * the next word as a second query, a prefix* of its first 4 letters and
 * a phrase of the two. */
typedef struct {
    size_t n, checked;
    char prev[128];
} walker;

static int each_word(void *ctx, const cari_token *tok)
{
    walker *w = ctx;
    char word[128], query[300];
    snprintf(word, sizeof word, "%.*s", (int)tok->term_len, tok->term);
    if (w->n++ % 5 == 0 && w->prev[0]) {
        w->checked += check_query(word);
        snprintf(query, sizeof query, "%s %s", w->prev, word);
        w->checked += check_query(query);
        snprintf(query, sizeof query, "\"%s %s\"", w->prev, word);
        w->checked += check_query(query);
        if (tok->term_len > 4) {
            snprintf(query, sizeof query, "%.4s* %s", word, w->prev);
            w->checked += check_query(query);
        }
    }
    snprintf(w->prev, sizeof w->prev, "%s", word);
    return 0;
}

Test(highlight, rank_data_marks_as_stemming)
{
    /* The text of every passage, through a search for each article. */
    static const char *const queries[] = {
        "pelatihan drone", "melatih", "berlatih dilatih", "yang", "di pasar", "pengiriman",
        "mengirim kiriman", "tentara-tentara", "harga beras naik", "memperoleh", "oleh",
    };
    size_t checked = 0;
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        checked += check_query(queries[i]);
    walker w = {0};
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.limit = 1000;
    o.rank = CARI_RANK_BM25;
    cari_results *all;
    cr_assert_eq(cari_search(db, "dan OR yang OR di OR ini", &o, &all), CARI_OK, "%s",
                 cari_errmsg(db));
    for (size_t i = 0; i < cari_results_count(all) && i < 20; i++) {
        const cari_hit *hit = cari_results_hit(all, i);
        cr_assert_eq(cari_tokenize(hit->text, hit->text_len, each_word, &w), 0);
    }
    cari_results_free(all);
    checked += w.checked;
    cr_assert_gt(checked, 5000, "only %zu hits checked", checked);
}

/* The rank data of hit's text as the indexer writes it (index.c). */
typedef struct {
    cari_rankdata rd;
    const char *text;
} builder;

static int add_word(void *ctx, const cari_token *tok)
{
    builder *b = ctx;
    size_t sl;
    const char *stem = cari_stem_term(db->stemmer, tok->term, tok->term_len, &sl);
    cr_assert_not_null(stem);
    return cari_rankdata_add(&b->rd, b->text, tok, stem, sl);
}

static void rank_words(const char *text, size_t len, cari_rank_words *out)
{
    builder b = {.text = text};
    cari_rankdata_reset(&b.rd);
    cr_assert_eq(cari_tokenize(text, len, add_word, &b), 0);
    size_t n;
    const char *v = cari_rankdata_value(&b.rd, 1, &n);
    cr_assert_not_null(v);
    cr_assert_eq(cari_rankdata_decode(v, n, out), 0);
    cari_rankdata_free(&b.rd);
}

Test(highlight, rank_data_of_another_text_is_noticed)
{
    static const char query[] = "pelatihan drone";
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.rank = CARI_RANK_BM25;
    cari_results *res;
    cr_assert_eq(cari_search(db, query, &o, &res), CARI_OK, "%s", cari_errmsg(db));
    cr_assert_geq(cari_results_count(res), 2);
    const cari_hit *a = cari_results_hit(res, 0), *b = cari_results_hit(res, 1);
    cari_hit slow, fast;
    mark(query, NULL, a, &slow);
    cr_assert_gt(slow.n_highlights, 0);

    /* The passage's own rank data marks as stemming does; with its stem
     * hashes blanked, the words matched by stem only are lost, so the
     * rank data is what decides. */
    cari_rank_words rw = {0};
    rank_words(a->text, a->text_len, &rw);
    mark(query, &rw, a, &fast);
    cr_expect(same_marks(&fast, &slow));
    free_marks(&fast);
    for (size_t i = 0; i < rw.n; i++)
        rw.v[i].stem = 0xFFFFFF ^ rw.v[i].form;
    mark(query, &rw, a, &fast);
    cr_expect_lt(fast.n_highlights, slow.n_highlights,
                 "\"pelatihan\" and \"drone\" match %s only by stem", a->article);
    free_marks(&fast);

    /* Another passage's, one word short, or one word changed: noticed. */
    rank_words(b->text, b->text_len, &rw);
    mark(query, &rw, a, &fast);
    cr_expect(same_marks(&fast, &slow), "another passage's rank data");
    free_marks(&fast);
    rank_words(a->text, a->text_len, &rw);
    rw.n_text--;
    mark(query, &rw, a, &fast);
    cr_expect(same_marks(&fast, &slow), "rank data a word short");
    free_marks(&fast);
    rw.n_text++;
    rw.v[rw.n_text / 2].form ^= 1;
    mark(query, &rw, a, &fast);
    cr_expect(same_marks(&fast, &slow), "rank data with a word changed");
    free_marks(&fast);

    free(rw.v);
    free_marks(&slow);
    cari_results_free(res);
}
