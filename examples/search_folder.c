/*
 * search_folder: index a folder with libcari, then search it.
 *
 *     search_folder INDEX FOLDER QUERY...
 *
 * Brings the index at INDEX (created when missing) to the state of
 * FOLDER with one call, cari_writer_sync_folders(): its .txt, .html and
 * .htm files (subfolders too) are added, changed ones re-indexed,
 * unchanged ones skipped without being read, and the articles of files
 * deleted since the last run removed.  Then it commits and prints the
 * best passages for QUERY.  It uses nothing but <cari.h>; build it
 * against an installed cari with
 *
 *     cc search_folder.c $(pkg-config --cflags --libs cari) -o search_folder
 *
 * Exit status: 0 with hits, 1 without, 2 on an error (as grep).
 */
#include <cari.h>

#include <stdio.h>
#include <string.h>

/* Prints a problem with a file (a cari_warn_fn): an unreadable or binary
 * file, a line of bad UTF-8, ... */
static void warn(void *ctx, const char *file, size_t line, const char *msg)
{
    (void)ctx;
    if (line)
        fprintf(stderr, "%s:%zu: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file ? file : "search_folder", msg);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s INDEX FOLDER QUERY...\n", argv[0]);
        return 2;
    }

    /* Index: one writer, one sync, one commit at the end. */
    cari_writer *w;
    if (cari_writer_open(&w, argv[1], NULL) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_writer_errmsg(w));
        cari_writer_close(w);
        return 2;
    }
    cari_sync_options so = CARI_SYNC_OPTIONS_INIT;
    so.warn = warn;
    cari_sync_counts c;
    const char *folders[] = {argv[2]};
    int rc = 0;
    if (cari_writer_sync_folders(w, folders, 1, &so, &c) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_writer_errmsg(w));
        rc = -1;
    } else if (c.skipped && !(c.added + c.changed + c.unchanged + c.removed)) {
        fprintf(stderr, "%s: nothing to index\n", argv[2]);
        rc = -1;
    } else if (cari_commit(w) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_writer_errmsg(w));
        rc = -1;
    }
    cari_writer_close(w);   /* without a commit, the index stays as it was */
    if (rc != 0)
        return 2;
    printf("indexed %zu new or changed articles from %s, removed %zu\n",
           c.added + c.changed, argv[2], c.removed);

    /* Search: the query is the remaining arguments, joined by spaces. */
    char query[1024] = "";
    for (int i = 3; i < argc; i++) {
        size_t used = strlen(query);
        snprintf(query + used, sizeof query - used, "%s%s",
                 i > 3 ? " " : "", argv[i]);
    }
    cari_search_options opts;
    cari_search_options_init(&opts, CARI_SEARCH_OPTIONS_VERSION);
    opts.limit = 5;

    cari_db *db;
    cari_results *res = NULL;
    if (cari_open(&db, argv[1], CARI_OPEN_READ) != CARI_OK ||
        cari_search(db, query, &opts, &res) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_errmsg(db));
        cari_close(db);
        return 2;
    }
    size_t n = cari_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const cari_hit *h = cari_results_hit(res, i);
        printf("%u. %s #%u (%.3f) %s\n", h->rank, h->article, h->passage,
               h->score, h->title ? h->title : "");
        /* The article's metadata (front matter): when and where. */
        char date[40];
        cari_format_date(&h->meta, date, sizeof date);
        if (h->meta.has_date || h->meta.source)
            printf("   %s%s%s\n", date, *date && h->meta.source ? ", " : "",
                   h->meta.source ? h->meta.source : "");
        printf("   %s\n", h->snippet);
    }
    cari_results_free(res);
    cari_close(db);
    return n > 0 ? 0 : 1;
}
