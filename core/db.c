/* Opening, checking and closing an index. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "fatal.h"
#include "fsutil.h"
#include "shards.h"

/* Whether `path` holds a Xapian database: a file named iamglass (or
 * iamchert) in a directory, or a stub file (a regular file). */
static int looks_like_xapian(const char *path, int *is_dir)
{
    struct stat st;
    *is_dir = 0;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return 1; /* a stub file, or garbage Xapian will reject */
    *is_dir = 1;
    size_t n = strlen(path);
    char *probe = malloc(n + 16);
    if (!probe)
        return 0;
    memcpy(probe, path, n);
    strcpy(probe + n, "/iamglass");
    int found = stat(probe, &st) == 0;
    if (!found) {
        strcpy(probe + n, "/iamchert");
        found = stat(probe, &st) == 0;
    }
    free(probe);
    return found;
}

/* Checks the format and stemmer recorded in the index (`meta` reads one
 * metadata key).  `fresh` is set when the index records nothing yet. */
static cari_status check_signature(cari_db *db, const char *name, char *format,
                                   char *stemmer, int empty)
{
    cari_status st = CARI_OK;
    if (!format) {
        if (!empty)
            st = cari_fail(db, CARI_CORRUPT, "%s: not a cari index", name);
    } else if (strcmp(format, CARI_FORMAT_VERSION)) {
        st = cari_fail(db, CARI_MISMATCH,
                       "%s: index format %s, this cari reads format %s; rebuild it",
                       name, format, CARI_FORMAT_VERSION);
    } else if (stemmer && strcmp(stemmer, stemmer_id_signature(db->stemmer))) {
        st = cari_fail(db, CARI_MISMATCH,
                       "%s: index built with stemmer \"%s\" but this cari uses \"%s\"; "
                       "rebuild it (cari-indexer --rebuild)",
                       name, stemmer, stemmer_id_signature(db->stemmer));
    }
    xc_free(format);
    xc_free(stemmer);
    return st;
}

/* Checks that `path` is usable for an index: missing, or a folder that
 * holds an index or nothing. */
static cari_status check_index_path(cari_db *db)
{
    int is_dir;
    int xap = looks_like_xapian(db->path, &is_dir);
    struct stat st;
    if (stat(db->path, &st) == 0) {
        if (!is_dir)
            return cari_fail(db, CARI_CORRUPT, "%s: is a file, not an index directory",
                             db->path);
        if (!xap && !cari_dir_is_empty(db->path))
            return cari_fail(db, CARI_CORRUPT,
                             "%s: directory is not empty and holds no index; "
                             "refusing to write into it", db->path);
        return CARI_OK;
    }
    if (errno != ENOENT)
        return cari_fail(db, CARI_IO, "%s: %s", db->path, strerror(errno));
    return CARI_OK;
}

stemmer_id_mode cari_stemmer_mode(int flags)
{
    return (flags & CARI_OPEN_STEM_NONE)       ? STEMMER_ID_NONE
           : (flags & CARI_OPEN_STEM_SNOWBALL) ? STEMMER_ID_SNOWBALL
                                               : STEMMER_ID_FULL;
}

cari_status cari_write_signature(cari_db *db)
{
    xc_err *err = NULL;
    const char *sig = stemmer_id_signature(db->stemmer);
    xc_wdb_set_metadata(db->w, CARI_META_FORMAT, CARI_FORMAT_VERSION,
                        strlen(CARI_FORMAT_VERSION), &err);
    xc_wdb_set_metadata(db->w, CARI_META_STEMMER, sig, strlen(sig), &err);
    char b[32];
    snprintf(b, sizeof b, "%.17g", db->bm25_b);
    xc_wdb_set_metadata(db->w, CARI_META_BM25_B, b, strlen(b), &err);
    return err ? cari_fail_xc(db, err, db->path) : CARI_OK;
}

long cari_env_long(const char *name, long dflt, long min, long max)
{
    const char *env = getenv(name);
    long n = env && *env ? strtol(env, NULL, 10) : dflt;
    return n < min ? min : n > max ? max : n;
}

