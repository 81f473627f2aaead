/*
 * The writer: adds and removes articles and commits them.
 *
 * An index that exists is updated in place through a store per shard (one
 * for an ordinary index).  An ordinary index is updated in one Xapian
 * transaction, which the commit makes durable and visible at once.  A
 * sharded index is never changed where readers read it: the first article
 * that touches a shard copies it into a folder of the next generation,
 * and the commit commits every copy and then swaps the manifest
 * (manifest.h), so all shards change together.
 *
 * An index that does not exist yet, or any index opened with
 * CARI_WRITE_REBUILD, is built fresh by the builder (builder.c) beside the
 * live one: `path`.new-PID for an ordinary index, swapped in by
 * cari_swap_in(); for a sharded index each shard's folder of the next
 * generation, put in place by the manifest.  After a commit the writer
 * goes on updating in place.  Either way, a writer killed before its
 * commit leaves the index as it was, and leftovers of killed writers are
 * removed by the next writer, which holds the lock.
 */
#include "article.h"
#include "autocompact.h"
#include "builder.h"
#include "alloc.h"
#include "fatal.h"
#include "fsutil.h"
#include "hash.h"
#include "index.h"
#include "manifest.h"
#include "meta.h"
#include "records.h"
#include "signature.h"
#include "store.h"
#include "writer.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_SEGMENT_PASSAGES 100000 /* at 1 GB, segments of the size a
                                           100 MB build makes per worker
                                           kept a 100 MB build's cost per
                                           megabyte */
#define DEFAULT_SPELLING_FLUSH 1000000  /* about 60 MB per worker */
#define DEFAULT_THREADS_MAX 8
#define DEFAULT_AUTOCOMPACT_PERCENT 10  /* a 1% update grows a compacted
                                           index by a third (autocompact.c) */

struct cari_writer {
    char *path;             /* the index */
    cari_write_options opts; /* as given, defaults filled in */
    int lock_fd;            /* the writer lock */
    unsigned n_shards;      /* 0: an ordinary index */
    cari_manifest live;     /* a sharded index's committed state */
    unsigned long long next_gen; /* generation of its next commit */
    cari_builder *builder;  /* a fresh build in progress, or NULL */
    char **dests;           /* its shards' destinations (one unsharded) */
    cari_store *stores;     /* updating in place: one per shard (one
                               unsharded); a sharded index's store opens
                               on a copy of its shard once an article
                               touches it */
    char *group;            /* group recorded with added articles */
    double bm25_b;          /* the index's b */
    cari_warn_fn warn;
    void *warn_ctx;
    cari_step_fn step;      /* cari_set_step_handler() */
    void *step_ctx;
    size_t passages_indexed; /* of finished builds and closed stores */
    cari_error error;       /* last failure */
};

/* Stores (or shards) the writer has: at least one. */
static unsigned slots(const cari_writer *w)
{
    return w->n_shards ? w->n_shards : 1;
}

cari_status cari_write_options_init(cari_write_options *opts, unsigned version)
{
    if (version < 1 || version > CARI_WRITE_OPTIONS_VERSION)
        return CARI_INVALID;
    cari_write_options defaults = CARI_WRITE_OPTIONS_INIT;
    *opts = defaults;
    return CARI_OK;
}

/* Passes a warning to the caller's handler (the stores' and builder's
 * warning function: the handler may be set after they start). */
static void forward_warning(void *ctx, const char *id, size_t line, const char *msg)
{
    cari_writer *w = ctx;
    if (w->warn)
        w->warn(w->warn_ctx, id, line, msg);
}

void cari_set_warning_handler(cari_writer *w, cari_warn_fn fn, void *ctx)
{
    w->warn = fn;
    w->warn_ctx = ctx;
}

void cari_set_step_handler(cari_writer *w, cari_step_fn fn, void *ctx)
{
    w->step = fn;
    w->step_ctx = ctx;
}

/* Tells the caller's step handler that the files are in a new state. */
static void step(const cari_writer *w, const char *what)
{
    if (w->step)
        w->step(w->step_ctx, what);
}

/* The builder's step function: forwards to the writer's handler, read
 * when called (it may be set after the build starts). */
static void forward_step(void *ctx, const char *what)
{
    step(ctx, what);
}

const char *cari_writer_errmsg(const cari_writer *w)
{
    return w ? cari_error_msg(&w->error) : "out of memory";
}

