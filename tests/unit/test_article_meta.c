/* Article metadata end to end through cari.h: front matter, explicit
 * metadata and saved pages are stored, returned with every hit, counted
 * by cari_get_stats(), and updated when only they change. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "index_fixture.h"

static const char *const texts[][2] = {
    {"banjir.txt", "---\ndate: Senin, 12 Jan 2025 14:30 WIB\nsource: Kabar Lebakjati\n"
                   "url: https://kabar.example/banjir\nauthors: [Rina Wulandari, Agus Salim]\n"
                   "categories: bencana, banjir\nlang: id\n---\nBanjir rendam Lebakjati\n\n"
                   "Air sungai meluap dan merendam rumah warga.\n"},
    {"polos.txt", "Pasar ikan\n\nNelayan menjual ikan di pasar pagi.\n"},
    {"depan.txt", "---\ndate: 2999-01-01\nsource: Kabar Lebakjati\n---\nMasa depan\n\n"
                  "Mesin waktu dipamerkan di alun-alun.\n"},
};

static const char page[] =
    "<html lang=\"id\"><head><title>Gempa</title>"
    "<meta property=\"og:site_name\" content=\"Warta Timur\">"
    "<meta property=\"article:published_time\" content=\"2024-11-03T08:00:00+08:00\">"
    "<link rel=\"canonical\" href=\"https://warta.example/gempa\"></head><body>"
    "<nav><p>beranda body amp</p></nav><article><p>Gempa mengguncang pesisir &amp; "
    "warga panik.</p></article></body></html>";

typedef struct {
    const char *p;
    size_t left;
} mem;

static long read_mem(void *ctx, char *buf, size_t cap)
{
    mem *m = ctx;
    size_t n = m->left < cap ? m->left : cap;
    memcpy(buf, m->p, n);
    m->p += n;
    m->left -= n;
    return (long)n;
}

static char warned[1024];

static void on_warn(void *ctx, const char *id, size_t line, const char *msg)
{
    (void)ctx;
    size_t n = strlen(warned);
    snprintf(warned + n, sizeof warned - n, "%s:%zu: %s\n", id, line, msg);
}

static const char *const market_authors[] = {"Dewi"};

static void build(void)
{
    cari_writer *w_db;
    fixture_build("/tmp/cari-meta-XXXXXX", texts, sizeof texts / sizeof texts[0]);
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_set_warning_handler(w_db, on_warn, NULL);
    mem m = {page, sizeof page - 1};
    cr_assert_eq(cari_add_html(w_db, "gempa.html", NULL, read_mem, &m, NULL), CARI_OK, "%s",
                 cari_writer_errmsg(w_db));
    cari_meta meta = {0};
    cr_assert_eq(cari_parse_date("12/02/2025 07:00 WITA", 21, &meta), CARI_OK);
    meta.source = "Warta Timur";
    meta.authors = market_authors;
    meta.n_authors = 1;
    cr_assert_eq(cari_add_article_meta(w_db, "harga", "Harga cabai", "Harga cabai naik.", 17,
                                       &meta, NULL),
                 CARI_OK, "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_writer_close(w_db);
}

TestSuite(meta, .init = build, .fini = remove_dir);

/* The hit of `article` for `query`, copied into *out as ISO date, source,
 * url; fails when not found. */
static void hit_of(const char *query, const char *article, char *date, char *source, char *url,
                   size_t *authors, size_t *categories)
{
    cari_results *res = run(query, NULL);
    for (size_t i = 0; i < cari_results_count(res); i++) {
        const cari_hit *h = cari_results_hit(res, i);
        if (strcmp(h->article, article))
            continue;
        cari_format_date(&h->meta, date, 40);
        strcpy(source, h->meta.source ? h->meta.source : "");
        strcpy(url, h->meta.url ? h->meta.url : "");
        *authors = h->meta.n_authors;
        *categories = h->meta.n_categories;
        cari_results_free(res);
        return;
    }
    cr_assert_fail("%s: no hit of %s", query, article);
}

