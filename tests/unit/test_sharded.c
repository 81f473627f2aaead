/* A sharded index through one writer: articles routed by cari_shard_of(),
 * one thread budget for every shard, and commits that change every shard
 * at once: a reader sees all of a commit or none of it; what a writer
 * leaves uncommitted is discarded, and its copies removed by the next
 * writer. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cari.h"
#include "temp_dir.h"

static void make_dir(void)
{
    temp_dir_make("/tmp/cari-sharded-XXXXXX");
}

TestSuite(sharded, .init = make_dir, .fini = remove_dir);

/* Opens a writer on the index with `shards` shards and `threads`
 * threads (0: defaults). */
static cari_writer *writer(unsigned shards, unsigned threads)
{
    cari_writer *w;
    cari_write_options o = CARI_WRITE_OPTIONS_INIT;
    o.shards = shards;
    o.threads = threads;
    cr_assert_eq(cari_writer_open(&w, index_path, &o), CARI_OK, "%s", cari_writer_errmsg(w));
    return w;
}

/* Adds articles a00.txt .. a(n-1).txt, each with the word `word`. */
static void add_articles(cari_writer *w, unsigned n, const char *word)
{
    for (unsigned i = 0; i < n; i++) {
        char id[32], text[128];
        snprintf(id, sizeof id, "a%02u.txt", i);
        snprintf(text, sizeof text, "Judul %u\n\nBerita nomor %u tentang %s di kota.\n", i, i,
                 word);
        cr_assert_eq(cari_add_text(w, id, text, strlen(text), NULL), CARI_OK, "%s",
                     cari_writer_errmsg(w));
    }
}

/* Matching passages of `query` through reader db. */
static size_t hits(cari_db *db, const char *query)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.limit = 1000;
    cari_results *res = NULL;
    cari_status st = cari_search(db, query, &o, &res);
    cr_assert(st == CARI_OK, "%s: %s", query, cari_errmsg(db));
    size_t n = cari_results_count(res);
    cari_results_free(res);
    return n;
}

static cari_db *reader(void)
{
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
    return db;
}

static int count_article(void *ctx, const cari_article_info *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 0;
}

/* The entries of the index folder whose names start with "shard-". */
static size_t shard_folders(void)
{
    DIR *d = opendir(index_path);
    cr_assert_not_null(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)))
        n += !strncmp(e->d_name, "shard-", 6);
    closedir(d);
    return n;
}

/* Every shard gets built on a budget smaller than the shard count, and
 * each article lives in exactly the shard cari_shard_of() names. */
Test(sharded, one_thread_builds_every_shard)
{
    cari_writer *w = writer(4, 1);
    add_articles(w, 40, "banjir");
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    cr_expect_eq(cari_shard_count(index_path), 4);
    cari_db *db = reader();
    cr_expect_eq(hits(db, "banjir"), 40);
    size_t listed = 0;
    cr_expect_eq(cari_list_articles(db, count_article, &listed), CARI_OK);
    cr_expect_eq(listed, 40);
    cari_close(db);
    for (unsigned k = 0; k < 4; k++) {
        char shard[160];
        snprintf(shard, sizeof shard, "%s/shard-%u.g1", index_path, k);
        cr_assert_eq(cari_open(&db, shard, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
        size_t here = 0, want = 0;
        cari_list_articles(db, count_article, &here);
        for (unsigned i = 0; i < 40; i++) {
            char id[32];
            snprintf(id, sizeof id, "a%02u.txt", i);
            want += cari_shard_of(id, 4) == k;
        }
        cr_expect_eq(here, want, "shard %u holds %zu, wants %zu", k, here, want);
        cari_close(db);
    }
}

/* Changes to several shards become visible together at the commit, to a
 * reader opened before it as to a new one. */
Test(sharded, a_commit_changes_every_shard_at_once)
{
    cari_writer *w = writer(3, 2);
    add_articles(w, 30, "banjir");
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_db *before = reader();
    add_articles(w, 30, "gempa"); /* every article changes: every shard */
    cari_db *during = reader();
    cr_expect_eq(hits(during, "gempa"), 0, "uncommitted changes are invisible");
    cr_expect_eq(hits(during, "banjir"), 30);
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cr_expect_eq(hits(before, "gempa"), 30, "an open reader moves to the new commit");
    cr_expect_eq(hits(before, "banjir"), 0);
    cari_db *after = reader();
    cr_expect_eq(hits(after, "gempa"), 30);
    cari_close(before);
    cari_close(during);
    cari_close(after);
    cr_expect_eq(shard_folders(), 3, "the replaced shards are gone");
    cari_writer_close(w);
}

/* A writer closed without a commit leaves the index as it was; its copies
 * of the shards are removed, as are a killed writer's leftovers (made
 * here by hand) when the next writer opens. */
Test(sharded, uncommitted_changes_and_leftovers_are_discarded)
{
    cari_writer *w = writer(3, 0);
    add_articles(w, 12, "banjir");
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    w = writer(0, 0);
    add_articles(w, 12, "gempa");
    cari_writer_close(w); /* no commit */
    cr_expect_eq(shard_folders(), 3);
    char junk[400];
    snprintf(junk, sizeof junk, "mkdir -p '%s/shard-1.g9' && echo x > '%s/cari-manifest.next'",
             index_path, index_path);
    cr_assert_eq(system(junk), 0);
    cari_db *db = reader();
    cr_expect_eq(hits(db, "banjir"), 12);
    cr_expect_eq(hits(db, "gempa"), 0);
    cari_close(db);
    w = writer(0, 0);
    cr_expect_eq(shard_folders(), 3, "the next writer removed the leftovers");
    cari_writer_close(w);
}

/* Another shard count is refused; compacting keeps every article and
 * publishes every shard at once. */
Test(sharded, compact_and_shard_count)
{
    cari_writer *w = writer(2, 0);
    add_articles(w, 10, "banjir");
    cr_assert_eq(cari_commit(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    cari_write_options o = CARI_WRITE_OPTIONS_INIT;
    o.shards = 3;
    cr_expect_eq(cari_writer_open(&w, index_path, &o), CARI_CORRUPT);
    cr_expect(strstr(cari_writer_errmsg(w), "has 2 shards, not 3") != NULL, "%s",
              cari_writer_errmsg(w));
    cari_writer_close(w);
    w = writer(0, 0);
    cr_assert_eq(cari_remove(w, "a03.txt"), CARI_OK);
    cr_assert_eq(cari_compact(w), CARI_OK, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    cari_db *db = reader();
    cr_expect_eq(hits(db, "banjir"), 9);
    size_t problems = 99;
    cr_expect_eq(cari_check(db, NULL, NULL, &problems), CARI_OK, "%s", cari_errmsg(db));
    cr_expect_eq(problems, 0);
    cari_close(db);
    cr_expect_eq(shard_folders(), 2);
}