cari_error *cari_writer_error(cari_writer *w)
{
    return &w->error;
}

const char *cari_writer_path(const cari_writer *w)
{
    return w->path;
}

int cari_writer_rebuilding(const cari_writer *w)
{
    return w->builder && (w->opts.flags & CARI_WRITE_REBUILD);
}

void cari_writer_warning_handler(const cari_writer *w, cari_warn_fn *fn, void **ctx)
{
    *fn = w->warn;
    *ctx = w->warn_ctx;
}

cari_status cari_writer_wait(cari_writer *w)
{
    return w->builder ? cari_builder_wait(w->builder, &w->error) : CARI_OK;
}

/* Returns `path`.new-PID, malloc'd, where a fresh build or a compaction
 * of an ordinary index writes beside it, with whatever an earlier run of
 * this pid left there removed; NULL when out of memory. */
static char *beside_path(const char *path)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".new-%ld", (long)getpid());
    size_t n = strlen(path);
    char *beside = cari_malloc(n + sizeof suffix);
    if (!beside)
        return NULL;
    memcpy(beside, path, n);
    strcpy(beside + n, suffix);
    cari_remove_tree(beside);
    return beside;
}

/* Frees the builder's destinations. */
static void free_dests(cari_writer *w)
{
    for (unsigned k = 0; w->dests && k < slots(w); k++)
        free(w->dests[k]);
    free(w->dests);
    w->dests = NULL;
}

/* Starts a fresh build of every shard (or of the index) into
 * destinations beside the live state.  Returns a status. */
static cari_status start_build(cari_writer *w)
{
    unsigned n = slots(w);
    if (!(w->dests = cari_calloc(n, sizeof *w->dests)))
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    for (unsigned k = 0; k < n; k++) {
        w->dests[k] = w->n_shards ? cari_manifest_shard_dir(w->path, k, w->next_gen)
                                  : beside_path(w->path);
        if (!w->dests[k])
            return cari_fail(&w->error, CARI_NOMEM, "out of memory");
        cari_remove_tree(w->dests[k]);
    }
    cari_build_config cfg = {
        .name = w->path, .shards = n, .dests = (const char *const *)w->dests,
        .threads = w->opts.threads, .segment_passages = w->opts.segment_passages,
        .spelling_flush = w->opts.spelling_flush, .open_flags = w->opts.flags,
        .bm25_b = w->bm25_b, .warn = forward_warning, .warn_ctx = w,
        .step = forward_step, .step_ctx = w,
    };
    return cari_builder_start(&w->builder, &cfg, &w->error);
}

/* Sets up the closed store of slot k on `dir`.  Returns a status. */
static cari_status init_store(cari_writer *w, unsigned k, const char *dir)
{
    cari_store *s = &w->stores[k];
    cari_status st = cari_store_init(s, dir, w->opts.flags, w->bm25_b);
    s->warn = forward_warning;
    s->warn_ctx = w;
    return st ? cari_fail_from(&w->error, st, &s->error) : CARI_OK;
}

/* Frees the store of slot k (closing it without committing), counting
 * its passages. */
static void drop_store(cari_writer *w, unsigned k)
{
    cari_store *s = &w->stores[k];
    w->passages_indexed += s->passages_indexed;
    cari_store_free(s);
    memset(s, 0, sizeof *s);
}

/* Opens the ordinary index for an update in place.  Returns a status. */
static cari_status open_plain_update(cari_writer *w)
{
    cari_status st = init_store(w, 0, w->path);
    if (!st && (st = cari_store_open_update(&w->stores[0])))
        cari_fail_from(&w->error, st, &w->stores[0].error);
    if (!st)
        w->bm25_b = w->stores[0].bm25_b;
    return st;
}

/* Opens the ordinary index for updates again after a swap, or after
 * reopening failed (the swap was done either way).  Returns a status. */
static cari_status reopen_plain(cari_writer *w)
{
    drop_store(w, 0);
    cari_status st = open_plain_update(w);
    if (st)
        drop_store(w, 0);
    return st;
}

/* Opens the store of shard k on a copy of its live folder, in the next
 * generation.  Returns a status. */