struct mcase {
    char query[32];
    char article[16];
    char date[40];
    char source[24];
    char url[40];
    size_t authors, categories;
};

ParameterizedTestParameters(meta, hits_carry_metadata)
{
    static struct mcase cases[] = {
        {"banjir", "banjir.txt", "2025-01-12T14:30:00+07:00", "Kabar Lebakjati",
         "https://kabar.example/banjir", 2, 2},
        {"ikan", "polos.txt", "", "", "", 0, 0},
        {"mesin waktu", "depan.txt", "", "Kabar Lebakjati", "", 0, 0},
        {"gempa", "gempa.html", "2024-11-03T08:00:00+08:00", "Warta Timur",
         "https://warta.example/gempa", 0, 0},
        {"cabai", "harga", "2025-02-12T07:00:00+08:00", "Warta Timur", "", 1, 0},
    };
    return cr_make_param_array(struct mcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct mcase *c, meta, hits_carry_metadata)
{
    char date[40], source[64], url[96];
    size_t authors, categories;
    hit_of(c->query, c->article, date, source, url, &authors, &categories);
    cr_expect_str_eq(date, c->date, "%s", c->article);
    cr_expect_str_eq(source, c->source, "%s", c->article);
    cr_expect_str_eq(url, c->url, "%s", c->article);
    cr_expect_eq(authors, c->authors, "%s", c->article);
    cr_expect_eq(categories, c->categories, "%s", c->article);
}

Test(meta, page_markup_and_boilerplate_are_not_words)
{
    const char *words[] = {"body", "amp", "beranda", "html"};
    for (size_t i = 0; i < 4; i++) {
        cari_results *res = run(words[i], NULL);
        cr_expect_eq(cari_results_count(res), 0, "%s", words[i]);
        cari_results_free(res);
    }
}

Test(meta, stats_count_articles_with_each_field)
{
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cari_stats s;
    cr_assert_eq(cari_get_stats(db, &s), CARI_OK);
    cr_expect_eq(s.articles, 5, "%zu", s.articles);
    cr_expect_eq(s.with_date, 3);       /* banjir, gempa, harga: the future one dropped */
    cr_expect_eq(s.with_source, 4);
    cr_expect_eq(s.with_url, 2);
    cr_expect_eq(s.with_authors, 2);
    cr_expect_eq(s.with_categories, 1);
    cr_expect_eq(s.with_lang, 2);       /* banjir's front matter, the page's <html lang> */
    cari_close(db);
}

Test(meta, metadata_change_alone_updates_the_article)
{
    cari_writer *w_db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK);
    cari_meta meta = {0};
    meta.source = "Warta Barat";
    cari_added a;
    cr_assert_eq(cari_add_article_meta(w_db, "harga", "Harga cabai", "Harga cabai naik.", 17,
                                       &meta, &a),
                 CARI_OK);
    cr_expect_eq(a.change, CARI_CHANGED);
    cr_assert_eq(cari_add_article_meta(w_db, "harga", "Harga cabai", "Harga cabai naik.", 17,
                                       &meta, &a),
                 CARI_OK);
    cr_expect_eq(a.change, CARI_UNCHANGED);
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
    char date[40], source[64], url[96];
    size_t authors, categories;
    hit_of("cabai", "harga", date, source, url, &authors, &categories);
    cr_expect_str_eq(source, "Warta Barat");
    cr_expect_str_eq(date, "");
    cr_expect_eq(authors, 0);
}

Test(meta, parse_and_format_dates)
{
    cari_meta m = {0};
    cr_expect_eq(cari_parse_date("Senin, 12 Jan 2025 14:30 WIB", 28, &m), CARI_OK);
    cr_expect_eq(m.date, 1736667000LL);
    cr_expect_eq(m.date_offset, 420);
    char buf[40];
    cari_format_date(&m, buf, sizeof buf);
    cr_expect_str_eq(buf, "2025-01-12T14:30:00+07:00");
    cr_expect_eq(cari_parse_date("31 April 2025", 13, &m), CARI_INVALID);
    cr_expect_eq(cari_parse_date("kemarin", 7, &m), CARI_INVALID);
    cari_meta none = {0};
    cr_expect_eq(cari_format_date(&none, buf, sizeof buf), 0);
    cr_expect_str_eq(buf, "");
}

