/* The folder sync through cari.h (cari_writer_sync_folders()): its counts
 * over a folder's life (added, changed, unchanged, removed), the problems
 * it names through the warning function (unreadable and binary files,
 * paths too long, two files with one id, an article's bad line) on an
 * update and on a fresh build, the rebuild that keeps the index's own
 * copy of an id, the progress function, and its error kinds. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cari.h"
#include "temp_dir.h"

static void make_dir(void)
{
    temp_dir_make("/tmp/cari-sync-XXXXXX");
}

TestSuite(sync, .init = make_dir, .fini = remove_dir);

/* DIR/rel, in one of eight static buffers (so a call can take a few). */
static const char *at(const char *rel)
{
    static char path[8][512];
    static unsigned k;
    k = (k + 1) % 8;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, rel);
    return path[k];
}

/* Writes `text` to DIR/rel, making its folders. */
static void put(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *s = strchr(path + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        cr_assert(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
        *s = '/';
    }
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* The warnings a sync gave, each "FILE:LINE: MESSAGE" (FILE relative to
 * DIR when inside it, cut at 200 bytes). */
typedef struct {
    char v[16][600];
    size_t n;
} warnings;

static void on_warn(void *ctx, const char *file, size_t line, const char *msg)
{
    warnings *w = ctx;
    size_t d = strlen(dir);
    if (file && !strncmp(file, dir, d) && file[d] == '/')
        file += d + 1;
    if (w->n < 16)
        snprintf(w->v[w->n], sizeof w->v[0], "%.200s:%zu: %s", file ? file : "-", line, msg);
    w->n++;
}

/* Whether one warning starts with `prefix` and contains `part`. */
static int warned(const warnings *w, const char *prefix, const char *part)
{
    for (size_t i = 0; i < w->n && i < 16; i++)
        if (!strncmp(w->v[i], prefix, strlen(prefix)) && strstr(w->v[i], part))
            return 1;
    return 0;
}

static void show(const warnings *w)
{
    for (size_t i = 0; i < w->n && i < 16; i++)
        cr_log_info("warning: %s", w->v[i]);
}

/* Syncs `paths` into the index (opened with `flags`) and commits,
 * storing counts and warnings.  Returns the sync's status. */
static cari_status sync_with(int flags, const char *const *paths, size_t n, int sync_flags,
                             cari_sync_counts *c, warnings *w)
{
    cari_writer *wr;
    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.flags = flags;
    wo.threads = 2;
    cr_assert_eq(cari_writer_open(&wr, index_path, &wo), CARI_OK, "%s",
                 cari_writer_errmsg(wr));
    cari_sync_options so = CARI_SYNC_OPTIONS_INIT;
    so.flags = sync_flags;
    so.warn = on_warn;
    so.warn_ctx = w;
    memset(w, 0, sizeof *w);
    cari_status st = cari_writer_sync_folders(wr, paths, n, &so, c);
    if (!st)
        cr_assert_eq(cari_commit(wr), CARI_OK, "%s", cari_writer_errmsg(wr));
    cari_writer_close(wr);
    show(w);
    return st;
}

static cari_status sync_one(const char *folder, cari_sync_counts *c, warnings *w)
{
    const char *paths[] = {folder};
    return sync_with(0, paths, 1, 0, c, w);
}

/* The index's articles: "id@group-tail " in id order, group-tail being
 * the last part of the recorded folder ("-" for none). */
static int collect(void *ctx, const cari_article_info *a)
{
    const char *g = strrchr(a->group, '/');
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 1024 - n, "%s@%s ", a->id, *a->group ? (g ? g + 1 : a->group) : "-");
    return 0;
}

static void articles(char *out)
{
    cari_db *db;
    *out = '\0';
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
    cr_assert_eq(cari_list_articles(db, collect, out), CARI_OK);
    cari_close(db);
}

#define EXPECT_COUNTS(c, a, ch, u, r, s)                                                      \
    cr_expect(c.added == (size_t)(a) && c.changed == (size_t)(ch) &&                       \
                  c.unchanged == (size_t)(u) && c.removed == (size_t)(r) &&                  \
                  c.skipped == (size_t)(s),                                                  \
              "counts %zu added, %zu changed, %zu unchanged, %zu removed, %zu skipped",      \
              c.added, c.changed, c.unchanged, c.removed, c.skipped)

static const char *const art_a = "Banjir\n\nBanjir melanda kota setelah hujan deras.\n";
static const char *const art_b = "Gempa\n\nGempa mengguncang desa di lereng gunung.\n";
static const char *const art_c =
    "<html><head><title>Harga beras</title></head><body><article>"
    "<p>Harga beras naik di pasar induk kota.</p></article></body></html>";

/* A folder's life: built, synced unchanged, then a file changed, one
 * removed, one added. */
Test(sync, counts_over_a_folders_life)
{
    cari_sync_counts c;
    warnings w;
    char have[1024];
    put("news/a.txt", art_a);
    put("news/b.txt", art_b);
    put("news/dalam/c.html", art_c);
    put("news/catatan.md", "not an article file");
    cr_assert_eq(sync_one(at("news"), &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 3, 0, 0, 0, 0);
    cr_expect_eq(w.n, 0);
    articles(have);
    cr_expect_str_eq(have, "a.txt@news b.txt@news dalam/c.html@news ");

    cr_assert_eq(sync_one(at("news"), &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 0, 0, 3, 0, 0);

    put("news/a.txt", "Banjir\n\nBanjir surut, warga kembali ke rumah.\n");
    cr_assert_eq(unlink(at("news/b.txt")), 0);
    put("news/d.txt", "Drone\n\nTentara melatih pilot drone.\n");
    cr_assert_eq(sync_one(at("news"), &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 1, 1, 1, 1, 0);
    articles(have);
    cr_expect_str_eq(have, "a.txt@news d.txt@news dalam/c.html@news ");
}

/* CARI_SYNC_KEEP_MISSING removes nothing; a subfolder synced alone keeps
 * the ids its parent gave; a single file's id is its name, without a
 * group. */
Test(sync, keep_missing_subfolders_and_single_files)
{
    cari_sync_counts c;
    warnings w;
    char have[1024];
    put("news/a.txt", art_a);
    put("news/sub/b.txt", art_b);
    put("lain/e.txt", art_a);
    const char *news[] = {at("news")};
    cr_assert_eq(sync_with(0, news, 1, 0, &c, &w), CARI_OK);
    cr_assert_eq(unlink(at("news/a.txt")), 0);
    const char *sub[] = {at("news/sub")};
    cr_assert_eq(sync_with(0, sub, 1, CARI_SYNC_KEEP_MISSING, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 0, 0, 1, 0, 0);
    const char *top[] = {at("news")};
    cr_assert_eq(sync_with(0, top, 1, CARI_SYNC_KEEP_MISSING, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 0, 0, 1, 0, 0);
    articles(have);
    cr_expect_str_eq(have, "a.txt@news sub/b.txt@news ");
    const char *file[] = {at("lain/e.txt")};
    cr_assert_eq(sync_with(0, file, 1, 0, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 1, 0, 0, 0, 0);
    articles(have);
    cr_expect_str_eq(have, "a.txt@news e.txt@- sub/b.txt@news ");
}

/* Problems are named with their file and counted as skipped; an
 * article's bad line is named with its file and line, on a fresh build
 * (worker threads) and on an update alike. */
static void problems(int update)
{
    cari_sync_counts c;
    warnings w;
    if (update) {
        put("seed/x.txt", art_b);
        cr_assert_eq(sync_one(at("seed"), &c, &w), CARI_OK);
    }
    put("in/a.txt", art_a);
    FILE *f = fopen(at("in/bin.txt"), "wb");
    cr_assert_not_null(f);
    fwrite("Judul\n\nteks\0biner\n", 1, 18, f);
    fclose(f);
    put("in/rusak.txt", "Judul\n\nbaris satu\nbaris \xff dua\n");
    cr_assert_eq(symlink("tidak-ada.txt", at("in/hilang.txt")), 0);
    put("kosong/catatan.md", "no article");
    const char *paths[] = {at("in"), at("kosong"), at("tidak-ada")};
    cr_assert_eq(sync_with(0, paths, 3, 0, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 2, 0, 0, 0, 3);
    cr_expect(warned(&w, "in/bin.txt:0: ", "binary file (NUL byte), skipped"));
    cr_expect(warned(&w, "in/hilang.txt:0: ", "No such file or directory, skipped"));
    cr_expect(warned(&w, "tidak-ada:0: ", "No such file or directory, skipped"));
    cr_expect(warned(&w, "kosong:0: ", "no article files"));
    cr_expect(warned(&w, "in/rusak.txt:4: ", "invalid UTF-8"));
}

Test(sync, problems_named_on_a_fresh_build)
{
    problems(0);
}

Test(sync, problems_named_on_an_update)
{
    problems(1);
}

/* A path longer than PATH_MAX is named and counted as skipped. */
Test(sync, path_longer_than_path_max)
{
    cari_sync_counts c;
    warnings w;
    put("deep/a.txt", art_a);
    char name[201];
    memset(name, 'd', 200);
    name[200] = '\0';
    int fd = open(at("deep"), O_RDONLY | O_DIRECTORY);
    cr_assert_geq(fd, 0);
    for (int depth = 0; depth * 201 < PATH_MAX + 200; depth++) {
        cr_assert(mkdirat(fd, name, 0755) == 0, "mkdir at depth %d", depth);
        int sub = openat(fd, name, O_RDONLY | O_DIRECTORY);
        cr_assert_geq(sub, 0);
        close(fd);
        fd = sub;
    }
    int file = openat(fd, "jauh.txt", O_WRONLY | O_CREAT, 0644);
    cr_assert_geq(file, 0);
    cr_assert_eq(write(file, art_b, strlen(art_b)), (ssize_t)strlen(art_b));
    close(file);
    close(fd);
    cr_assert_eq(sync_one(at("deep"), &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 1, 0, 0, 0, 1);
    cr_expect(warned(&w, "deep/", "File name too long, skipped"));
}

/* Two folders with one relative name: the first given wins, the other is
 * named and skipped, run after run. */
Test(sync, one_id_in_two_folders)
{
    cari_sync_counts c;
    warnings w;
    char have[1024];
    put("news/a.txt", art_a);
    put("archive/a.txt", art_b);
    const char *paths[] = {at("news"), at("archive")};
    for (int run = 0; run < 2; run++) {
        cr_assert_eq(sync_with(0, paths, 2, 0, &c, &w), CARI_OK);
        EXPECT_COUNTS(c, run ? 0 : 1, 0, run ? 1 : 0, 0, 1);
        cr_expect(warned(&w, "archive/a.txt:0: ", "is also the id of"));
    }
    articles(have);
    cr_expect_str_eq(have, "a.txt@news ");
}

/* A rebuild given a folder whose ids collide with a recorded folder's
 * keeps the index's own copy (the recorded folder's) and names the
 * other; it used to skip both and drop the article. */
Test(sync, rebuild_keeps_the_recorded_copy)
{
    cari_sync_counts c;
    warnings w;
    char have[1024];
    put("news/a.txt", art_a);
    put("news/b.txt", art_b);
    put("archive/a.txt", art_b);
    const char *news[] = {at("news")};
    cr_assert_eq(sync_with(0, news, 1, 0, &c, &w), CARI_OK);
    const char *archive[] = {at("archive")};
    cr_assert_eq(sync_with(CARI_WRITE_REBUILD, archive, 1, 0, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 2, 0, 0, 0, 1);
    cr_expect(warned(&w, "archive/a.txt:0: ", "is also the id of"));
    articles(have);
    cr_expect_str_eq(have, "a.txt@news b.txt@news ");
    /* Its text is the news folder's. */
    cari_db *db;
    cari_results *res;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cr_assert_eq(cari_search(db, "banjir", NULL, &res), CARI_OK);
    cr_expect_eq(cari_results_count(res), 1);
    cari_results_free(res);
    cari_close(db);
}

/* A rebuild with no path reads the recorded folders again and names what
 * it drops: a file that is gone, an article added without a folder. */
Test(sync, rebuild_names_what_it_drops)
{
    cari_sync_counts c;
    warnings w;
    char have[1024];
    put("news/a.txt", art_a);
    put("news/b.txt", art_b);
    const char *news[] = {at("news")};
    cr_assert_eq(sync_with(0, news, 1, 0, &c, &w), CARI_OK);
    cari_writer *wr;
    cr_assert_eq(cari_writer_open(&wr, index_path, NULL), CARI_OK);
    cr_assert_eq(cari_add_text(wr, "catatan", art_b, strlen(art_b), NULL), CARI_OK);
    cr_assert_eq(cari_commit(wr), CARI_OK);
    cari_writer_close(wr);
    cr_assert_eq(unlink(at("news/b.txt")), 0);
    cr_assert_eq(sync_with(CARI_WRITE_REBUILD, NULL, 0, 0, &c, &w), CARI_OK);
    EXPECT_COUNTS(c, 1, 0, 0, 2, 0);
    cr_expect(warned(&w, "index:0: ", "the rebuild drops article b.txt (its file is gone"));
    cr_expect(warned(&w, "index:0: ", "the rebuild drops article catatan (not given again"));
    articles(have);
    cr_expect_str_eq(have, "a.txt@news ");
}

/* The progress function sees every file, the last call done == total. */
static void on_progress(void *ctx, size_t done, size_t total)
{
    size_t *seen = ctx;
    cr_expect_leq(done, total);
    seen[0]++;
    seen[1] = done;
    seen[2] = total;
}

Test(sync, progress)
{
    put("p/a.txt", art_a);
    put("p/b.txt", art_b);
    put("p/c.html", art_c);
    cari_writer *wr;
    cr_assert_eq(cari_writer_open(&wr, index_path, NULL), CARI_OK);
    size_t seen[3] = {0, 0, 0};
    cari_sync_options so;
    cr_assert_eq(cari_sync_options_init(&so, CARI_SYNC_OPTIONS_VERSION), CARI_OK);
    so.progress = on_progress;
    so.progress_ctx = seen;
    const char *paths[] = {at("p")};
    cr_assert_eq(cari_writer_sync_folders(wr, paths, 1, &so, NULL), CARI_OK);
    cari_writer_close(wr);
    cr_expect_eq(seen[0], 3);
    cr_expect_eq(seen[1], 3);
    cr_expect_eq(seen[2], 3);
}

/* Bad arguments are CARI_INVALID with a message; a writer that cannot
 * take the articles makes the sync fail with its status. */
Test(sync, error_kinds)
{
    cari_sync_options so;
    cr_expect_eq(cari_sync_options_init(&so, 0), CARI_INVALID);
    cr_expect_eq(cari_sync_options_init(&so, CARI_SYNC_OPTIONS_VERSION + 1), CARI_INVALID);
    cari_writer *wr;
    cr_assert_eq(cari_writer_open(&wr, index_path, NULL), CARI_OK);
    cari_sync_counts c = {1, 1, 1, 1, 1};
    cr_expect_eq(cari_writer_sync_folders(wr, NULL, 1, NULL, &c), CARI_INVALID);
    cr_expect_eq(c.added + c.changed + c.unchanged + c.removed + c.skipped, 0);
    cr_expect(strstr(cari_writer_errmsg(wr), "no paths") != NULL, "%s", cari_writer_errmsg(wr));
    const char *empty[] = {""};
    cr_expect_eq(cari_writer_sync_folders(wr, empty, 1, NULL, NULL), CARI_INVALID);
    so.version = 99;
    const char *paths[] = {dir};
    cr_expect_eq(cari_writer_sync_folders(wr, paths, 1, &so, NULL), CARI_INVALID);
    cr_expect(strstr(cari_writer_errmsg(wr), "version 99") != NULL, "%s",
              cari_writer_errmsg(wr));
    cr_expect_eq(cari_writer_sync_folders(NULL, paths, 1, NULL, NULL), CARI_INVALID);
    cari_writer_close(wr);
}