static cari_status open_shard_store(cari_writer *w, unsigned k)
{
    char *dir = cari_manifest_shard_dir(w->path, k, w->next_gen);
    if (!dir)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    cari_remove_tree(dir);
    cari_status st = CARI_OK;
    if (cari_copy_database(w->live.dirs[k], dir) != 0)
        st = cari_fail(&w->error, errno == ENOMEM ? CARI_NOMEM : CARI_IO,
                       "%s: copying the shard to update it: %s", w->live.dirs[k],
                       strerror(errno));
    if (!st)
        st = init_store(w, k, dir);
    if (!st && (st = cari_store_open_update(&w->stores[k])))
        cari_fail_from(&w->error, st, &w->stores[k].error);
    if (st) {
        drop_store(w, k);
        cari_remove_tree(dir);
    }
    free(dir);
    return st;
}

/* Checks the signature of every live shard and takes their b (all must
 * agree).  Returns a status. */
static cari_status check_shards(cari_writer *w)
{
    stemmer_id *stemmer = stemmer_id_new(cari_stemmer_mode(w->opts.flags));
    if (!stemmer)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    cari_status st = CARI_OK;
    for (unsigned k = 0; !st && k < w->n_shards; k++) {
        xc_err *err = NULL;
        xc_rdb *r = xc_rdb_open(w->live.dirs[k], &err);
        if (!r) {
            st = cari_fail_xc(&w->error, err, w->live.dirs[k]);
            break;
        }
        double b = CARI_DEFAULT_B;
        st = cari_read_signature(&w->error, r, stemmer, w->live.dirs[k], &b);
        xc_rdb_close(r);
        if (!st && k > 0 && b != w->bm25_b)
            st = cari_fail(&w->error, CARI_CORRUPT, "%s: BM25 b %g differs from shard 0's %g",
                           w->live.dirs[k], b, w->bm25_b);
        w->bm25_b = b;
    }
    stemmer_id_delete(stemmer);
    return st;
}

/* Checks that `path` is usable for an ordinary index: missing, or a
 * folder that holds an index or nothing. */