/* Returns `path`.new-PID, malloc'd (the caller frees), where a fresh
 * build or a compaction writes beside the live index, with whatever an
 * earlier run of this pid left there removed; NULL when out of memory
 * (recorded in db). */
static char *beside_path(cari_db *db)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".new-%ld", (long)getpid());
    size_t n = strlen(db->path);
    char *path = malloc(n + sizeof suffix);
    if (!path) {
        cari_fail(db, CARI_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(path, db->path, n);
    strcpy(path + n, suffix);
    cari_remove_tree(path);
    return path;
}

/* Starts a fresh build: workers ($CARI_THREADS, else one per processor,
 * at most 8) write shards beside `path`.new-PID, which the commit
 * compacts into that folder and swaps in (build.c). */
static cari_status open_build(cari_db *db)
{
    if (!(db->build_path = beside_path(db)))
        return CARI_NOMEM;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cari_build_start(db, (unsigned)cari_env_long("CARI_THREADS", cpus, 1, 8));
}

/* Parses the BM25 b recorded as `value` (freed here; NULL: none) into
 * *b, which keeps its value when none is recorded.  Returns a status. */
static cari_status recorded_b(cari_db *db, const char *name, char *value, double *b)
{
    cari_status st = CARI_OK;
    if (value) {
        char *end;
        double v = strtod(value, &end);
        if (end == value || *end || !(v >= 0 && v <= 1))
            st = cari_fail(db, CARI_CORRUPT, "%s: malformed %s \"%s\"", name,
                           CARI_META_BM25_B, value);
        else
            *b = v;
    }
    xc_free(value);
    return st;
}

/* Opens the existing index for an update in one transaction. */
static cari_status open_update(cari_db *db)
{
    xc_err *err = NULL;
    db->w = xc_wdb_open(db->path, XC_OPEN, &err);
    if (!db->w)
        return cari_fail_xc(db, err, db->path);
    char *format = xc_wdb_get_metadata(db->w, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_wdb_get_metadata(db->w, CARI_META_STEMMER, NULL, &err);
    char *b = xc_wdb_get_metadata(db->w, CARI_META_BM25_B, NULL, &err);
    unsigned docs = xc_wdb_doccount(db->w, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        xc_free(b);
        return cari_fail_xc(db, err, db->path);
    }
    cari_status rc = recorded_b(db, db->path, b, &db->bm25_b);
    if (rc) {
        xc_free(format);
        xc_free(stemmer);
        return rc;
    }
    rc = check_signature(db, db->path, format, stemmer, docs == 0);
    return rc ? rc : cari_write_signature(db);
}

/* Opens the index for writing: checks the path, takes the writer lock
 * (waiting up to wait_seconds), clears leftovers of killed runs, then
 * starts a fresh build (missing index, CARI_OPEN_REBUILD) or an update. */
static cari_status open_write(cari_db *db, int flags, double wait_seconds)
{
    cari_status rc = check_index_path(db);
    if (rc)
        return rc;
    long holder;
    db->lock_fd = cari_lock(db->path, wait_seconds, &holder);
    if (db->lock_fd == -1) {
        if (holder)
            return cari_fail(db, CARI_LOCKED,
                             "%s: index is being written by another process (pid %ld)",
                             db->path, holder);
        return cari_fail(db, CARI_LOCKED, "%s: index is being written by another process",
                         db->path);
    }
    if (db->lock_fd < 0 && (errno == ELOOP || errno == EPERM))
        return cari_fail(db, CARI_IO,
                         "%s.lock: %s; refusing to use it as the lock file (remove it)",
                         db->path, errno == ELOOP ? "a symbolic link"
                                                  : "not a regular file of its own");
    if (db->lock_fd < 0)
        return cari_fail(db, CARI_IO, "%s.lock: %s", db->path, strerror(errno));
    cari_fatal_track(db->path);
    /* Holding the lock, nobody else builds: leftovers are from killed runs. */
    cari_remove_leftovers(db->path);
    int dummy;
    if ((flags & CARI_OPEN_REBUILD) || !looks_like_xapian(db->path, &dummy))
        return open_build(db);
    return open_update(db);
}

/* Checks one database's layout version and stemmer, and that its BM25 b
 * is that of the databases checked before it (`first`: it is the first;
 * scores mix only when every database normalizes lengths alike).
 * Returns a status. */
static cari_status check_database(cari_db *db, xc_rdb *r, const char *name, int first)
{
    xc_err *err = NULL;
    char *format = xc_rdb_get_metadata(r, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_rdb_get_metadata(r, CARI_META_STEMMER, NULL, &err);
    char *b = xc_rdb_get_metadata(r, CARI_META_BM25_B, NULL, &err);
    unsigned docs = xc_rdb_doccount(r, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        xc_free(b);
        return cari_fail_xc(db, err, name);
    }
    double value = CARI_DEFAULT_B;
    cari_status st = recorded_b(db, name, b, &value);
    if (!st && !first && value != db->bm25_b)
        st = cari_fail(db, CARI_MISMATCH,
                       "%s: built with BM25 b = %g, another of the indexes with b = %g; "
                       "rebuild one of them (cari-indexer --rebuild --b)",
                       name, value, db->bm25_b);
    db->bm25_b = value;
    if (st) {
        xc_free(format);
        xc_free(stemmer);
        return st;
    }
    return check_signature(db, name, format, stemmer, docs == 0);
}

/* Appends a database path to db->shards.  Returns a status. */
static cari_status add_shard(cari_db *db, char *owned)
{
    char **v = owned ? realloc(db->shards, (db->n_shards + 1) * sizeof *v) : NULL;
    if (!v) {
        free(owned);
        return cari_fail(db, CARI_NOMEM, "out of memory");
    }
    db->shards = v;
    db->shards[db->n_shards++] = owned;
    return CARI_OK;
}

/* Adds what `path` names to db->shards: a remote database, a sharded
 * index's shards, or one index (a folder or a Xapian stub file). */
static cari_status expand(cari_db *db, const char *path)
{
    struct stat st;
    int is_dir;
    if (!strncmp(path, "tcp://", 6))
        return add_shard(db, strdup(path));
    if (stat(path, &st) != 0)
        return cari_fail(db, errno == ENOENT ? CARI_NOTFOUND : CARI_IO,
                         "%s: no index here (%s); create one with cari-indexer", path,
                         strerror(errno));
    int shards = S_ISDIR(st.st_mode) ? cari_sharded_count(path) : 0;
    if (shards < 0)
        return cari_fail(db, CARI_CORRUPT, "%s: malformed %s file", path, CARI_SHARDS_FILE);
    for (int k = 0; k < shards; k++) {
        cari_status rc = add_shard(db, cari_shard_dir(path, (unsigned)k));
        if (rc)
            return rc;
    }
    if (shards)
        return CARI_OK;
    if (!looks_like_xapian(path, &is_dir))
        return cari_fail(db, CARI_CORRUPT, "%s: not a cari index", path);
    return add_shard(db, strdup(path));
}

/* Opens the databases `paths` name for reading, as one. */
static cari_status open_read(cari_db *db, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cari_status rc = expand(db, paths[i]);
        if (rc)
            return rc;
    }
    xc_err *err = NULL;
    if (db->n_shards > 1) {
        /* Every shard must agree with this reader's stemmer. */
        for (size_t i = 0; i < db->n_shards; i++) {
            xc_rdb *one = xc_rdb_open(db->shards[i], &err);
            if (!one)
                return cari_fail_xc(db, err, db->shards[i]);
            cari_status rc = check_database(db, one, db->shards[i], i == 0);
            xc_rdb_close(one);
            if (rc)
                return rc;
        }
    }
    db->r = xc_rdb_open_many((const char *const *)db->shards, db->n_shards, &err);
    if (!db->r)
        return cari_fail_xc(db, err, db->n_shards == 1 ? db->shards[0] : db->path);
    struct stat st;
    /* One local index: remember which, to notice a rebuild swapped in. */
    if (db->n_shards == 1 && strncmp(db->shards[0], "tcp://", 6) &&
        stat(db->shards[0], &st) == 0 && S_ISDIR(st.st_mode))
        db->live_ino = (unsigned long long)st.st_ino;
    return db->n_shards == 1 ? check_database(db, db->r, db->shards[0], 1) : CARI_OK;
}

cari_status cari_refresh(cari_db *db)
{
    struct stat st;
    if (!db->r || !db->live_ino || stat(db->shards[0], &st) != 0 ||
        (unsigned long long)st.st_ino == db->live_ino)
        return CARI_OK;
    /* A rebuild was swapped in: read the new index from now on. */
    xc_rdb_close(db->r);
    db->r = NULL;
    db->live_ino = 0;
    char *path = db->shards[0];
    db->shards[0] = NULL;
    db->n_shards = 0;
    cari_status rc = open_read(db, (const char *const *)&path, 1);
    free(path);
    return rc;
}

cari_status cari_set_bm25_b(cari_db *db, double b)
{
    cari_clear_error(db);
    if (!db->writable)
        return cari_fail(db, CARI_INVALID, "%s: index not open for writing", db->path);
    if (!(b >= 0 && b <= 1))
        return cari_fail(db, CARI_INVALID, "BM25 b must be between 0 and 1");
    if (b == db->bm25_b)
        return CARI_OK;
    if (db->builder) {
        cari_status st = cari_build_set_b(db, b);
        if (!st)
            db->bm25_b = b;
        return st;
    }
    xc_err *err = NULL;
    unsigned docs = xc_wdb_doccount(db->w, &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    if (docs || db->dirty)
        return cari_fail(db, CARI_INVALID,
                         "%s: built with BM25 b = %g; b changes only with a rebuild "
                         "(cari-indexer --rebuild --b %g)", db->path, db->bm25_b, b);
    db->bm25_b = b;
    return cari_write_signature(db);
}

cari_status cari_open(cari_db **out, const char *path, int flags)
{
    return cari_open_wait(out, path, flags, 0);
}

cari_status cari_open_wait(cari_db **out, const char *path, int flags,
                           double wait_seconds)
{
    cari_db *db = calloc(1, sizeof *db);
    *out = db;
    if (!db)
        return CARI_NOMEM;
    db->lock_fd = -1;
    db->open_flags = flags;
    db->bm25_b = CARI_DEFAULT_B;
    db->path = strdup(path ? path : "");
    db->stemmer = stemmer_id_new(cari_stemmer_mode(flags));
    if (!db->path || !db->stemmer)
        return cari_fail(db, CARI_NOMEM, "out of memory");
    if (!path || !*path)
        return cari_fail(db, CARI_INVALID, "no index path given");
    db->writable = (flags & CARI_OPEN_WRITE) != 0;
    if (db->writable && cari_sharded_count(path) != 0)
        return cari_fail(db, CARI_INVALID,
                         "%s: a sharded index; write to its shards (cari_open_shard)", path);
    return db->writable ? open_write(db, flags, wait_seconds) : open_read(db, &path, 1);
}

cari_status cari_open_shards(cari_db **out, const char *const *paths, size_t n, int flags)
{
    cari_db *db = calloc(1, sizeof *db);
    *out = db;
    if (!db)
        return CARI_NOMEM;
    db->lock_fd = -1;
    db->open_flags = flags;
    db->bm25_b = CARI_DEFAULT_B;
    db->path = strdup(n ? paths[0] : "");
    db->stemmer = stemmer_id_new(cari_stemmer_mode(flags));
    if (!db->path || !db->stemmer)
        return cari_fail(db, CARI_NOMEM, "out of memory");
    if (!n)
        return cari_fail(db, CARI_INVALID, "no index path given");
    if (flags & CARI_OPEN_WRITE)
        return cari_fail(db, CARI_INVALID, "several indexes open only for reading");
    return open_read(db, paths, n);
}

void cari_close(cari_db *db)
{
    if (!db)
        return;
    xc_wdb_close(db->w);
    xc_rdb_close(db->r);
    /* A build never committed is discarded. */
    cari_build_abort(db);
    if (db->build_path)
        cari_remove_tree(db->build_path);
    free(db->build_path);
    for (size_t i = 0; i < db->n_shards; i++)
        free(db->shards[i]);
    free(db->shards);
    free(db->group);
    cari_vocab_clear(&db->vocab);
    if (db->lock_fd >= 0) {
        /* Whatever a failed build left beside the index (holding the
         * lock, every INDEX.new-* is this process's or a killed run's). */
        cari_remove_leftovers(db->path);
        cari_fatal_untrack(db->path);
    }
    cari_unlock(db->path, db->lock_fd);
    stemmer_id_delete(db->stemmer);
    free(db->path);
    free(db->errmsg);
    free(db);
}

/* Hands the words collected since the last commit to Xapian's spelling
 * data, once per word with its count: into the index, or for a build
 * worker into its spelling runs (spellruns.h), which keep the cost linear
 * in the vocabulary and the memory bounded. */
typedef struct {
    cari_db *db;
    xc_err **err;
} spelling_sink;

static int add_spelling(void *ctx, const char *word, unsigned count)
{
    spelling_sink *s = ctx;
    xc_wdb_add_spelling(s->db->w, word, strlen(word), count, s->err);
    return *s->err != NULL;
}

void cari_flush_spelling(cari_db *db, xc_err **err)
{
    spelling_sink s = {db, err};
    if (db->spell_runs)
        cari_spell_runs_add(db->spell_runs, &db->vocab, err);
    else
        cari_vocab_each(&db->vocab, add_spelling, &s);
    cari_vocab_clear(&db->vocab);
}

/* Makes a finished build durable, swaps it in for the live index, removes
 * the old one, and goes on updating the new live index in place. */
static cari_status publish_build(cari_db *db)
{
    xc_wdb_close(db->w);
    db->w = NULL;
    if (cari_fsync_tree(db->build_path) != 0)
        return cari_fail(db, CARI_IO, "%s: making the new index durable: %s",
                         db->build_path, strerror(errno));
    int swapped;
    if (cari_swap_in(db->build_path, db->path, &swapped) != 0)
        return cari_fail(db, CARI_IO, "%s: putting the new index in place: %s",
                         db->path, strerror(errno));
    if (swapped)
        cari_remove_tree(db->build_path); /* now the old index */
    free(db->build_path);
    db->build_path = NULL;
    return open_update(db);
}

cari_status cari_commit(cari_db *db)
{
    cari_clear_error(db);
    if (db->builder) {
        cari_status st = cari_build_finish(db);
        return st ? st : publish_build(db);
    }
    if (!db->w)
        return cari_fail(db, CARI_INVALID, "%s: index not open for writing", db->path);
    xc_err *err = NULL;
    cari_flush_spelling(db, &err);
    xc_wdb_commit(db->w, &err);
    if (err)
        return cari_fail_xc(db, err, db->build_path ? db->build_path : db->path);
    db->dirty = 0;
    return CARI_OK;
}

/* See cari.h.  Compacts into `path`.new-PID and swaps it in like a fresh
 * build (publish_build). */
cari_status cari_compact(cari_db *db)
{
    cari_status st = cari_commit(db);
    if (st)
        return st;
    char *dest = beside_path(db);
    if (!dest)
        return CARI_NOMEM;
    /* The writer is closed while compacting; the lock file keeps other
     * writers out. */
    xc_wdb_close(db->w);
    db->w = NULL;
    xc_err *err = NULL;
    const char *src = db->path;
    xc_compact(&src, 1, dest, &err);
    if (err) {
        cari_remove_tree(dest);
        free(dest);
        st = cari_fail_xc(db, err, db->path);
        cari_status again = open_update(db); /* the handle goes on updating */
        return again ? again : st;
    }
    db->build_path = dest;
    return publish_build(db);
}
