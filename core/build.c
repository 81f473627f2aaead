/*
 * Fresh builds on several threads.
 *
 * A fresh index (or a rebuild) is written by `threads` workers, each owning
 * a shard beside the build folder (`INDEX.new-PID.sK`), a stemmer and a
 * spelling vocabulary of its own: a private cari_db handle (its "shadow")
 * on which the ordinary single-threaded indexing path runs unchanged.  An
 * article goes to the worker that owns its id (a hash of the id, cari_worker_of()), so
 * adding an id twice replaces it within one shard as usual.  Articles in
 * memory are copied into the worker's queue (bounded in bytes, so the
 * caller waits when a worker falls behind); streamed articles are read by
 * the worker while the caller waits, so their size never matters.
 *
 * A worker's shard is a series of segments (`INDEX.new-PID.sK.N`) of at
 * most $CARI_SEGMENT_PASSAGES passages each: Xapian's commits cost more as
 * its B-trees grow, so many small databases merged once at the end build
 * faster than one large one.  An article added again (or removed) later
 * in the build goes to the segment that holds it, found by its id
 * (idmap.h).  The spelling data goes to runs of its own (spellruns.h).
 * At the commit the segments and runs are compacted by Xapian into the
 * build folder, which db.c then swaps in.  The first failure of any worker
 * is sticky: every later call returns it, and the build is discarded.
 */
#include "build.h"

#include "fsutil.h"
#include "hash.h"
#include "idmap.h"
#include "index.h"
#include "meta.h"

#include <pthread.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_BYTES (8u << 20)      /* most bytes waiting per worker */
#define INLINE_MAX (4u << 20)       /* larger streamed articles are read
                                       by the worker, the caller waiting */
#define COMPACT_SOURCES_MAX 64      /* databases compacted at once (each
                                       holds a few open files) */

enum { JOB_ADD, JOB_READ, JOB_REMOVE };

typedef struct job {
    struct job *next;
    int kind;
    char *id, *title, *group;
    int find_title;             /* the format: CARI_FORMAT_* */
    cari_meta_fields meta;      /* the metadata given (owned) */
    int has_meta;
    int has_hash;
    char hash[CARI_HASH_LEN + 1];
    char *text;                 /* JOB_ADD: owned copy; JOB_READ: prefix */
    size_t len;
    cari_read_fn read;          /* JOB_READ: the rest of the article */
    void *ctx;
    /* JOB_READ: the result, for the waiting caller */
    int done;
    cari_status st;
    cari_added out;
    char msg[512];
} job;

typedef struct {
    cari_builder *b;
    pthread_t thread;
    int started;
    cari_db *shadow;            /* the worker's own handle on its shard */
    unsigned index;             /* the worker's number */
    char *path;                 /* the segment being written */
    char **segments;            /* the finished segments, oldest first */
    size_t n_segments;
    size_t segment_passages;    /* passages in the segment being written */
    cari_idmap ids;             /* article id -> the segment holding it */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *head, *tail;
    size_t queued_bytes;
    int busy, stop;
    cari_status st;             /* first failure (sticky) */
    char msg[1024];
    size_t passages;
    cari_spell_runs runs;       /* the shard's spelling data, merged with
                                   it at the end */
} worker;

struct cari_builder {
    cari_db *parent;
    worker *w;
    unsigned n;
    size_t segment_max;         /* passages per segment */
    int commit_on_stop;         /* workers commit their shards as they stop */
    int submitted;              /* an article was added or removed */
    pthread_mutex_t warn_mu;    /* one warning at a time */
};

/* Frees a job and what it owns (a JOB_READ's text is the caller's). */
static void free_job(job *j)
{
    free(j->id);
    free(j->title);
    free(j->group);
    cari_meta_clear(&j->meta);
    if (j->kind != JOB_READ)
        free(j->text);
    free(j);
}

/* Passes a worker's warning to the parent's handler, one at a time. */
static void forward_warning(void *ctx, const char *id, size_t line, const char *msg)
{
    cari_builder *b = ctx;
    pthread_mutex_lock(&b->warn_mu);
    cari_warn(b->parent, id, line, msg);
    pthread_mutex_unlock(&b->warn_mu);
}