static cari_status check_plain_path(cari_writer *w)
{
    struct stat st;
    if (stat(w->path, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return cari_fail(&w->error, CARI_CORRUPT, "%s: is a file, not an index directory",
                             w->path);
        if (!cari_is_xapian_dir(w->path) && !cari_dir_is_empty(w->path))
            return cari_fail(&w->error, CARI_CORRUPT,
                             "%s: directory is not empty and holds no index; "
                             "refusing to write into it", w->path);
        return CARI_OK;
    }
    if (errno != ENOENT)
        return cari_fail(&w->error, CARI_IO, "%s: %s", w->path, strerror(errno));
    return CARI_OK;
}

/* Takes the writer lock (waiting up to the options' wait_seconds).
 * Returns a status. */
static cari_status lock(cari_writer *w)
{
    long holder;
    w->lock_fd = cari_lock(w->path, w->opts.wait_seconds, &holder);
    if (w->lock_fd == -1) {
        if (holder)
            return cari_fail(&w->error, CARI_LOCKED,
                             "%s: index is being written by another process (pid %ld)",
                             w->path, holder);
        return cari_fail(&w->error, CARI_LOCKED,
                         "%s: index is being written by another process", w->path);
    }
    if (w->lock_fd < 0 && (errno == ELOOP || errno == EPERM))
        return cari_fail(&w->error, CARI_IO,
                         "%s.lock: %s; refusing to use it as the lock file (remove it)",
                         w->path, errno == ELOOP ? "a symbolic link"
                                                 : "not a regular file of its own");
    if (w->lock_fd < 0)
        return cari_fail(&w->error, errno == ENOMEM ? CARI_NOMEM : CARI_IO, "%s.lock: %s",
                         w->path, strerror(errno));
    cari_fatal_track(w->path);
    return CARI_OK;
}

/* Opens an ordinary index: a fresh build when it is missing or to be
 * rebuilt, else an update in place. */
static cari_status open_plain(cari_writer *w)
{
    cari_status st = check_plain_path(w);
    if (!st)
        st = lock(w);
    if (st)
        return st;
    /* Holding the lock, nobody else builds: leftovers are from killed runs. */
    cari_remove_leftovers(w->path);
    if ((w->opts.flags & CARI_WRITE_REBUILD) || !cari_is_xapian_dir(w->path))
        return start_build(w);
    return open_plain_update(w);
}

/* Opens a sharded index of n shards (creating its layout when missing):
 * a fresh build when it has no shards yet or is to be rebuilt, else an
 * update in place. */
static cari_status open_sharded(cari_writer *w, unsigned n)
{
    cari_status st = lock(w);
    if (!st)
        st = cari_sharded_prepare(w->path, n, &w->error);
    if (!st)
        st = cari_manifest_read(w->path, n, &w->live, &w->error);
    if (st)
        return st;
    w->n_shards = n;
    w->next_gen = w->live.generation + 1;
    cari_manifest_remove_unlisted(w->path, &w->live);
    if ((w->opts.flags & CARI_WRITE_REBUILD) || !cari_is_xapian_dir(w->live.dirs[0]))
        return start_build(w);
    return check_shards(w);
}

cari_status cari_writer_open(cari_writer **out, const char *path,
                             const cari_write_options *opts)
{
    cari_writer *w = cari_calloc(1, sizeof *w);
    *out = w;
    if (!w)
        return CARI_NOMEM;
    w->lock_fd = -1;
    w->bm25_b = CARI_DEFAULT_B;
    cari_write_options defaults = CARI_WRITE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    /* Only the fields the caller's version has (the struct only grows). */
    w->opts = defaults;
    if (opts->version == 1)
        memcpy(&w->opts, opts, offsetof(cari_write_options, autocompact_percent));
    else if (opts->version == CARI_WRITE_OPTIONS_VERSION)
        w->opts = *opts;
    w->path = cari_strdup(path ? path : "");
    if (!w->path)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    if (opts->version < 1 || opts->version > CARI_WRITE_OPTIONS_VERSION)
        return cari_fail(&w->error, CARI_INVALID,
                         "write options of version %u; this cari knows versions 1 to %u "
                         "(initialise them with cari_write_options_init())",
                         opts->version, CARI_WRITE_OPTIONS_VERSION);
    if (!path || !*path)
        return cari_fail(&w->error, CARI_INVALID, "no index path given");
    if (opts->shards > CARI_SHARDS_MAX)
        return cari_fail(&w->error, CARI_INVALID, "%s: at most %d shards", path,
                         CARI_SHARDS_MAX);
    if (!w->opts.threads) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        w->opts.threads = cpus < 1 ? 1 : cpus > DEFAULT_THREADS_MAX ? DEFAULT_THREADS_MAX
                                                                    : (unsigned)cpus;
    }
    if (!w->opts.segment_passages)
        w->opts.segment_passages = DEFAULT_SEGMENT_PASSAGES;
    if (!w->opts.spelling_flush)
        w->opts.spelling_flush = DEFAULT_SPELLING_FLUSH;
    if (!w->opts.autocompact_percent)
        w->opts.autocompact_percent = DEFAULT_AUTOCOMPACT_PERCENT;
    int have = cari_sharded_count(path);
    if (have < 0)
        return cari_fail(&w->error, CARI_CORRUPT, "%s: its %s file is malformed", path,
                         CARI_SHARDS_FILE);
    unsigned n = have ? (unsigned)have : opts->shards;
    if (have && opts->shards && opts->shards != (unsigned)have)
        return cari_fail(&w->error, CARI_CORRUPT, "%s: has %d shards, not %u", path, have,
                         opts->shards);
    if (!(w->stores = cari_calloc(n ? n : 1, sizeof *w->stores)))
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    return n ? open_sharded(w, n) : open_plain(w);
}

void cari_writer_close(cari_writer *w)
{
    if (!w)
        return;
    /* A build never committed is discarded, as are uncommitted copies. */
    cari_builder_abort(w->builder);
    for (unsigned k = 0; w->dests && k < slots(w); k++)
        cari_remove_tree(w->dests[k]);
    free_dests(w);
    for (unsigned k = 0; w->stores && k < slots(w); k++) {
        if (w->n_shards && w->stores[k].w)
            cari_remove_tree(w->stores[k].path);
        cari_store_free(&w->stores[k]);
    }
    free(w->stores);
    cari_manifest_free(&w->live);
    if (w->lock_fd >= 0) {
        /* Whatever a failed build left beside the index (holding the
         * lock, every INDEX.new-* is this process's or a killed run's). */
        cari_remove_leftovers(w->path);
        cari_fatal_untrack(w->path);
    }
    cari_unlock(w->path, w->lock_fd);
    free(w->group);
    free(w->path);
    cari_clear_error(&w->error);
    free(w);
}

/* Stores in *out the store that holds `id`, opening a sharded index's
 * shard if need be.  Returns a status (message in w). */
