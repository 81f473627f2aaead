/*
 * search_folder: index a folder of .txt files with libcari, then search it.
 *
 *     search_folder INDEX FOLDER QUERY...
 *
 * Adds every .txt file under FOLDER (subfolders too) to the index at INDEX
 * (created when missing; files whose content has not changed are skipped),
 * commits, and prints the best passages for QUERY.  (Articles whose files
 * are deleted stay indexed: cari-indexer removes them, with cari_set_group()
 * and cari_list_articles().)  It uses nothing but
 * <cari.h>; build it against an installed cari with
 *
 *     cc search_folder.c $(pkg-config --cflags --libs cari) -o search_folder
 *
 * Exit status: 0 with hits, 1 without, 2 on an error (as grep).
 */
#include <cari.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* cari_read_fn over a FILE *: cari reads each file in pieces, so memory
 * stays bounded however big the file. */
static long read_file(void *ctx, char *buf, size_t cap)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, cap, f);
    return n == 0 && ferror(f) ? -1 : (long)n;
}

/* Adds the .txt files under dir; an article's id is its path below the
 * top folder (`rel`, "" at the top).  Returns 0, or -1 after a message. */
static int add_folder(cari_writer *w, const char *dir, const char *rel,
                      unsigned *added)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096], id[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(id, sizeof id, "%s%s%s", rel, *rel ? "/" : "", e->d_name);

        DIR *sub = opendir(path);           /* a folder: walk it */
        if (sub) {
            closedir(sub);
            rc = add_folder(w, path, id, added);
            continue;
        }
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        FILE *f = fopen(path, "rb");
        if (!f) {
            perror(path);
            rc = -1;
            break;
        }
        /* Hash the file first: when the index holds the same content
         * under this id, cari_add_stream() skips it without reading. */
        cari_hasher h;
        char hash[CARI_HASH_LEN + 1], buf[65536];
        size_t got;
        cari_hash_init(&h);
        while ((got = fread(buf, 1, sizeof buf, f)) > 0)
            cari_hash_update(&h, buf, got);
        cari_hash_final(&h, hash);
        rewind(f);

        cari_added out;
        if (cari_add_stream(w, id, hash, read_file, f, &out) != CARI_OK) {
            fprintf(stderr, "%s: %s\n", path, cari_writer_errmsg(w));
            rc = -1;
        } else if (out.change != CARI_UNCHANGED) {
            (*added)++;
        }
        fclose(f);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s INDEX FOLDER QUERY...\n", argv[0]);
        return 2;
    }

    /* Index: one writer, one commit at the end. */
    cari_writer *w;
    unsigned added = 0;
    if (cari_writer_open(&w, argv[1], NULL) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_writer_errmsg(w));
        cari_writer_close(w);
        return 2;
    }
    int rc = add_folder(w, argv[2], "", &added);
    if (rc == 0 && cari_commit(w) != CARI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], cari_writer_errmsg(w));
        rc = -1;
    }
    cari_writer_close(w);   /* without a commit, the index stays as it was */
    if (rc != 0)
        return 2;
    printf("indexed %u new or changed articles from %s\n", added, argv[2]);

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