/* ---- filtering, sorting, facets -------------------------------------- */

struct fcase {
    char query[64];
    char since[32], until[32];  /* "": none */
    int sort;
    char source[24], category[16];
    char expect[96];
};

ParameterizedTestParameters(meta, filters_and_sort)
{
    /* banjir 2025-01-12 (Kabar Lebakjati; bencana, banjir), gempa
     * 2024-11-03 (Warta Timur), harga 2025-02-12 (Warta Timur), depan and
     * polos undated. */
    static struct fcase cases[] = {
        {"warga OR cabai OR mesin", "", "", CARI_SORT_DATE, "", "",
         "harga banjir.txt gempa.html depan.txt"},
        {"warga OR cabai", "2025-01-01", "", CARI_SORT_DATE, "", "", "harga banjir.txt"},
        {"warga OR cabai", "", "12 Januari 2025", CARI_SORT_DATE, "", "",
         "banjir.txt gempa.html"},
        {"warga OR cabai", "2025-01-12", "2025-01-12", 0, "", "", "banjir.txt"},
        {"warga OR cabai OR mesin", "", "", CARI_SORT_DATE, "warta timur", "",
         "harga gempa.html"},
        {"warga OR mesin", "", "", 0, "KABAR-LEBAKJATI", "", "banjir.txt depan.txt"},
        {"warga OR cabai", "", "", 0, "", "Bencana", "banjir.txt"},
        {"warga sumber:\"Warta Timur\"", "", "", 0, "", "", "gempa.html"},
        {"cabai OR warga sumber:warta-timur", "", "", CARI_SORT_DATE, "", "",
         "harga gempa.html"},
        {"warga kategori:banjir", "", "", 0, "", "", "banjir.txt"},
        {"warga -sumber:\"warta timur\"", "", "", 0, "", "", "banjir.txt"},
        {"warga penulis:agus", "", "", 0, "", "", ""},
        {"warga penulis:\"agus salim\"", "", "", 0, "", "", "banjir.txt"},
        {"warga sumber:\"warta timur\" sumber:\"kabar lebakjati\"", "", "", CARI_SORT_DATE, "",
         "", "banjir.txt gempa.html"},
        {"warga sumber:\"kabar lebakjati\" kategori:ekonomi", "", "", 0, "", "", ""},
    };
    return cr_make_param_array(struct fcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct fcase *c, meta, filters_and_sort)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    cari_meta d;
    if (*c->since) {
        cr_assert_eq(cari_parse_date(c->since, strlen(c->since), &d), CARI_OK);
        o.has_since = 1;
        o.since = d.date;
    }
    if (*c->until) {
        cr_assert_eq(cari_parse_date(c->until, strlen(c->until), &d), CARI_OK);
        o.has_until = 1;
        o.until = d.date + (d.date_has_time ? 0 : 86399);
    }
    o.sort = c->sort;
    o.source = *c->source ? c->source : NULL;
    o.category = *c->category ? c->category : NULL;
    o.per_article = 1;
    char got[256];
    hit_articles(c->query, &o, got, sizeof got);
    if (c->sort == CARI_SORT_DATE) {
        cr_expect_str_eq(got, c->expect, "%s", c->query);
    } else {
        /* Relevance order is not the point: compare as sets. */
        char sorted_got[256], sorted_want[256];
        const char *lists[2] = {got, c->expect};
        char *outs[2] = {sorted_got, sorted_want};
        for (int k = 0; k < 2; k++) {
            char words[8][32];
            size_t n = 0;
            char copy[256];
            snprintf(copy, sizeof copy, "%s", lists[k]);
            for (char *t = strtok(copy, " "); t && n < 8; t = strtok(NULL, " "))
                snprintf(words[n++], 32, "%s", t);
            qsort(words, n, 32, (int (*)(const void *, const void *))strcmp);
            outs[k][0] = '\0';
            for (size_t i = 0; i < n; i++)
                strcat(strcat(outs[k], i ? " " : ""), words[i]);
        }
        cr_expect_str_eq(sorted_got, sorted_want, "%s", c->query);
    }
}