static cari_status store_of(cari_writer *w, const char *id, cari_store **out)
{
    unsigned k = w->n_shards ? cari_shard_of(id, w->n_shards) : 0;
    *out = &w->stores[k];
    if (w->stores[k].w)
        return CARI_OK;
    if (w->n_shards)
        return open_shard_store(w, k);
    return reopen_plain(w);
}

/* Hands an article to the builder (fresh builds) or indexes it into the
 * store that holds it (updates). */
static cari_status add(cari_writer *w, const char *id, const char *title, int format,
                       const cari_meta *meta, const char *hash, const char *text, size_t len,
                       cari_read_fn read, void *ctx, cari_added *out)
{
    cari_clear_error(&w->error);
    if (!id || !*id)
        return cari_fail(&w->error, CARI_INVALID, "article id is empty");
    cari_status st;
    if (w->builder) {
        st = cari_builder_add(w->builder, id, title, format, meta, hash, text, len, read,
                              ctx, w->group, out, &w->error);
    } else {
        cari_store *s;
        if ((st = store_of(w, id, &s)))
            return st;
        cari_memory_reader m = {text, len};
        s->group = w->group;
        st = cari_index_article(s, id, title, format, meta, hash,
                                read ? read : cari_read_memory, read ? ctx : &m, out);
        s->group = NULL;
        if (st)
            return cari_fail_from(&w->error, st, &s->error);
    }
    if (!st)
        step(w, "article");
    return st;
}

cari_status cari_add_stream(cari_writer *w, const char *id, const char *hash,
                            cari_read_fn read, void *ctx, cari_added *out)
{
    if (!read)
        return cari_fail(&w->error, CARI_INVALID, "%s: no reader", id ? id : "article");
    return add(w, id, NULL, CARI_FORMAT_TEXT, NULL, hash, NULL, 0, read, ctx, out);
}

cari_status cari_add_text(cari_writer *w, const char *id, const char *text, size_t len,
                          cari_added *out)
{
    if (!text)
        return cari_fail(&w->error, CARI_INVALID, "%s: no text", id ? id : "article");
    cari_hasher h;
    char hash[CARI_HASH_LEN + 1];
    cari_hash_init(&h);
    cari_hash_update(&h, text, len);
    cari_hash_final(&h, hash);
    return add(w, id, NULL, CARI_FORMAT_TEXT, NULL, hash, text, len, NULL, NULL, out);
}

cari_status cari_add_article(cari_writer *w, const char *id, const char *title,
                             const char *text, size_t len, cari_added *out)
{
    return cari_add_article_meta(w, id, title, text, len, NULL, out);
}

cari_status cari_add_article_meta(cari_writer *w, const char *id, const char *title,
                                  const char *text, size_t len, const cari_meta *meta,
                                  cari_added *out)
{
    if (!text)
        return cari_fail(&w->error, CARI_INVALID, "%s: no text", id ? id : "article");
    /* The hash covers the title, whether there is one, the text, and the
     * metadata (as it is stored), so that a change of any is an update. */
    cari_hasher h;
    char hash[CARI_HASH_LEN + 1];
    cari_hash_init(&h);
    cari_hash_update(&h, title ? "T" : "N", 1);
    if (title)
        cari_hash_update(&h, title, strlen(title) + 1);
    cari_hash_update(&h, text, len);
    if (meta) {
        cari_meta_fields m = {0};
        size_t blob_len;
        char *blob = cari_meta_merge(&m, meta) < 0 ? NULL : cari_meta_encode(&m, &blob_len);
        cari_meta_clear(&m);
        if (!blob)
            return cari_fail(&w->error, CARI_NOMEM, "%s: out of memory", id ? id : "article");
        cari_hash_update(&h, "M", 1);
        cari_hash_update(&h, blob, blob_len);
        free(blob);
    }
    cari_hash_final(&h, hash);
    return add(w, id, title, CARI_FORMAT_ARTICLE, meta, hash, text, len, NULL, NULL, out);
}

cari_status cari_add_html(cari_writer *w, const char *id, const char *hash, cari_read_fn read,
                          void *ctx, cari_added *out)
{
    if (!read)
        return cari_fail(&w->error, CARI_INVALID, "%s: no reader", id ? id : "article");
    return add(w, id, NULL, CARI_FORMAT_HTML, NULL, hash, NULL, 0, read, ctx, out);
}

