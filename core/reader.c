/* Opening an index for searching: one index, a sharded index (the shards
 * its manifest names), several indexes or remote ones as one. */
#include "reader.h"
#include "alloc.h"

#include "fsutil.h"
#include "manifest.h"
#include "signature.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Appends a database path (owned; NULL: out of memory) to db->shards.
 * Returns a status. */
static cari_status add_shard(cari_db *db, char *owned)
{
    char **v = owned ? cari_realloc(db->shards, (db->n_shards + 1) * sizeof *v) : NULL;
    if (!v) {
        free(owned);
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    }
    db->shards = v;
    db->shards[db->n_shards++] = owned;
    return CARI_OK;
}

/* Adds the shards the manifest of the sharded index at `path` (n shards)
 * names, and sets *watched to the manifest, whose replacement marks a
 * commit. */
static cari_status add_sharded(cari_db *db, const char *path, unsigned n, char **watched)
{
    cari_manifest m;
    cari_status st = cari_manifest_read(path, n, &m, &db->error);
    for (unsigned k = 0; !st && k < n; k++) {
        st = add_shard(db, m.dirs[k]);
        m.dirs[k] = NULL;
    }
    cari_manifest_free(&m);
    if (st)
        return st;
    size_t len = strlen(path) + sizeof CARI_MANIFEST_FILE + 2;
    if (!(*watched = cari_malloc(len)))
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    snprintf(*watched, len, "%s/%s", path, CARI_MANIFEST_FILE);
    return CARI_OK;
}

/* Adds what `path` names to db->shards: a remote database, a sharded
 * index's shards, or one index (a folder or a Xapian stub file).  Sets
 * *watched (malloc'd) to what a swap of it replaces: its manifest, its
 * folder, or NULL (remote, stub file). */
static cari_status expand(cari_db *db, const char *path, char **watched)
{
    struct stat st;
    *watched = NULL;
    if (!strncmp(path, "tcp://", 6))
        return add_shard(db, cari_strdup(path));
    if (stat(path, &st) != 0)
        return cari_fail(&db->error, errno == ENOENT ? CARI_NOTFOUND : CARI_IO,
                         "%s: no index here (%s); create one with cari-indexer", path,
                         strerror(errno));
    int shards = S_ISDIR(st.st_mode) ? cari_sharded_count(path) : 0;
    if (shards < 0)
        return cari_fail(&db->error, CARI_CORRUPT, "%s: malformed %s file", path,
                         CARI_SHARDS_FILE);
    if (shards)
        return add_sharded(db, path, (unsigned)shards, watched);
    if (S_ISDIR(st.st_mode) && !cari_is_xapian_dir(path))
        return cari_fail(&db->error, CARI_CORRUPT, "%s: not a cari index", path);
    if (S_ISDIR(st.st_mode) && !(*watched = cari_strdup(path)))
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    return add_shard(db, cari_strdup(path));
}