/* Reads a job's text: first the bytes in memory, then (JOB_READ) the
 * caller's reader (a cari_read_fn). */
typedef struct {
    const char *p;
    size_t left;
    cari_read_fn read;
    void *ctx;
} job_reader;

static long read_job(void *ctx, char *buf, size_t cap)
{
    job_reader *r = ctx;
    if (r->left) {
        size_t n = r->left < cap ? r->left : cap;
        memcpy(buf, r->p, n);
        r->p += n;
        r->left -= n;
        return (long)n;
    }
    return r->read ? r->read(r->ctx, buf, cap) : 0;
}

/* Runs job j on the database the worker's shadow has open.  Returns a
 * status (the message in the shadow); fills *out for an article. */
static cari_status run_on_shadow(worker *w, job *j, cari_added *out)
{
    if (j->kind == JOB_REMOVE)
        return cari_unindex_article(w->shadow, j->id);
    w->shadow->group = j->group; /* lent for this job */
    job_reader r = {j->text, j->len, j->kind == JOB_READ ? j->read : NULL, j->ctx};
    cari_meta meta;
    cari_meta_view(&j->meta, &meta);
    cari_status st = cari_index_article(w->shadow, j->id, j->title, j->find_title,
                                        j->has_meta ? &meta : NULL,
                                        j->has_hash ? j->hash : NULL, read_job, &r, out);
    w->shadow->group = NULL;
    w->passages += out->passages;
    return st;
}

/* Runs job j on finished segment k, which holds its article (added again
 * or removed later in the build): opens the segment, runs the job,
 * commits and closes it.  Returns a status (the message in the shadow). */
static cari_status run_in_segment(worker *w, size_t k, job *j, cari_added *out)
{
    cari_db *s = w->shadow;
    xc_wdb *current = s->w;
    xc_err *err = NULL;
    cari_status st;
    s->w = xc_wdb_open(w->segments[k], XC_BATCH | XC_NO_SYNC, &err);
    if (!s->w) {
        st = cari_fail_xc(s, err, w->segments[k]);
    } else {
        st = run_on_shadow(w, j, out);
        xc_wdb_commit(s->w, &err);
        if (err && !st)
            st = cari_fail_xc(s, err, w->segments[k]); /* frees err */
        else
            xc_err_free(err);
        xc_wdb_close(s->w);
    }
    s->w = current;
    return st;
}

/* Creates the segment at w->path and writes the index's signature into
 * it.  Returns a status (the message in the shadow). */
static cari_status open_segment(worker *w)
{
    cari_db *s = w->shadow;
    xc_err *err = NULL;
    cari_remove_tree(w->path);
    s->w = xc_wdb_open(w->path, XC_CREATE | XC_BATCH | XC_NO_SYNC, &err);
    if (!s->w)
        return cari_fail_xc(s, err, w->path);
    s->batch_docs = 0;
    w->segment_passages = 0;
    return cari_write_signature(s);
}

/* The folder of segment k of worker i: BUILD.sI.K, malloc'd; NULL when
 * out of memory. */
static char *segment_path(const cari_builder *b, unsigned i, size_t k)
{
    size_t n = strlen(b->parent->build_path) + 48;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s.s%u.%zu", b->parent->build_path, i, k);
    return path;
}

/* Once the segment being written is full: commits and closes it and
 * opens the next.  Returns a status (the message in the shadow). */
static cari_status next_segment_if_full(worker *w)
{
    cari_db *s = w->shadow;
    if (w->segment_passages < w->b->segment_max)
        return CARI_OK;
    cari_status st = cari_commit(s);
    if (st)
        return st;
    char **grown = realloc(w->segments, (w->n_segments + 1) * sizeof *grown);
    if (grown)
        w->segments = grown;
    char *next = grown ? segment_path(w->b, w->index, w->n_segments + 1) : NULL;
    if (!next)
        return cari_fail(s, CARI_NOMEM, "out of memory");
    xc_wdb_close(s->w);
    s->w = NULL;
    w->segments[w->n_segments++] = w->path;
    w->path = next;
    return open_segment(w);
}