cari_status cari_remove(cari_writer *w, const char *id)
{
    cari_clear_error(&w->error);
    if (!id || !*id)
        return cari_fail(&w->error, CARI_INVALID, "article id is empty");
    cari_status st;
    cari_store *s;
    if (w->builder)
        st = cari_builder_remove(w->builder, id, &w->error);
    else if (!(st = store_of(w, id, &s)) && (st = cari_unindex_article(s, id)))
        cari_fail_from(&w->error, st, &s->error);
    if (!st)
        step(w, "article");
    return st;
}

cari_status cari_set_group(cari_writer *w, const char *group)
{
    cari_clear_error(&w->error);
    char *copy = NULL;
    if (group && *group && !(copy = cari_strdup(group)))
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    free(w->group);
    w->group = copy;
    return CARI_OK;
}

size_t cari_passages_indexed(const cari_writer *w)
{
    size_t n = w->passages_indexed + cari_builder_passages(w->builder);
    for (unsigned k = 0; k < slots(w); k++)
        n += w->stores[k].passages_indexed;
    return n;
}

cari_status cari_writer_list_articles(cari_writer *w, cari_article_fn fn, void *ctx)
{
    cari_clear_error(&w->error);
    if (w->builder)
        return cari_builder_list(w->builder, fn, ctx, &w->error);
    cari_status st = CARI_OK;
    for (unsigned k = 0; !st && k < slots(w); k++) {
        if (!w->n_shards && !w->stores[0].w && (st = reopen_plain(w)))
            return st;
        if (w->stores[k].w) {
            st = cari_record_list(&w->error, w->path, w->stores[k].w, NULL, fn, ctx, NULL);
            continue;
        }
        xc_err *err = NULL;
        xc_rdb *r = xc_rdb_open(w->live.dirs[k], &err);
        if (!r)
            return cari_fail_xc(&w->error, err, w->live.dirs[k]);
        st = cari_record_list(&w->error, w->live.dirs[k], NULL, r, fn, ctx, NULL);
        xc_rdb_close(r);
    }
    return st;
}

/* The status of a failed file operation, by errno: memory it could not
 * get, or input/output. */
static cari_status io_status(void)
{
    return errno == ENOMEM ? CARI_NOMEM : CARI_IO;
}

/* Makes `dir` (a finished build or copy) durable.  Returns a status. */
static cari_status make_durable(cari_writer *w, const char *dir)
{
    if (cari_fsync_tree(dir) != 0)
        return cari_fail(&w->error, io_status(), "%s: making the new index durable: %s", dir,
                         strerror(errno));
    step(w, "commit");
    return CARI_OK;
}

/* Makes `dirs` (one per shard, NULL: the shard as it is) the committed
 * state of the sharded index: swaps the manifest, then removes the
 * folders it replaced.  Takes the strings of `dirs`.  Returns a status. */
static cari_status publish_shards(cari_writer *w, char **dirs)
{
    cari_manifest next = {w->n_shards, w->next_gen, NULL};
    cari_status st = CARI_OK;
    if (!(next.dirs = cari_calloc(w->n_shards, sizeof *next.dirs)))
        st = cari_fail(&w->error, CARI_NOMEM, "out of memory");
    for (unsigned k = 0; !st && k < w->n_shards; k++) {
        next.dirs[k] = dirs[k] ? dirs[k] : cari_strdup(w->live.dirs[k]);
        dirs[k] = NULL;
        if (!next.dirs[k])
            st = cari_fail(&w->error, CARI_NOMEM, "out of memory");
    }
    if (!st && !(st = cari_manifest_commit(w->path, &next, &w->error)))
        step(w, "commit");
    if (st) {
        for (unsigned k = 0; k < w->n_shards; k++) {
            if (next.dirs && next.dirs[k] && strcmp(next.dirs[k], w->live.dirs[k]))
                cari_remove_tree(next.dirs[k]);
            if (dirs[k])
                cari_remove_tree(dirs[k]);
            free(dirs[k]);
            dirs[k] = NULL;
        }
        cari_manifest_free(&next);
        return st;
    }
    /* Readers that opened the old folders keep reading them until they
     * close them; new readers open the new ones. */
    for (unsigned k = 0; k < w->n_shards; k++)
        if (strcmp(next.dirs[k], w->live.dirs[k]))
            cari_remove_tree(w->live.dirs[k]);
    cari_manifest_free(&w->live);
    w->live = next;
    w->next_gen++;
    return CARI_OK;
}

/* Commits the stores of a sharded index's touched shards, then publishes
 * them all at once.  Returns a status. */
