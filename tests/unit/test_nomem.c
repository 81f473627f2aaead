/* Out of memory, everywhere: for n = 0, 1, 2, ... the n-th allocation of
 * libcari fails (and every one after it, until the step ends) while a
 * writer updates a small index and commits, while a fresh build runs on
 * two threads, while a folder is synced, and while a reader searches it.
 * Each step must end in CARI_OK or CARI_NOMEM, never crash, leak nothing
 * (AddressSanitizer's leak check runs on every test process), and leave
 * the index at its last commit: the old articles or the new ones, checked
 * clean (the new ones with CARI_NOMEM only when the message says the
 * update was committed before the automatic compaction after it failed). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cari.h"

static char dir[64], index_path[128];

static void make_dir(void)
{
    strcpy(dir, "/tmp/cari-nomem-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(index_path, sizeof index_path, "%s/index", dir);
}

static void remove_dir(void)
{
    cari_alloc_fail_after(-1);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(nomem, .init = make_dir, .fini = remove_dir);

static const char *const before[][2] = {
    {"a.txt", "Banjir\n\nBanjir melanda kota setelah hujan deras semalam.\n"},
    {"b.txt", "Gempa\n\nGempa mengguncang desa di lereng gunung.\n"},
    {"c.txt", "Harga\n\nHarga beras naik di pasar induk.\n"},
};

/* The step under test: adds a new article, changes one, removes one and
 * commits, through a writer opened with `opts`.  Returns the first
 * failure's status. */
static char last_msg[1024];

static cari_status update(const cari_write_options *opts)
{
    cari_writer *w;
    cari_status st = cari_writer_open(&w, index_path, opts);
    const char *d = "Drone\n\nTentara melatih pilot drone di pangkalan.\n";
    const char *a = "Banjir\n\nBanjir surut, warga kembali ke rumah.\n";
    if (!st)
        st = cari_add_text(w, "d.txt", d, strlen(d), NULL);
    if (!st)
        st = cari_add_text(w, "a.txt", a, strlen(a), NULL);
    if (!st)
        st = cari_remove(w, "c.txt");
    if (!st)
        st = cari_commit(w);
    snprintf(last_msg, sizeof last_msg, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    return st;
}

/* Builds the starting index (no failures), with the layout of `opts`. */
static void build_before(const cari_write_options *opts)
{
    cari_writer *w;
    cr_assert_eq(cari_writer_open(&w, index_path, opts), CARI_OK);
    for (size_t i = 0; i < 3; i++)
        cr_assert_eq(cari_add_text(w, before[i][0], before[i][1], strlen(before[i][1]), NULL),
                     CARI_OK);
    cr_assert_eq(cari_commit(w), CARI_OK);
    cari_writer_close(w);
}

typedef struct {
    char ids[8][16];
    size_t n;
} id_list;

static int collect(void *ctx, const cari_article_info *a)
{
    id_list *l = ctx;
    cr_assert_lt(l->n, 8);
    snprintf(l->ids[l->n++], sizeof l->ids[0], "%s", a->id);
    return 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The index's articles in id order ("a.txt b.txt c.txt "; a sharded index
 * lists shard by shard), checked clean. */
static void articles(char *out)
{
    cari_db *db;
    id_list l = {.n = 0};
    *out = '\0';
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
    cr_assert_eq(cari_list_articles(db, collect, &l), CARI_OK);
    qsort(l.ids, l.n, sizeof l.ids[0], by_id);
    for (size_t i = 0; i < l.n; i++) {
        strcat(out, l.ids[i]);
        strcat(out, " ");
    }
    size_t problems = 1;
    cr_assert_eq(cari_check(db, NULL, NULL, &problems), CARI_OK);
    cr_expect_eq(problems, 0);
    cari_close(db);
}

/* Checks what a change run with its n-th allocation failing left
 * (`injected`: an allocation did fail): CARI_OK or CARI_NOMEM, and the
 * index holding the articles `after` when the change was committed, else
 * those from before it.  Returns 1 when no allocation failed: the change
 * ran through, so larger n would change nothing. */
static int check_outcome(long n, cari_status st, int injected, const char *after,
                         const char *what)
{
    char have[256];
    cr_assert(st == CARI_OK || st == CARI_NOMEM, "allocation %ld: status %d (%s)", n, st,
              last_msg);
    articles(have);
    /* The update's commit may have gone through before the automatic
     * compaction after it ran out of memory: the message says so. */
    if (st == CARI_OK || strstr(last_msg, "(the update is committed)"))
        cr_expect_str_eq(have, after, "allocation %ld: %s", n, last_msg);
    else
        cr_expect_str_eq(have, "a.txt b.txt c.txt ", "allocation %ld: %s", n, last_msg);
    if (injected)
        return 0;
    cr_expect_eq(st, CARI_OK);
    cr_expect_gt(n, 10, "%s allocates", what);
    return 1;
}

/* Runs an update with the n-th allocation failing, for every n until one
 * runs through, checking each outcome. */
static void every_failure(const cari_write_options *opts, const char *after)
{
    for (long n = 0;; n++) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s.lock'", index_path, index_path);
        cr_assert_eq(system(cmd), 0);
        build_before(opts);
        cari_alloc_fail_after(n);
        cari_status st = update(opts);
        int injected = cari_alloc_failed();
        cari_alloc_fail_after(-1);
        if (check_outcome(n, st, injected, after, "the update"))
            break;
    }
}

