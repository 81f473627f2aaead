/* Indexing a corpus through cari.h: see build.h. */
#define _GNU_SOURCE
#include "build.h"
#include "fail.h"

#include "cari.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Commit this often, so that a large corpus does not pile up in memory. */
#define COMMIT_EVERY 20000


static int file_exists(const char *dir, const char *name)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return !stat(p, &st);
}

int eval_index_exists(const char *path)
{
    return file_exists(path, "iamglass") || file_exists(path, "iamhoney") ||
           file_exists(path, "iamchert");
}

int eval_remove_index(const char *path, char **err)
{
    struct stat st;
    if (stat(path, &st)) {
        if (errno != ENOENT)
            return eval_fail(err, "%s: %s", path, strerror(errno));
        char lock[4096];
        snprintf(lock, sizeof lock, "%s.lock", path);
        unlink(lock);
        return 0;
    }
    DIR *d = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
    if (!d)
        return eval_fail(err, "%s: exists and is not an index folder", path);
    int empty = 1, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        empty &= !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    if (!empty && !eval_index_exists(path)) {
        closedir(d);
        return eval_fail(err, "%s: not an index; refusing to delete it", path);
    }
    rewinddir(d);
    while (!rc && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0))
            rc = eval_fail(err, "%s/%s: %s", path, e->d_name, strerror(errno));
    }
    closedir(d);
    if (!rc && rmdir(path))
        rc = eval_fail(err, "%s: %s", path, strerror(errno));
    /* The writer's lock file beside the index (see cari_writer_open()). */
    char lock[4096];
    snprintf(lock, sizeof lock, "%s.lock", path);
    if (!rc && unlink(lock) && errno != ENOENT)
        rc = eval_fail(err, "%s: %s", lock, strerror(errno));
    return rc;
}

int eval_build_index(const char *path, eval_stemmer s, double b, const eval_corpus *c,
                     char **err)
{
    cari_writer *db = NULL;
    /* REBUILD: a fresh index, swapped in for any old one at commit. */
    cari_write_options o = CARI_WRITE_OPTIONS_INIT;
    o.flags = CARI_WRITE_REBUILD | CARI_WRITE_NOSYNC | eval_stemmer_flag(s);
    cari_status st = cari_writer_open(&db, path, &o);
    if (!st)
        st = cari_set_bm25_b(db, b);
    for (size_t i = 0; !st && i < c->n; i++) {
        const eval_passage *p = &c->v[i];
        st = cari_add_article(db, p->id, NULL, p->text, p->len, NULL);
        if (!st && (i + 1) % COMMIT_EVERY == 0)
            st = cari_commit(db);
    }
    if (!st)
        st = cari_commit(db);
    int rc = 0;
    if (st)
        rc = eval_fail(err, "%s: %s", path, cari_writer_errmsg(db));
    cari_writer_close(db);
    return rc;
}