/* Runs one job on the segment that holds its article, or else on the
 * segment being written; records the first failure. */
static void run_job(worker *w, job *j)
{
    cari_status st;
    cari_added out = {CARI_ADDED, 0};
    long k = w->st ? -1 : cari_idmap_get(&w->ids, j->id);
    if (w->st) {
        st = w->st;
    } else if (k >= 0 && (size_t)k < w->n_segments) {
        st = run_in_segment(w, (size_t)k, j, &out);
    } else {
        st = run_on_shadow(w, j, &out);
        w->segment_passages += out.passages;
        if (!st && j->kind != JOB_REMOVE &&
            cari_idmap_put(&w->ids, j->id, (unsigned)w->n_segments))
            st = cari_fail(w->shadow, CARI_NOMEM, "out of memory");
        if (!st)
            st = next_segment_if_full(w);
    }
    /* A failure that leaves the shard unusable stops the worker; a bad
     * input (unreadable stream, bad argument) only fails its own job. */
    if (st && st != CARI_IO && st != CARI_INVALID && !w->st) {
        /* first_failure() reads both from the caller's thread. */
        pthread_mutex_lock(&w->mu);
        w->st = st;
        snprintf(w->msg, sizeof w->msg, "%s", cari_errmsg(w->shadow));
        pthread_mutex_unlock(&w->mu);
    }
    if (j->kind == JOB_READ) {
        j->st = st;
        j->out = out;
        snprintf(j->msg, sizeof j->msg, "%s", st ? cari_errmsg(w->shadow) : "");
    }
}

/* A worker's thread: runs queued jobs in order until told to stop and
 * the queue is empty; marks itself idle (and wakes waiters) between jobs. */
static void *work(void *arg)
{
    worker *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->stop) {
            w->busy = 0;
            pthread_cond_broadcast(&w->cv);
            pthread_cond_wait(&w->cv, &w->mu);
        }
        if (!w->head)
            break;
        job *j = w->head;
        w->head = j->next;
        if (!w->head)
            w->tail = NULL;
        w->busy = 1;
        pthread_mutex_unlock(&w->mu);
        run_job(w, j);
        pthread_mutex_lock(&w->mu);
        if (j->kind == JOB_ADD)
            w->queued_bytes -= j->len;
        if (j->kind == JOB_READ)
            j->done = 1; /* the caller frees it */
        else
            free_job(j);
        pthread_cond_broadcast(&w->cv);
    }
    /* A finishing build: commit this shard here, so that the shards'
     * final flushes and spelling data are written in parallel. */
    if (w->b->commit_on_stop && !w->st) {
        pthread_mutex_unlock(&w->mu);
        cari_status st = cari_commit(w->shadow);
        pthread_mutex_lock(&w->mu);
        if (st && !w->st) {
            w->st = st;
            snprintf(w->msg, sizeof w->msg, "%s", cari_errmsg(w->shadow));
        }
    }
    w->busy = 0;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* The worker that owns `id` (cari_worker_of()). */
static worker *owner(cari_builder *b, const char *id)
{
    return &b->w[cari_worker_of(id, b->n)];
}

/* Returns the first failure of any worker, copying its message to the
 * parent. */
static cari_status first_failure(cari_builder *b)
{
    for (unsigned i = 0; i < b->n; i++) {
        worker *w = &b->w[i];
        pthread_mutex_lock(&w->mu);
        cari_status st = w->st;
        char msg[1024];
        memcpy(msg, w->msg, sizeof msg);
        pthread_mutex_unlock(&w->mu);
        if (st)
            return cari_fail(b->parent, st, "%s", msg);
    }
    return CARI_OK;
}

/* Queues a job (waiting while the worker's queue is full); for JOB_READ
 * waits until it is done. */