Test(meta, facets_count_articles)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.facets = "sumber,year,category,author";
    cari_results *res = run("warga OR cabai OR mesin OR ikan OR air", &o);
    cr_assert_eq(cari_results_facet_count(res), 4);
    const cari_facet *src = cari_results_facet(res, 0);
    cr_expect_str_eq(src->name, "source");
    cr_assert_eq(src->n_values, 2);
    /* Kabar Lebakjati (banjir, depan) and Warta Timur (gempa, harga): two
     * articles each, whatever their passages; ties by value. */
    cr_expect_str_eq(src->values[0].value, "Kabar Lebakjati");
    cr_expect_eq(src->values[0].count, 2);
    cr_expect_str_eq(src->values[1].value, "Warta Timur");
    cr_expect_eq(src->values[1].count, 2);
    const cari_facet *year = cari_results_facet(res, 1);
    cr_expect_str_eq(year->name, "year");
    cr_assert_eq(year->n_values, 2);
    cr_expect_str_eq(year->values[0].value, "2025");
    cr_expect_eq(year->values[0].count, 2);
    cr_expect_str_eq(year->values[1].value, "2024");
    const cari_facet *cat = cari_results_facet(res, 2);
    cr_assert_eq(cat->n_values, 2);   /* banjir's two categories, one each */
    cr_expect_eq(cat->values[0].count, 1);
    cr_expect_eq(cari_results_facet(res, 3)->n_values, 3); /* Rina, Agus, Dewi */
    cr_expect_null(cari_results_facet(res, 4));
    int all;
    size_t counted = cari_results_facet_counted(res, &all);
    cr_expect(all, "a small index: every match counted");
    cari_results_free(res);

    /* Counted over fewer than the matches: said so. */
    o.exact_total = 1;
    res = run("warga OR cabai OR mesin OR ikan OR air", &o);
    cr_expect_eq(cari_results_facet_counted(res, &all), counted);
    cr_expect_eq(counted, cari_results_total(res));
    cari_results_free(res);
    o.exact_total = 0;
    o.facet_depth = 1;
    o.limit = 1;
    res = run("warga OR cabai OR mesin OR ikan OR air", &o);
    size_t some = cari_results_facet_counted(res, &all);
    /* The first matching passage in index order: one article, under one
     * source. */
    cr_expect_eq(some, 1);
    cr_expect_not(all, "1 of %zu", counted);
    cr_assert_eq(cari_results_facet(res, 0)->n_values, 1);
    cr_expect_eq(cari_results_facet(res, 0)->values[0].count, 1);
    cari_results_free(res);
    o.facet_depth = 0;
    o.limit = 10;

    o.facets = "warna";
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_expect_eq(cari_search(db, "warga", &o, &res), CARI_INVALID);
    cr_expect(strstr(cari_errmsg(db), "warna"), "%s", cari_errmsg(db));
    cari_close(db);
}

/* Adds the article `id` from its file contents `text` through a writer
 * of the suite's index, commits (in place: no compaction swaps in another
 * folder) and closes. */
static void put_text(const char *id, const char *text)
{
    cari_writer *w_db;
    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.autocompact_percent = -1;
    cr_assert_eq(cari_writer_open(&w_db, index_path, &wo), CARI_OK, "%s",
                 cari_writer_errmsg(w_db));
    cr_assert_eq(cari_add_text(w_db, id, text, strlen(text), NULL), CARI_OK, "%s",
                 cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_writer_close(w_db);
}

/* The value and count of the only value of facet 0 of `query`. */
static void only_source(const char *query, const char *want)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.facets = "source";
    cari_results *res = run(query, &o);
    const cari_facet *src = cari_results_facet(res, 0);
    cr_assert_not_null(src);
    cr_assert_eq(src->n_values, 1, "%s: %zu sources", query, src->n_values);
    cr_expect_str_eq(src->values[0].value, want, "%s", query);
    cr_expect_eq(src->values[0].count, 1, "%s", query);
    cari_results_free(res);
}