static cari_status commit_shards(cari_writer *w)
{
    char **dirs = cari_calloc(w->n_shards, sizeof *dirs);
    if (!dirs)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    cari_status st = CARI_OK;
    int touched = 0;
    for (unsigned k = 0; !st && k < w->n_shards; k++) {
        cari_store *s = &w->stores[k];
        if (!s->w)
            continue;
        touched = 1;
        if ((st = cari_store_commit(s))) {
            cari_fail_from(&w->error, st, &s->error);
            break;
        }
        step(w, "commit");
        if (!(dirs[k] = cari_strdup(s->path)))
            st = cari_fail(&w->error, CARI_NOMEM, "out of memory");
        else
            st = make_durable(w, dirs[k]);
    }
    if (!st && touched) {
        for (unsigned k = 0; k < w->n_shards; k++)
            if (w->stores[k].w)
                drop_store(w, k);
        st = publish_shards(w, dirs);
    }
    for (unsigned k = 0; k < w->n_shards; k++)
        free(dirs[k]);
    free(dirs);
    return st;
}

/* Finishes a fresh build and puts it in place; the writer then goes on
 * updating in place.  Returns a status. */
static cari_status publish_build(cari_writer *w)
{
    cari_builder *b = w->builder;
    w->builder = NULL;
    size_t built = 0;
    cari_status st = cari_builder_finish(b, &built, &w->error);
    w->passages_indexed += built; /* counted once the workers are done */
    if (!st)
        step(w, "commit");
    if (!st && !w->n_shards)
        cari_autocompact_note(w->dests[0]);
    for (unsigned k = 0; !st && k < slots(w); k++)
        st = make_durable(w, w->dests[k]);
    if (st) {
        for (unsigned k = 0; k < slots(w); k++)
            cari_remove_tree(w->dests[k]);
        free_dests(w);
        return st;
    }
    if (w->n_shards) {
        st = publish_shards(w, w->dests);
        free_dests(w);
        return st;
    }
    int swapped;
    if (cari_swap_in(w->dests[0], w->path, &swapped) != 0) {
        st = cari_fail(&w->error, io_status(), "%s: putting the new index in place: %s", w->path,
                       strerror(errno));
        cari_remove_tree(w->dests[0]);
    } else {
        step(w, "commit");
        if (swapped)
            cari_remove_tree(w->dests[0]); /* now the old index */
    }
    free_dests(w);
    if (st)
        return st;
    /* Committed.  A writer that cannot open the new index for updates now
     * tries again at its next change. */
    if (reopen_plain(w))
        cari_clear_error(&w->error);
    return CARI_OK;
}

static cari_status compact_plain(cari_writer *w);

/* After an update's commit of an ordinary index: compacts it when its
 * files have outgrown the size noted at its last compaction
 * (autocompact.c).  Returns a status; on failure the update stays
 * committed, and the message says so. */
static cari_status autocompact(cari_writer *w)
{
    if (w->opts.autocompact_percent < 0 ||
        !cari_autocompact_due(w->path, w->opts.autocompact_percent))
        return CARI_OK;
    cari_status st = compact_plain(w);
    if (st) {
        /* The message must say the update is committed even when there
         * is no memory left to write it. */
        char *msg = cari_strdup(cari_error_msg(&w->error));
        if (msg)
            cari_fail(&w->error, st, "automatic compaction (the update is committed): %s", msg);
        if (!msg || !strstr(cari_error_msg(&w->error), "committed"))
            st = cari_fail_fixed(&w->error, CARI_NOMEM,
                                 "automatic compaction (the update is committed): out of memory");
        free(msg);
    }
    return st;
}

cari_status cari_commit(cari_writer *w)
{
    cari_clear_error(&w->error);
    if (w->builder)
        return publish_build(w);
    if (w->n_shards)
        return commit_shards(w);
    if (!w->stores[0].w)
        return CARI_OK; /* closed since the last commit: nothing to commit */
    cari_status st = cari_store_commit(&w->stores[0]);
    if (st)
        return cari_fail_from(&w->error, st, &w->stores[0].error);
    step(w, "commit");
    return autocompact(w);
}

/* The number of passages the index holds, committed or not.  Returns a
 * status. */