/* The inode of `path` (0 when it cannot be read, or path is NULL). */
static unsigned long long inode_of(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* Notes the inode of what each input's swap would replace. */
static void note_inodes(cari_db *db)
{
    for (size_t i = 0; i < db->n_inputs; i++)
        db->inputs[i].ino = inode_of(db->inputs[i].watched);
}

int cari_reader_swapped(const cari_db *db)
{
    for (size_t i = 0; i < db->n_inputs; i++) {
        const cari_input *in = &db->inputs[i];
        unsigned long long ino = in->ino ? inode_of(in->watched) : 0;
        if (ino && ino != in->ino)
            return 1;
    }
    return 0;
}

/* How long a remote shard may take to connect or answer, in *ms:
 * $CARI_REMOTE_TIMEOUT seconds, else 5.  Returns a status (CARI_INVALID
 * for a value that is not a number of seconds from 0.001 to 3600). */
static cari_status remote_timeout_ms(cari_db *db, unsigned *ms)
{
    const char *v = getenv("CARI_REMOTE_TIMEOUT");
    *ms = XC_REMOTE_TIMEOUT_MS;
    if (!v || !*v)
        return CARI_OK;
    char *end;
    errno = 0;
    double s = strtod(v, &end);
    if (errno || *end || !(s >= 0.001 && s <= 3600))
        return cari_fail(&db->error, CARI_INVALID,
                         "CARI_REMOTE_TIMEOUT: expected seconds from 0.001 to 3600, got \"%s\"", v);
    *ms = (unsigned)(s * 1000 + 0.5);
    return CARI_OK;
}

/* Reports err (freed), which opening `what` met: a remote shard that did
 * not answer is named by Xapian's message, with the time it was given.
 * Returns the status. */
static cari_status fail_open(cari_db *db, xc_err *err, const char *what, unsigned timeout_ms)
{
    if (xc_err_kind_of(err) != XC_ERR_NETWORK)
        return cari_fail_xc(&db->error, err, what);
    cari_status rc = cari_fail(&db->error, CARI_IO,
                               "%s (a remote shard gets %g s to answer; $CARI_REMOTE_TIMEOUT "
                               "sets it)", xc_err_msg(err), timeout_ms / 1000.0);
    xc_err_free(err);
    return rc;
}

/* Opens the databases db->inputs name for reading, as one. */
static cari_status open_read(cari_db *db)
{
    unsigned timeout_ms;
    cari_status trc = remote_timeout_ms(db, &timeout_ms);
    if (trc)
        return trc;
    for (size_t i = 0; i < db->n_inputs; i++) {
        free(db->inputs[i].watched);
        cari_status rc = expand(db, db->inputs[i].path, &db->inputs[i].watched);
        if (rc)
            return rc;
    }
    xc_err *err = NULL;
    if (db->n_shards > 1) {
        /* Every database must agree with this reader's stemmer, and with
         * the others' b: scores mix only when every database normalizes
         * lengths alike. */
        for (size_t i = 0; i < db->n_shards; i++) {
            xc_rdb *one = xc_rdb_open_many((const char *const *)&db->shards[i], 1, timeout_ms, &err);
            if (!one)
                return fail_open(db, err, db->shards[i], timeout_ms);
            double b = CARI_DEFAULT_B;
            cari_status rc = cari_read_signature(&db->error, one, db->stemmer, db->shards[i], &b);
            xc_rdb_close(one);
            if (!rc && i > 0 && b != db->bm25_b)
                rc = cari_fail(&db->error, CARI_MISMATCH,
                               "%s: built with BM25 b = %g, another of the indexes with b = %g; "
                               "rebuild one of them (cari-indexer --rebuild --b)",
                               db->shards[i], b, db->bm25_b);
            if (rc)
                return rc;
            db->bm25_b = b;
        }
    }
    /* Remember which folders and manifests were open, to notice a rebuild
     * swapped in or a sharded index's commit.  Their inodes are taken
     * before Xapian opens them, so that a swap during the open shows as
     * one; an open that fails because a folder was swapped under it is
     * tried once more. */
    for (int attempt = 0; attempt < 2; attempt++) {
        note_inodes(db);
        db->r = xc_rdb_open_many((const char *const *)db->shards, db->n_shards, timeout_ms,
                                 &err);
        if (db->r || !cari_reader_swapped(db))
            break;
        xc_err_free(err);
        err = NULL;
    }
    if (!db->r)
        return fail_open(db, err, db->n_shards == 1 ? db->shards[0] : db->path, timeout_ms);
    if (db->n_shards == 1)
        return cari_read_signature(&db->error, db->r, db->stemmer, db->shards[0], &db->bm25_b);
    return CARI_OK;
}

cari_status cari_reader_fail(cari_db *db, xc_err *err)
{
    const char *what = db->path;
    char *label = NULL;
    if (xc_err_remote(err)) {
        what = xc_err_remote(err);
    } else if (err && xc_err_kind_of(err) == XC_ERR_NETWORK) {
        size_t n = 0, len = 0, one = 0;
        for (size_t i = 0; i < db->n_shards; i++)
            if (!strncmp(db->shards[i], "tcp://", 6)) {
                one = i;
                n++;
                len += strlen(db->shards[i]) + 2;
            }
        if (n == 1)
            what = db->shards[one];
        else if (n > 1 && (label = cari_malloc(len + 32))) {
            strcpy(label, "a remote shard (");
            for (size_t i = 0, k = 0; i < db->n_shards; i++)
                if (!strncmp(db->shards[i], "tcp://", 6)) {
                    strcat(label, k++ ? ", " : "");
                    strcat(label, db->shards[i]);
                }
            strcat(label, ")");
            what = label;
        }
    }
    cari_status st = cari_fail_xc(&db->error, err, what);
    free(label);
    return st;
}

/* Closes the databases and forgets their paths (not the inputs). */
static void close_databases(cari_db *db)
{
    xc_rdb_close(db->r);
    db->r = NULL;
    for (size_t i = 0; i < db->n_shards; i++)
        free(db->shards[i]);
    free(db->shards);
    db->shards = NULL;
    db->n_shards = 0;
}

/* Opens db's inputs; a sharded index mid-commit may remove its old
 * shards as they are opened, and is read again (five tries). */
static cari_status open_inputs(cari_db *db)
{
    cari_status rc = CARI_OK;
    for (int attempt = 0; attempt < 5; attempt++) {
        close_databases(db);
        cari_clear_error(&db->error);
        rc = open_read(db);
        if (rc != CARI_NOTFOUND)
            break;
    }
    return rc;
}

cari_status cari_refresh(cari_db *db)
{
    if (!db->r)
        return CARI_OK;
    if (cari_reader_swapped(db))
        return open_inputs(db);
    /* The same folders: an update commits a new revision in place, which
     * Xapian's reader sees only once reopened. */
    xc_err *err = NULL;
    if (xc_rdb_reopen(db->r, &err) < 0)
        return cari_reader_fail(db, err);
    return CARI_OK;
}

/* Adds `path` to db->inputs unless the same index (by realpath) is there
 * already: -d X -d X, or X and ./X, are one index, searched once. */
static cari_status add_input(cari_db *db, const char *path)
{
    char real[PATH_MAX], other[PATH_MAX];
    int local = strncmp(path, "tcp://", 6) && realpath(path, real);
    for (size_t i = 0; i < db->n_inputs; i++) {
        const char *p = db->inputs[i].path;
        if (!strcmp(p, path) || (local && realpath(p, other) && !strcmp(other, real)))
            return CARI_OK;
    }
    cari_input *v = cari_realloc(db->inputs, (db->n_inputs + 1) * sizeof *v);
    if (!v)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    db->inputs = v;
    v[db->n_inputs] = (cari_input){cari_strdup(path), NULL, 0};
    if (!v[db->n_inputs].path)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    db->n_inputs++;
    return CARI_OK;
}

/* A new reader in *out with its path (the first of `paths`) and stemmer.
 * Returns a status (CARI_NOMEM with *out NULL when even the handle could
 * not be made). */
static cari_status new_reader(cari_db **out, const char *path, int flags)
{
    cari_db *db = cari_calloc(1, sizeof *db);
    *out = db;
    if (!db)
        return CARI_NOMEM;
    db->open_flags = flags;
    db->bm25_b = CARI_DEFAULT_B;
    db->path = cari_strdup(path ? path : "");
    db->stemmer = stemmer_id_new(cari_stemmer_mode(flags));
    if (!db->path || !db->stemmer)
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    if (flags & ~(CARI_OPEN_STEM_SNOWBALL | CARI_OPEN_STEM_NONE))
        return cari_fail(&db->error, CARI_INVALID,
                         "cari_open() opens an index for reading; open a writer with "
                         "cari_writer_open()");
    return CARI_OK;
}

cari_status cari_open(cari_db **out, const char *path, int flags)
{
    return cari_open_shards(out, &path, path ? 1 : 0, flags);
}

cari_status cari_open_shards(cari_db **out, const char *const *paths, size_t n, int flags)
{
    cari_status st = new_reader(out, n ? paths[0] : "", flags);
    if (st)
        return st;
    if (!n || !paths[0] || !*paths[0])
        return cari_fail(&(*out)->error, CARI_INVALID, "no index path given");
    for (size_t i = 0; i < n && !st; i++)
        st = add_input(*out, paths[i]);
    return st ? st : open_inputs(*out);
}

void cari_close(cari_db *db)
{
    if (!db)
        return;
    close_databases(db);
    for (size_t i = 0; i < db->n_inputs; i++) {
        free(db->inputs[i].path);
        free(db->inputs[i].watched);
    }
    free(db->inputs);
    stemmer_id_delete(db->stemmer);
    free(db->path);
    cari_clear_error(&db->error);
    free(db);
}

const char *cari_errmsg(const cari_db *db)
{
    return db ? cari_error_msg(&db->error) : "out of memory";
}

int cari_shard_count(const char *path)
{
    return cari_sharded_count(path);
}
