/* Opening an index for searching: one index, a sharded index (the shards
 * its manifest names), several indexes or remote ones as one. */
#include "reader.h"
#include "alloc.h"

#include "fsutil.h"
#include "manifest.h"
#include "signature.h"

#include <errno.h>
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
 * names, and remembers the manifest to notice commits when it is the
 * only index. */
static cari_status add_sharded(cari_db *db, const char *path, unsigned n, int only)
{
    cari_manifest m;
    cari_status st = cari_manifest_read(path, n, &m, &db->error);
    for (unsigned k = 0; !st && k < n; k++) {
        st = add_shard(db, m.dirs[k]);
        m.dirs[k] = NULL;
    }
    cari_manifest_free(&m);
    if (st || !only)
        return st;
    size_t len = strlen(path) + sizeof CARI_MANIFEST_FILE + 2;
    free(db->manifest);
    if (!(db->manifest = cari_malloc(len)))
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    snprintf(db->manifest, len, "%s/%s", path, CARI_MANIFEST_FILE);
    return CARI_OK;
}

/* Adds what `path` names to db->shards: a remote database, a sharded
 * index's shards, or one index (a folder or a Xapian stub file). */
static cari_status expand(cari_db *db, const char *path, int only)
{
    struct stat st;
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
        return add_sharded(db, path, (unsigned)shards, only);
    if (S_ISDIR(st.st_mode) && !cari_is_xapian_dir(path))
        return cari_fail(&db->error, CARI_CORRUPT, "%s: not a cari index", path);
    return add_shard(db, cari_strdup(path));
}

/* The inode of `path` (0 when it cannot be read). */
static unsigned long long inode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* Opens the databases `paths` name for reading, as one. */
static cari_status open_read(cari_db *db, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cari_status rc = expand(db, paths[i], n == 1);
        if (rc)
            return rc;
    }
    xc_err *err = NULL;
    if (db->n_shards > 1) {
        /* Every database must agree with this reader's stemmer, and with
         * the others' b: scores mix only when every database normalizes
         * lengths alike. */
        for (size_t i = 0; i < db->n_shards; i++) {
            xc_rdb *one = xc_rdb_open(db->shards[i], &err);
            if (!one)
                return cari_fail_xc(&db->error, err, db->shards[i]);
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
    /* One local index: remember which, to notice a rebuild swapped in or
     * a sharded index's commit.  Its inode is taken before Xapian opens
     * it, so that a swap during the open shows as one; an open that fails
     * because the folder was swapped under it is tried once more. */
    struct stat st;
    unsigned long long ino = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        ino = 0;
        if (db->manifest)
            ino = inode_of(db->manifest);
        else if (db->n_shards == 1 && strncmp(db->shards[0], "tcp://", 6) &&
                 stat(db->shards[0], &st) == 0 && S_ISDIR(st.st_mode))
            ino = (unsigned long long)st.st_ino;
        db->r = xc_rdb_open_many((const char *const *)db->shards, db->n_shards, &err);
        if (db->r || !ino || ino == inode_of(db->manifest ? db->manifest : db->shards[0]))
            break;
        xc_err_free(err);
        err = NULL;
    }
    if (!db->r)
        return cari_fail_xc(&db->error, err,
                            db->n_shards == 1 ? db->shards[0] : db->path);
    db->live_ino = ino;
    if (db->n_shards == 1)
        return cari_read_signature(&db->error, db->r, db->stemmer, db->shards[0], &db->bm25_b);
    return CARI_OK;
}

/* Closes the databases and forgets their paths. */
static void close_databases(cari_db *db)
{
    xc_rdb_close(db->r);
    db->r = NULL;
    for (size_t i = 0; i < db->n_shards; i++)
        free(db->shards[i]);
    free(db->shards);
    db->shards = NULL;
    db->n_shards = 0;
    free(db->manifest);
    db->manifest = NULL;
    db->live_ino = 0;
}

cari_status cari_refresh(cari_db *db)
{
    if (!db->r || !db->live_ino)
        return CARI_OK;
    const char *watched = db->manifest ? db->manifest : db->shards[0];
    unsigned long long ino = inode_of(watched);
    if (!ino || ino == db->live_ino)
        return CARI_OK;
    /* A rebuild was swapped in, or the shards committed: read the new
     * index from now on.  A writer removes the folders of the state it
     * replaced, so a reader that read the manifest just before a commit
     * may find them gone: it reads the new manifest again. */
    cari_status rc = CARI_OK;
    for (int attempt = 0; attempt < 5; attempt++) {
        close_databases(db);
        cari_clear_error(&db->error);
        rc = open_read(db, (const char *const *)&db->path, 1);
        if (rc != CARI_NOTFOUND)
            break;
    }
    return rc;
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
    cari_status st = new_reader(out, path, flags);
    if (st)
        return st;
    if (!path || !*path)
        return cari_fail(&(*out)->error, CARI_INVALID, "no index path given");
    /* A sharded index mid-commit: its old shards may go as we open them. */
    for (int attempt = 0;; attempt++) {
        st = open_read(*out, &path, 1);
        if (st != CARI_NOTFOUND || !(*out)->manifest || attempt == 4)
            return st;
        close_databases(*out);
    }
}

cari_status cari_open_shards(cari_db **out, const char *const *paths, size_t n, int flags)
{
    cari_status st = new_reader(out, n ? paths[0] : "", flags);
    if (st)
        return st;
    if (!n)
        return cari_fail(&(*out)->error, CARI_INVALID, "no index path given");
    return open_read(*out, paths, n);
}

void cari_close(cari_db *db)
{
    if (!db)
        return;
    close_databases(db);
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