static void submit(worker *w, job *j)
{
    pthread_mutex_lock(&w->mu);
    while (j->kind == JOB_ADD && w->queued_bytes > QUEUE_BYTES && !w->st)
        pthread_cond_wait(&w->cv, &w->mu);
    if (j->kind == JOB_ADD)
        w->queued_bytes += j->len;
    if (w->tail)
        w->tail->next = j;
    else
        w->head = j;
    w->tail = j;
    pthread_cond_broadcast(&w->cv);
    if (j->kind == JOB_READ)
        while (!j->done)
            pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

/* Waits until the worker has nothing queued or running. */
static void drain(worker *w)
{
    pthread_mutex_lock(&w->mu);
    while (w->head || w->busy)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

/* Tells every worker to finish its queue and stop, and joins it. */
static void stop_all(cari_builder *b)
{
    for (unsigned i = 0; i < b->n; i++) {
        worker *w = &b->w[i];
        if (!w->started)
            continue;
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
        w->started = 0;
    }
}

/* Frees everything; removes the shards when `remove_shards`. */
static void destroy(cari_builder *b, int remove_shards)
{
    stop_all(b);
    for (unsigned i = 0; i < b->n; i++) {
        worker *w = &b->w[i];
        for (job *j = w->head, *next; j; j = next) {
            next = j->next;
            free_job(j);
        }
        cari_close(w->shadow);
        cari_spell_runs_free(&w->runs); /* deletes the runs' folders */
        for (size_t k = 0; k < w->n_segments; k++) {
            if (remove_shards)
                cari_remove_tree(w->segments[k]);
            free(w->segments[k]);
        }
        free(w->segments);
        cari_idmap_clear(&w->ids);
        if (remove_shards && w->path)
            cari_remove_tree(w->path);
        free(w->path);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
    }
    pthread_mutex_destroy(&b->warn_mu);
    free(b->w);
    free(b);
}

cari_status cari_build_start(cari_db *db, unsigned threads)
{
    cari_builder *b = calloc(1, sizeof *b);
    if (!b || !(b->w = calloc(threads, sizeof *b->w))) {
        free(b);
        return cari_fail(db, CARI_NOMEM, "out of memory");
    }
    b->parent = db;
    b->n = threads;
    /* Passages per segment: at 1 GB, segments of the size a 100 MB build
     * makes per worker kept the cost per megabyte of a 100 MB build. */
    b->segment_max =
        (size_t)cari_env_long("CARI_SEGMENT_PASSAGES", 100000, 1, LONG_MAX);
    pthread_mutex_init(&b->warn_mu, NULL);
    for (unsigned i = 0; i < threads; i++) {
        pthread_mutex_init(&b->w[i].mu, NULL);
        pthread_cond_init(&b->w[i].cv, NULL);
    }
    db->builder = b;
    for (unsigned i = 0; i < threads; i++) {
        worker *w = &b->w[i];
        w->b = b;
        w->index = i;
        cari_db *s = calloc(1, sizeof *s);
        w->path = segment_path(b, i, 0);
        w->shadow = s;
        if (!s || !w->path)
            return cari_fail(db, CARI_NOMEM, "out of memory");
        size_t n = strlen(db->build_path) + 16;
        char *shard = malloc(n); /* the runs are BUILD.sI.sp.N */
        if (shard)
            snprintf(shard, n, "%s.s%u", db->build_path, i);
        int nomem = !shard || cari_spell_runs_init(&w->runs, shard);
        free(shard);
        if (nomem)
            return cari_fail(db, CARI_NOMEM, "out of memory");
        s->spell_runs = &w->runs;
        s->lock_fd = -1;
        s->writable = 1;
        s->batch = 1;
        /* Spelling words collected per worker before they go to its
         * spelling runs: a word seen again after a hand-over is written
         * again (the merge adds its counts), so larger hand-overs write
         * less; a million words take about 60 MB per worker. */
        s->vocab_flush =
            (size_t)cari_env_long("CARI_SPELLING_FLUSH", 1000000, 1000, LONG_MAX);
        s->open_flags = db->open_flags;
        s->bm25_b = db->bm25_b;
        s->path = strdup(db->path);
        s->stemmer = stemmer_id_new(cari_stemmer_mode(db->open_flags));
        if (!s->path || !s->stemmer)
            return cari_fail(db, CARI_NOMEM, "out of memory");
        s->warn = forward_warning;
        s->warn_ctx = b;
        cari_status st = open_segment(w);
        if (st)
            return cari_fail(db, st, "%s", cari_errmsg(s));
        if (pthread_create(&w->thread, NULL, work, w))
            return cari_fail(db, CARI_NOMEM, "cannot start an indexing thread");
        w->started = 1;
    }
    return CARI_OK;
}

cari_status cari_build_add(cari_db *db, const char *id, const char *title,
                           int find_title, const cari_meta *meta, const char *hash,
                           const char *text, size_t len, cari_read_fn read, void *ctx,
                           cari_added *out)
{
    cari_builder *b = db->builder;
    cari_status st = first_failure(b);
    if (st)
        return st;
    b->submitted = 1;
    if (!id || !*id)
        return cari_fail(db, CARI_INVALID, "article id is empty");
    job *j = calloc(1, sizeof *j);
    if (!j)
        return cari_fail(db, CARI_NOMEM, "out of memory");
    j->kind = JOB_ADD;
    j->find_title = find_title;
    j->id = strdup(id);
    j->title = title ? strdup(title) : NULL;
    j->group = db->group ? strdup(db->group) : NULL;
    if (hash) {
        j->has_hash = 1;
        snprintf(j->hash, sizeof j->hash, "%s", hash);
    }
    j->has_meta = meta != NULL;
    int nomem = !j->id || (title && !j->title) || (db->group && !j->group) ||
                cari_meta_merge(&j->meta, meta) < 0;
    char *prefix = NULL;
    if (!nomem && read) {
        /* Read a first piece: a short article becomes an ordinary queued
         * job; a long one is read on by the worker. */
        prefix = malloc(INLINE_MAX);
        size_t got = 0;
        long n = 1;
        while (prefix && got < INLINE_MAX && (n = read(ctx, prefix + got, INLINE_MAX - got)) > 0)
            got += (size_t)n;
        if (!prefix) {
            nomem = 1;
        } else if (n < 0) {
            free(prefix);
            free_job(j);
            return cari_fail(db, CARI_IO, "%s: read error", id);
        } else if (got < INLINE_MAX) {
            text = prefix;
            len = got;
            read = NULL;
        } else {
            j->kind = JOB_READ;
            j->text = prefix;
            j->len = got;
            j->read = read;
            j->ctx = ctx;
        }
    }
    if (!nomem && j->kind == JOB_ADD) {
        j->text = malloc(len ? len : 1);
        if (j->text)
            memcpy(j->text, text, len);
        j->len = len;
        nomem = !j->text;
        free(prefix);
    }
    if (nomem) {
        if (j->kind == JOB_READ)
            free(prefix);
        free_job(j);
        return cari_fail(db, CARI_NOMEM, "%s: out of memory", id);
    }
    if (out) {
        out->change = CARI_ADDED;
        out->passages = 0;
    }
    worker *w = owner(b, id);
    int waits = j->kind == JOB_READ; /* a queued job may be freed by now */
    submit(w, j);
    if (waits) {
        st = j->st;
        if (st)
            cari_fail(db, st, "%s", j->msg);
        else if (out)
            *out = j->out;
        free(j->text);
        j->text = NULL;
        free_job(j);
        return st;
    }
    return CARI_OK;
}

cari_status cari_build_remove(cari_db *db, const char *id)
{
    cari_status st = first_failure(db->builder);
    if (st)
        return st;
    db->builder->submitted = 1;
    job *j = calloc(1, sizeof *j);
    if (!j || !(j->id = strdup(id))) {
        free(j);
        return cari_fail(db, CARI_NOMEM, "out of memory");
    }
    j->kind = JOB_REMOVE;
    submit(owner(db->builder, id), j);
    return CARI_OK;
}

cari_status cari_build_list(cari_db *db, cari_article_fn fn, void *ctx)
{
    cari_builder *b = db->builder;
    for (unsigned i = 0; i < b->n; i++)
        drain(&b->w[i]);
    cari_status st = first_failure(b);
    for (unsigned i = 0; !st && i < b->n; i++)
        if ((st = cari_list_articles(b->w[i].shadow, fn, ctx)))
            cari_fail(db, st, "%s", cari_errmsg(b->w[i].shadow));
    return st;
}

cari_status cari_build_set_b(cari_db *db, double value)
{
    cari_builder *b = db->builder;
    if (b->submitted)
        return cari_fail(db, CARI_INVALID, "%s: BM25 b is set before the first article",
                         db->path);
    /* No job yet: the workers wait and touch nothing of their shadows. */
    for (unsigned i = 0; i < b->n; i++) {
        cari_db *s = b->w[i].shadow;
        s->bm25_b = value;
        cari_status st = cari_write_signature(s);
        if (st)
            return cari_fail(db, st, "%s", cari_errmsg(s));
    }
    return CARI_OK;
}

size_t cari_build_passages(cari_db *db)
{
    size_t n = 0;
    cari_builder *b = db->builder;
    for (unsigned i = 0; b && i < b->n; i++) {
        pthread_mutex_lock(&b->w[i].mu);
        n += b->w[i].passages;
        pthread_mutex_unlock(&b->w[i].mu);
    }
    return n;
}

/* Compacts the n databases at `paths` into `dest`, at most
 * COMPACT_SOURCES_MAX at a time: larger sets are first compacted by
 * groups into dest.mK (deleted afterwards).  Sets *err on failure. */
static void compact_bounded(const char **paths, size_t n, const char *dest, xc_err **err)
{
    if (n <= COMPACT_SOURCES_MAX) {
        xc_compact(paths, n, dest, err);
        return;
    }
    size_t groups = (n + COMPACT_SOURCES_MAX - 1) / COMPACT_SOURCES_MAX;
    char **merged = calloc(groups, sizeof *merged);
    size_t len = strlen(dest) + 32, made = 0;
    for (size_t g = 0; merged && !*err && g < groups; g++) {
        size_t from = g * COMPACT_SOURCES_MAX;
        size_t count = n - from < COMPACT_SOURCES_MAX ? n - from : COMPACT_SOURCES_MAX;
        if (!(merged[g] = malloc(len)))
            break;
        made++;
        snprintf(merged[g], len, "%s.m%zu", dest, g);
        cari_remove_tree(merged[g]);
        xc_compact(paths + from, count, merged[g], err);
    }
    if (!merged || made < groups) {
        if (!*err)
            *err = xc_err_new(XC_ERR_NOMEM, "out of memory");
    } else if (!*err) {
        compact_bounded((const char **)merged, groups, dest, err);
    }
    for (size_t g = 0; g < made; g++) {
        cari_remove_tree(merged[g]);
        free(merged[g]);
    }
    free(merged);
}

cari_status cari_build_finish(cari_db *db)
{
    cari_builder *b = db->builder;
    b->commit_on_stop = 1;
    stop_all(b); /* each worker commits its shard as it stops */
    cari_status st = first_failure(b);
    /* The sources of the index: every worker's segments and spelling runs. */
    size_t n = 0;
    for (unsigned i = 0; i < b->n; i++)
        n += b->w[i].n_segments + 1 + b->w[i].runs.n;
    const char **paths = calloc(n, sizeof *paths);
    if (!st && !paths)
        st = cari_fail(db, CARI_NOMEM, "out of memory");
    for (unsigned i = 0, k = 0; !st && i < b->n; i++) {
        worker *w = &b->w[i];
        for (size_t g = 0; g < w->n_segments; g++)
            paths[k++] = w->segments[g];
        paths[k++] = w->path;
        for (size_t r = 0; r < w->runs.n; r++)
            paths[k++] = w->runs.paths[r];
    }
    if (!st) {
        /* Close the shards before Xapian reads them to compact. */
        for (unsigned i = 0; i < b->n; i++) {
            xc_wdb_close(b->w[i].shadow->w);
            b->w[i].shadow->w = NULL;
        }
        xc_err *err = NULL;
        cari_remove_tree(db->build_path);
        compact_bounded(paths, n, db->build_path, &err);
        if (err)
            st = cari_fail_xc(db, err, db->build_path);
    }
    free(paths);
    db->passages_indexed += cari_build_passages(db);
    db->builder = NULL;
    destroy(b, 1);
    return st;
}

void cari_build_abort(cari_db *db)
{
    if (!db->builder)
        return;
    destroy(db->builder, 1);
    db->builder = NULL;
}