/* An update adds an article's new passages after every other passage of
 * the index, and an article's facets are stored with the first passage
 * of each run of its passages: a match in the added ones still counts
 * under its own article, not under the one indexed just before them. */
Test(meta, facets_follow_an_article_through_updates)
{
    put_text("kopi.txt", "---\nsource: Warta Kopi\n---\nKopi\n\nPetani memetik kopi.\n"
                         "Kopi dijemur di halaman.\n");
    put_text("teh.txt", "---\nsource: Warta Teh\n---\nTeh\n\nPemetik teh di lereng.\n");
    put_text("kopi.txt", "---\nsource: Warta Kopi\n---\nKopi\n\nPetani memetik kopi.\n"
                         "Kopi dijemur di halaman.\nBiji disangrai sampai cokelat.\n"
                         "Zamrud hijau di kebun.\n");
    only_source("zamrud", "Warta Kopi");
    only_source("disangrai", "Warta Kopi");
    only_source("lereng", "Warta Teh");
    /* One article counted once over its two runs of passages. */
    only_source("kopi OR zamrud", "Warta Kopi");
    put_text("kopi.txt", "---\nsource: Warta Kopi\n---\nKopi\n\nPetani memetik kopi.\n");
    only_source("petani", "Warta Kopi");
    only_source("lereng", "Warta Teh");
    cari_results *res = run("zamrud", NULL);
    cr_expect_eq(cari_results_count(res), 0);
    cari_results_free(res);
    /* An article indexed without metadata after one with it: its matches
     * count under nothing, not under the article before it. */
    put_text("polos2.txt", "Polos\n\nBatu akik tanpa sumber.\nAkik kedua di sini.\n");
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.facets = "source";
    res = run("akik", &o);
    cr_expect_eq(cari_results_facet(res, 0)->n_values, 0);
    cari_results_free(res);
}

/* A long article's run is found from any of its passages: the run slot
 * has an entry every XC_RUN_STEP passages, which must lead back to the
 * article's first passage, not to the article before it. */
Test(meta, facets_find_the_start_of_a_long_article)
{
    char text[8192] = "---\nsource: Warta Panjang\n---\nPanjang\n\n";
    for (int i = 1; i <= 70; i++) {
        char line[96];
        snprintf(line, sizeof line, "Paragraf nomor %d tentang %s.\n", i,
                 i == 33 ? "kenari" : i == 40 ? "merbau" : i == 64 ? "ulin" : i == 70 ? "jati" : "kayu");
        strcat(text, line);
    }
    put_text("pendek.txt", "---\nsource: Warta Pendek\n---\nPendek\n\nSatu paragraf saja.\n");
    put_text("panjang.txt", text);
    put_text("sesudah.txt", "---\nsource: Warta Sesudah\n---\nSesudah\n\nParagraf penutup.\n");
    only_source("kenari", "Warta Panjang");
    only_source("merbau", "Warta Panjang");
    only_source("ulin", "Warta Panjang");
    only_source("jati", "Warta Panjang");
    only_source("merbau OR jati OR kenari", "Warta Panjang");
    only_source("penutup", "Warta Sesudah");
}

/* The facets of `query` on the open handle db as "value=count ..." (facet
 * 0's values, most first) into buf. */
