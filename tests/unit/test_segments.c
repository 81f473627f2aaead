/* Fresh builds in segments: an article added again or removed after its
 * segment was finished is replaced or removed there, so the built index
 * holds each article once, at its last version (through cari.h); and the
 * id map the workers use to find that segment (core internals). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "temp_dir.h"
#include "idmap.h"

static void make_dir(void)
{
    temp_dir_make("/tmp/cari-segments-XXXXXX");
}

TestSuite(segments, .init = make_dir, .fini = remove_dir);

static void add(cari_writer *w, const char *id, const char *text)
{
    cr_assert_eq(cari_add_text(w, id, text, strlen(text), NULL), CARI_OK, "%s",
                 cari_writer_errmsg(w));
}

/* The number of passages matching `query`, and the article of the first
 * in `first` (when not NULL). */
static size_t hits(cari_db *db, const char *query, char *first, size_t cap)
{
    cari_results *res;
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.limit = 100;
    cr_assert_eq(cari_search(db, query, &o, &res), CARI_OK, "%s", cari_errmsg(db));
    size_t n = cari_results_count(res);
    if (first && n)
        snprintf(first, cap, "%s", cari_results_hit(res, 0)->article);
    cari_results_free(res);
    return n;
}

static int count_article(void *ctx, const cari_article_info *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 0;
}

/* Builds an index with every article in a segment of its own (one
 * passage per segment) on `threads` workers, re-adding and removing
 * articles whose segments are finished, and checks what it holds. */
static void build_and_check(unsigned threads)
{
    cari_writer *w_db;
    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.segment_passages = 1;
    wo.threads = threads;
    cari_db *db;
    cr_assert_eq(cari_writer_open(&w_db, index_path, &wo), CARI_OK, "%s",
                 cari_writer_errmsg(w_db));
    add(w_db, "a.txt", "Judul A\nTentara melatih pilot drone di pangkalan.");
    add(w_db, "b.txt", "Judul B\nPetani memanen padi di sawah.");
    for (int i = 0; i < 20; i++) { /* more segments, on every worker */
        char id[32], text[64];
        snprintf(id, sizeof id, "x%02d.txt", i);
        snprintf(text, sizeof text, "Judul X\nNelayan nomor %d melaut.", i);
        add(w_db, id, text);
    }
    add(w_db, "a.txt", "Judul A\nGuru mengajar murid membaca buku.");
    cr_assert_eq(cari_remove(w_db, "b.txt"), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_remove(w_db, "x03.txt"), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_writer_close(w_db);

    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
    char first[64] = "";
    cr_expect_eq(hits(db, "drone", NULL, 0), 0, "a.txt's first version is gone");
    cr_expect_eq(hits(db, "murid", first, sizeof first), 1);
    cr_expect_str_eq(first, "a.txt");
    cr_expect_eq(hits(db, "padi", NULL, 0), 0, "b.txt was removed");
    cr_expect_eq(hits(db, "nelayan", NULL, 0), 19);
    size_t articles = 0, problems = 99;
    cr_expect_eq(cari_list_articles(db, count_article, &articles), CARI_OK);
    cr_expect_eq(articles, 20, "a.txt once and 19 of the x articles");
    cr_expect_eq(cari_check(db, NULL, NULL, &problems), CARI_OK, "%s", cari_errmsg(db));
    cr_expect_eq(problems, 0);
    cari_close(db);
}

Test(segments, one_worker) { build_and_check(1); }

Test(segments, two_workers) { build_and_check(2); }

Test(segments, idmap_keeps_the_last_value_of_each_id)
{
    cari_idmap m = {0};
    cr_expect_eq(cari_idmap_get(&m, "a"), -1);
    char id[32];
    for (unsigned i = 0; i < 5000; i++) { /* several doublings */
        snprintf(id, sizeof id, "artikel/%u.txt", i);
        cr_assert_eq(cari_idmap_put(&m, id, i % 7), 0);
    }
    cr_assert_eq(cari_idmap_put(&m, "artikel/42.txt", 99), 0);
    cr_expect_eq(m.n, 5000);
    for (unsigned i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "artikel/%u.txt", i);
        cr_expect_eq(cari_idmap_get(&m, id), i == 42 ? 99 : (long)(i % 7), "%s", id);
    }
    cr_expect_eq(cari_idmap_get(&m, "artikel/5000.txt"), -1);
    cari_idmap_clear(&m);
    cr_expect_eq(cari_idmap_get(&m, "artikel/1.txt"), -1);
}