static cari_status count_passages(cari_writer *w, unsigned long long *out)
{
    *out = 0;
    for (unsigned k = 0; k < slots(w); k++) {
        xc_err *err = NULL;
        if (w->stores[k].w) {
            *out += xc_wdb_doccount(w->stores[k].w, &err) + (unsigned)w->stores[k].dirty;
        } else if (w->n_shards) {
            xc_rdb *r = xc_rdb_open(w->live.dirs[k], &err);
            if (r)
                *out += xc_rdb_doccount(r, &err);
            xc_rdb_close(r);
        }
        if (err)
            return cari_fail_xc(&w->error, err, w->path);
    }
    return CARI_OK;
}

cari_status cari_set_bm25_b(cari_writer *w, double b)
{
    cari_clear_error(&w->error);
    if (!(b >= 0 && b <= 1))
        return cari_fail(&w->error, CARI_INVALID, "BM25 b must be between 0 and 1");
    if (b == w->bm25_b)
        return CARI_OK;
    if (w->builder) {
        cari_status st = cari_builder_set_b(w->builder, b, &w->error);
        if (!st)
            w->bm25_b = b;
        return st;
    }
    unsigned long long passages;
    cari_status st = count_passages(w, &passages);
    if (st)
        return st;
    if (passages)
        return cari_fail(&w->error, CARI_INVALID,
                         "%s: built with BM25 b = %g; b changes only with a rebuild "
                         "(cari-indexer --rebuild --b %g)", w->path, w->bm25_b, b);
    /* An empty index: record the new b in every open store (a sharded
     * index's other shards take it when they open). */
    w->bm25_b = b;
    for (unsigned k = 0; !st && k < slots(w); k++) {
        cari_store *s = &w->stores[k];
        if (!s->w)
            continue;
        s->bm25_b = b;
        if ((st = cari_store_sign(s)))
            cari_fail_from(&w->error, st, &s->error);
    }
    return st;
}

/* Compacts an ordinary index into `path`.new-PID and swaps it in like a
 * fresh build.  Returns a status. */
static cari_status compact_plain(cari_writer *w)
{
    char *dest = beside_path(w->path);
    if (!dest)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    /* The writer is closed while compacting; the lock file keeps other
     * writers out. */
    drop_store(w, 0);
    xc_err *err = NULL;
    const char *src = w->path;
    xc_compact(&src, 1, dest, &err);
    if (!err)
        cari_autocompact_note(dest);
    cari_status st = err ? cari_fail_xc(&w->error, err, w->path) : make_durable(w, dest);
    int swapped = 0;
    if (!st && cari_swap_in(dest, w->path, &swapped) != 0)
        st = cari_fail(&w->error, io_status(), "%s: putting the new index in place: %s", w->path,
                       strerror(errno));
    else if (!st)
        step(w, "commit");
    if (st || swapped)
        cari_remove_tree(dest); /* the failed copy, or the old index */
    free(dest);
    /* The writer goes on updating, whether or not compacting worked; when
     * it cannot reopen now, it tries again at its next change. */
    cari_error first = w->error;
    w->error = (cari_error){0};
    reopen_plain(w);
    cari_clear_error(&w->error);
    w->error = first;
    return st;
}

/* Compacts every shard into the next generation and publishes them at
 * once.  Returns a status. */
static cari_status compact_shards(cari_writer *w)
{
    char **dirs = cari_calloc(w->n_shards, sizeof *dirs);
    if (!dirs)
        return cari_fail(&w->error, CARI_NOMEM, "out of memory");
    cari_status st = CARI_OK;
    for (unsigned k = 0; !st && k < w->n_shards; k++) {
        if (!(dirs[k] = cari_manifest_shard_dir(w->path, k, w->next_gen))) {
            st = cari_fail(&w->error, CARI_NOMEM, "out of memory");
            break;
        }
        cari_remove_tree(dirs[k]);
        xc_err *err = NULL;
        const char *src = w->live.dirs[k];
        xc_compact(&src, 1, dirs[k], &err);
        st = err ? cari_fail_xc(&w->error, err, src) : make_durable(w, dirs[k]);
    }
    if (!st)
        st = publish_shards(w, dirs);
    for (unsigned k = 0; k < w->n_shards; k++) {
        if (dirs[k])
            cari_remove_tree(dirs[k]);
        free(dirs[k]);
    }
    free(dirs);
    return st;
}

cari_status cari_compact(cari_writer *w)
{
    cari_status st = cari_commit(w);
    if (st)
        return st;
    return w->n_shards ? compact_shards(w) : compact_plain(w);
}