static void facet_line(cari_db *db, const char *query, char *buf, size_t cap)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.facets = "source,year";
    cari_results *res;
    cr_assert_eq(cari_search(db, query, &o, &res), CARI_OK, "%s", cari_errmsg(db));
    buf[0] = '\0';
    for (size_t k = 0; k < cari_results_facet_count(res); k++) {
        const cari_facet *f = cari_results_facet(res, k);
        for (size_t i = 0; i < f->n_values; i++) {
            size_t n = strlen(buf);
            snprintf(buf + n, cap - n, "%s=%zu ", f->values[i].value, f->values[i].count);
        }
    }
    cari_results_free(res);
}

/* A handle counts its first facets from the value streams, later ones
 * from the values it then keeps in memory: the same counts, and after an
 * update the new ones (the memory follows the index's revision). */
Test(meta, facets_from_memory_match_and_follow_updates)
{
    put_text("kopi.txt", "---\nsource: Warta Kopi\ndate: 2024-05-01\n---\nKopi\n\n"
                         "Petani memetik kopi.\nKopi dijemur di halaman.\n");
    put_text("teh.txt", "---\nsource: Warta Teh\n---\nTeh\n\nKopi dan teh di lereng.\n");
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    char first[512], second[512], third[512];
    facet_line(db, "kopi OR warga OR cabai", first, sizeof first);
    facet_line(db, "kopi OR warga OR cabai", second, sizeof second);
    cr_expect_str_eq(second, first);
    cr_expect(strstr(first, "Warta Kopi=1 "), "%s", first);
    cr_expect(strstr(first, "2024=2 "), "%s", first); /* kopi and gempa */
    put_text("kopi.txt", "---\nsource: Warta Kopi Baru\ndate: 2023-05-01\n---\nKopi\n\n"
                         "Petani memetik kopi.\nKopi dijemur di halaman.\n");
    facet_line(db, "kopi OR warga OR cabai", third, sizeof third);
    cr_expect(strstr(third, "Warta Kopi Baru=1 "), "%s", third);
    cr_expect(!strstr(third, "Warta Kopi=1 "), "%s", third);
    cr_expect(strstr(third, "2023=1 ") && strstr(third, "2024=1 "), "%s", third);
    cari_close(db);
    /* A fresh handle streams: the same counts as the kept memory. */
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    facet_line(db, "kopi OR warga OR cabai", first, sizeof first);
    cr_expect_str_eq(first, third);
    cari_close(db);
}

/* The hits of `query` with --since 2024-01-01 on the open handle db, as
 * article ids joined by spaces, into buf. */
static void since_hits(cari_db *db, const char *query, char *buf, size_t cap)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    cari_meta m = {0};
    cr_assert_eq(cari_parse_date("2024-01-01", 10, &m), CARI_OK);
    o.has_since = 1;
    o.since = m.date;
    cari_results *res;
    cr_assert_eq(cari_search(db, query, &o, &res), CARI_OK, "%s", cari_errmsg(db));
    buf[0] = '\0';
    for (size_t i = 0; i < cari_results_count(res); i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s%s", n ? " " : "", cari_results_hit(res, i)->article);
    }
    cari_results_free(res);
}

/* A handle keeps the documents of a filter it used before as a set: the
 * same hits as the first search, and after an update in place the set is
 * made again (an article dated in the range since then is found). */
Test(meta, a_kept_filter_matches_and_follows_updates)
{
    put_text("kopi.txt", "---\ndate: 2024-05-01\n---\nKopi\n\nPetani memetik kopi.\n");
    put_text("lama.txt", "---\ndate: 2019-05-01\n---\nKopi lama\n\nKopi tahun lalu.\n");
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    char first[256], second[256], third[256];
    since_hits(db, "kopi", first, sizeof first);
    since_hits(db, "kopi", second, sizeof second);
    cr_expect_str_eq(first, "kopi.txt");
    cr_expect_str_eq(second, first);
    put_text("baru.txt", "---\ndate: 2025-02-01\n---\nKopi baru\n\nKopi panen baru.\n");
    since_hits(db, "kopi", third, sizeof third);
    cr_expect(strstr(third, "baru.txt") && strstr(third, "kopi.txt") && !strstr(third, "lama"),
              "%s", third);
    cari_close(db);
}