Test(nomem, update_in_place)
{
    every_failure(NULL, "a.txt b.txt d.txt ");
}

Test(nomem, rebuild_on_two_threads)
{
    cari_write_options o = CARI_WRITE_OPTIONS_INIT;
    o.flags = CARI_WRITE_REBUILD;
    o.threads = 2;
    every_failure(&o, "a.txt d.txt "); /* a rebuild holds this run's articles */
}

Test(nomem, sharded_update)
{
    cari_write_options o = CARI_WRITE_OPTIONS_INIT;
    o.shards = 2;
    every_failure(&o, "a.txt b.txt d.txt ");
}

/* A search with the n-th allocation failing: CARI_NOMEM and no result
 * set, or the same hits as without failures. */
Test(nomem, search)
{
    build_before(NULL);
    cari_search_options so = CARI_SEARCH_OPTIONS_INIT;
    so.spelling = 1;
    so.explain = 1;
    for (long n = 0;; n++) {
        cari_db *db;
        cari_results *res = NULL;
        cari_alloc_fail_after(n);
        cari_status st = cari_open(&db, index_path, CARI_OPEN_READ);
        if (!st)
            st = cari_search(db, "banjir OR gempa", &so, &res);
        int injected = cari_alloc_failed();
        cari_alloc_fail_after(-1);
        cr_assert(st == CARI_OK || st == CARI_NOMEM, "allocation %ld: status %d (%s)", n, st,
                  cari_errmsg(db));
        if (st == CARI_OK)
            cr_expect_eq(cari_results_count(res), 2, "allocation %ld", n);
        else
            cr_expect_null(res);
        cari_results_free(res);
        cari_close(db);
        if (!injected)
            break;
    }
}

/* Writes `text` to DIR/src/name. */
static void put_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/src/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Syncs DIR/src into the index and commits.  Returns the first failure's
 * status (message in last_msg). */
static cari_status sync_src(void)
{
    char src[128];
    snprintf(src, sizeof src, "%s/src", dir);
    const char *paths[] = {src};
    cari_writer *w;
    cari_status st = cari_writer_open(&w, index_path, NULL);
    if (!st)
        st = cari_writer_sync_folders(w, paths, 1, NULL, NULL);
    if (!st)
        st = cari_commit(w);
    snprintf(last_msg, sizeof last_msg, "%s", cari_writer_errmsg(w));
    cari_writer_close(w);
    return st;
}

/* The folder sync with the n-th allocation failing: a changed file, a
 * new one and a deleted one, as in update_in_place. */
Test(nomem, sync_folder)
{
    char cmd[600];
    for (long n = 0;; n++) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s.lock' '%s/src' && mkdir '%s/src'", index_path,
                 index_path, dir, dir);
        cr_assert_eq(system(cmd), 0);
        for (size_t i = 0; i < 3; i++)
            put_file(before[i][0], before[i][1]);
        cr_assert_eq(sync_src(), CARI_OK, "%s", last_msg);
        put_file("a.txt", "Banjir\n\nBanjir surut, warga kembali ke rumah.\n");
        put_file("d.txt", "Drone\n\nTentara melatih pilot drone di pangkalan.\n");
        snprintf(cmd, sizeof cmd, "rm '%s/src/c.txt'", dir);
        cr_assert_eq(system(cmd), 0);
        cari_alloc_fail_after(n);
        cari_status st = sync_src();
        int injected = cari_alloc_failed();
        cari_alloc_fail_after(-1);
        if (check_outcome(n, st, injected, "a.txt b.txt d.txt ", "the sync"))
            break;
    }
}
