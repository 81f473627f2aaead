/*
 * Fresh builds on a budget of threads.
 *
 * A fresh index (or a rebuild) is written by `threads` workers for all its
 * shards together.  An article goes to the shard that owns its id
 * (cari_shard_of()) and to the worker that owns it (cari_worker_of(),
 * independent bits of the same hash), so adding an id twice replaces it
 * within one worker's part of a shard, and every worker has work whatever
 * the number of shards.  A worker keeps, for each shard it has articles
 * of, a part: a store (store.h) on which the ordinary single-threaded
 * indexing path runs unchanged, with its own stemmer and spelling
 * vocabulary.  Articles in memory are copied into the worker's queue
 * (bounded in bytes, so the caller waits when a worker falls behind);
 * streamed articles are read by the worker while the caller waits, so
 * their size never matters.
 *
 * A part is a series of segments (`DEST.wI.N`) of at most
 * segment_passages passages each: Xapian's commits cost more as its
 * B-trees grow, so many small databases merged once at the end build
 * faster than one large one.  An article added again (or removed) later
 * in the build goes to the segment that holds it, found by its id
 * (idmap.h).  The spelling data goes to runs of its own (spellruns.h).
 * At the end each shard's segments and runs, from every worker, are
 * compacted by Xapian into the shard's destination, which the writer
 * (writer.c) then puts in place.  The first failure of any worker is
 * sticky: every later call returns it, and the build is discarded.
 */
#include "builder.h"
#include "alloc.h"

#include "fsutil.h"
#include "hash.h"
#include "idmap.h"
#include "index.h"
#include "meta.h"
#include "records.h"
#include "signature.h"
#include "store.h"

#include <pthread.h>
#include <stdio.h>
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
    unsigned shard;
    char *id, *title, *group;
    int format;                 /* CARI_FORMAT_* */
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
    char msg[1024];
} job;

/* One worker's part of one shard. */
typedef struct {
    int started;                /* the store and first segment exist */
    cari_store store;           /* open on the segment being written */
    char *path;                 /* the segment being written */
    char **segments;            /* the finished segments, oldest first */
    size_t n_segments;
    size_t segment_passages;    /* passages in the segment being written */
    cari_idmap ids;             /* article id -> the segment holding it */
    cari_spell_runs runs;       /* the part's spelling data, merged with
                                   the shard at the end */
} part;

typedef struct {
    cari_builder *b;
    pthread_t thread;
    int started;
    unsigned index;             /* the worker's number */
    part *parts;                /* one per shard */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *head, *tail;
    size_t queued_bytes;
    int busy, stop;
    cari_status st;             /* first failure (sticky) */
    char msg[1024];
    size_t passages;            /* under mu */
} worker;

struct cari_builder {
    cari_build_config cfg;      /* dests and name point into owned copies */
    char **dests;
    char *name;
    worker *w;
    unsigned n;
    int commit_on_stop;         /* workers commit their parts as they stop */
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

/* Passes a worker's warning to the caller's handler, one at a time. */
static void forward_warning(void *ctx, const char *id, size_t line, const char *msg)
{
    cari_builder *b = ctx;
    if (!b->cfg.warn)
        return;
    pthread_mutex_lock(&b->warn_mu);
    b->cfg.warn(b->cfg.warn_ctx, id, line, msg);
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

/* The folder of segment k of worker i's part of shard s: DEST.wI.K,
 * malloc'd; NULL when out of memory. */
static char *segment_path(const cari_builder *b, unsigned s, unsigned i, size_t k)
{
    size_t n = strlen(b->dests[s]) + 48;
    char *path = cari_malloc(n);
    if (path)
        snprintf(path, n, "%s.w%u.%zu", b->dests[s], i, k);
    return path;
}

/* Creates the segment at p->path and records the signature in it.
 * Returns a status (the message in the part's store). */
static cari_status open_segment(part *p)
{
    xc_err *err = NULL;
    cari_remove_tree(p->path);
    p->store.w = xc_wdb_open(p->path, XC_CREATE | XC_BATCH | XC_NO_SYNC, &err);
    if (!p->store.w)
        return cari_fail_xc(&p->store.error, err, p->path);
    p->store.batch_docs = 0;
    p->segment_passages = 0;
    return cari_store_sign(&p->store);
}

/* Makes worker w's part of shard s ready on its first article: its store,
 * spelling runs and first segment.  Returns a status (message in the
 * part's store). */
static cari_status start_part(worker *w, unsigned s)
{
    cari_builder *b = w->b;
    part *p = &w->parts[s];
    p->started = 1;
    cari_status st = cari_store_init(&p->store, b->name, b->cfg.open_flags, b->cfg.bm25_b);
    if (st)
        return st;
    size_t n = strlen(b->dests[s]) + 16;
    char *base = cari_malloc(n); /* the runs are DEST.wI.sp.N */
    if (base)
        snprintf(base, n, "%s.w%u", b->dests[s], w->index);
    int nomem = !base || cari_spell_runs_init(&p->runs, base);
    free(base);
    if (nomem || !(p->path = segment_path(b, s, w->index, 0)))
        return cari_fail(&p->store.error, CARI_NOMEM, "out of memory");
    p->store.batch = 1;
    p->store.spell_runs = &p->runs;
    p->store.vocab_flush = b->cfg.spelling_flush;
    p->store.warn = forward_warning;
    p->store.warn_ctx = b;
    return open_segment(p);
}

/* Runs job j on the database the part's store has open.  Returns a
 * status (the message in the store); fills *out for an article. */
static cari_status run_on_store(worker *w, part *p, job *j, cari_added *out)
{
    if (j->kind == JOB_REMOVE)
        return cari_unindex_article(&p->store, j->id);
    p->store.group = j->group; /* lent for this job */
    job_reader r = {j->text, j->len, j->kind == JOB_READ ? j->read : NULL, j->ctx};
    cari_meta meta;
    cari_meta_view(&j->meta, &meta);
    cari_status st = cari_index_article(&p->store, j->id, j->title, j->format,
                                        j->has_meta ? &meta : NULL,
                                        j->has_hash ? j->hash : NULL, read_job, &r, out);
    p->store.group = NULL;
    pthread_mutex_lock(&w->mu); /* cari_builder_passages() reads it */
    w->passages += out->passages;
    pthread_mutex_unlock(&w->mu);
    return st;
}

/* Runs job j on finished segment k, which holds its article (added again
 * or removed later in the build): opens the segment, runs the job,
 * commits and closes it.  Returns a status (the message in the store). */
static cari_status run_in_segment(worker *w, part *p, size_t k, job *j, cari_added *out)
{
    cari_store *s = &p->store;
    xc_wdb *current = s->w;
    xc_err *err = NULL;
    cari_status st;
    s->w = xc_wdb_open(p->segments[k], XC_BATCH | XC_NO_SYNC, &err);
    if (!s->w) {
        st = cari_fail_xc(&s->error, err, p->segments[k]);
    } else {
        st = run_on_store(w, p, j, out);
        xc_wdb_commit(s->w, &err);
        if (err && !st)
            st = cari_fail_xc(&s->error, err, p->segments[k]); /* frees err */
        else
            xc_err_free(err);
        xc_wdb_close(s->w);
    }
    s->w = current;
    return st;
}

/* Once the segment being written is full: commits and closes it and
 * opens the next.  Returns a status (the message in the store). */
static cari_status next_segment_if_full(worker *w, part *p, unsigned shard)
{
    cari_store *s = &p->store;
    if (p->segment_passages < w->b->cfg.segment_passages)
        return CARI_OK;
    cari_status st = cari_store_commit(s);
    if (st)
        return st;
    if (w->b->cfg.step)
        w->b->cfg.step(w->b->cfg.step_ctx, "segment");
    char **grown = cari_realloc(p->segments, (p->n_segments + 1) * sizeof *grown);
    if (grown)
        p->segments = grown;
    char *next = grown ? segment_path(w->b, shard, w->index, p->n_segments + 1) : NULL;
    if (!next)
        return cari_fail(&s->error, CARI_NOMEM, "out of memory");
    xc_wdb_close(s->w);
    s->w = NULL;
    p->segments[p->n_segments++] = p->path;
    p->path = next;
    return open_segment(p);
}

/* Records a worker's first failure (under its lock: first_failure()
 * reads it from the caller's thread). */
static void fail_worker(worker *w, cari_status st, const char *msg)
{
    pthread_mutex_lock(&w->mu);
    if (!w->st) {
        w->st = st;
        snprintf(w->msg, sizeof w->msg, "%s", msg);
    }
    pthread_mutex_unlock(&w->mu);
}

/* Runs one job on the segment that holds its article, or else on the
 * segment being written; records the first failure. */
static void run_job(worker *w, job *j)
{
    cari_status st = w->st;
    cari_added out = {CARI_ADDED, 0};
    part *p = &w->parts[j->shard];
    const char *msg = "out of memory";
    if (!st && !p->started)
        st = start_part(w, j->shard);
    if (!st) {
        long k = cari_idmap_get(&p->ids, j->id);
        if (k >= 0 && (size_t)k < p->n_segments) {
            st = run_in_segment(w, p, (size_t)k, j, &out);
        } else {
            st = run_on_store(w, p, j, &out);
            p->segment_passages += out.passages;
            if (!st && j->kind != JOB_REMOVE &&
                cari_idmap_put(&p->ids, j->id, (unsigned)p->n_segments))
                st = cari_fail(&p->store.error, CARI_NOMEM, "out of memory");
            if (!st)
                st = next_segment_if_full(w, p, j->shard);
        }
    }
    if (p->started)
        msg = cari_error_msg(&p->store.error);
    /* A failure that leaves the shard unusable stops the worker; a bad
     * input (unreadable stream, bad argument) only fails its own job. */
    if (st && st != CARI_IO && st != CARI_INVALID && st != w->st)
        fail_worker(w, st, msg);
    if (j->kind == JOB_READ) {
        j->st = st;
        j->out = out;
        snprintf(j->msg, sizeof j->msg, "%s", st ? (st == w->st ? w->msg : msg) : "");
    }
}

/* Commits every started part of a stopping worker (so that the parts'
 * final flushes and spelling data are written in parallel). */
static void commit_parts(worker *w)
{
    for (unsigned s = 0; !w->st && s < w->b->cfg.shards; s++) {
        part *p = &w->parts[s];
        if (!p->started)
            continue;
        cari_status st = cari_store_commit(&p->store);
        if (st)
            fail_worker(w, st, cari_error_msg(&p->store.error));
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
    if (w->b->commit_on_stop && !w->st) {
        pthread_mutex_unlock(&w->mu);
        commit_parts(w);
        pthread_mutex_lock(&w->mu);
    }
    w->busy = 0;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Returns the first failure of any worker, copying its message to e. */
static cari_status first_failure(cari_builder *b, cari_error *e)
{
    for (unsigned i = 0; i < b->n; i++) {
        worker *w = &b->w[i];
        pthread_mutex_lock(&w->mu);
        cari_status st = w->st;
        char msg[1024];
        memcpy(msg, w->msg, sizeof msg);
        pthread_mutex_unlock(&w->mu);
        if (st)
            return cari_fail(e, st, "%s", msg);
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
    for (unsigned i = 0; b->w && i < b->n; i++) {
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

/* Frees a part; removes its segments when `remove`. */
static void free_part(part *p, int remove)
{
    if (!p->started)
        return;
    cari_store_free(&p->store);
    cari_spell_runs_free(&p->runs); /* deletes the runs' folders */
    for (size_t k = 0; k < p->n_segments; k++) {
        if (remove)
            cari_remove_tree(p->segments[k]);
        free(p->segments[k]);
    }
    free(p->segments);
    cari_idmap_clear(&p->ids);
    if (remove && p->path)
        cari_remove_tree(p->path);
    free(p->path);
}

/* Frees everything; removes the segments when `remove`. */
static void destroy(cari_builder *b, int remove)
{
    stop_all(b);
    for (unsigned i = 0; b->w && i < b->n; i++) {
        worker *w = &b->w[i];
        for (job *j = w->head, *next; j; j = next) {
            next = j->next;
            free_job(j);
        }
        for (unsigned s = 0; w->parts && s < b->cfg.shards; s++)
            free_part(&w->parts[s], remove);
        free(w->parts);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
    }
    pthread_mutex_destroy(&b->warn_mu);
    for (unsigned s = 0; b->dests && s < b->cfg.shards; s++)
        free(b->dests[s]);
    free(b->dests);
    free(b->name);
    free(b->w);
    free(b);
}

cari_status cari_builder_start(cari_builder **out, const cari_build_config *cfg,
                               cari_error *e)
{
    *out = NULL;
    cari_builder *b = cari_calloc(1, sizeof *b);
    if (!b)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    b->cfg = *cfg;
    b->n = cfg->threads;
    pthread_mutex_init(&b->warn_mu, NULL);
    b->w = cari_calloc(b->n, sizeof *b->w);
    b->dests = cari_calloc(cfg->shards, sizeof *b->dests);
    b->name = cari_strdup(cfg->name);
    int nomem = !b->w || !b->dests || !b->name;
    for (unsigned s = 0; !nomem && s < cfg->shards; s++)
        nomem = !(b->dests[s] = cari_strdup(cfg->dests[s]));
    for (unsigned i = 0; b->w && i < b->n; i++) {
        pthread_mutex_init(&b->w[i].mu, NULL);
        pthread_cond_init(&b->w[i].cv, NULL);
        b->w[i].b = b;
        b->w[i].index = i;
        b->w[i].parts = cari_calloc(cfg->shards, sizeof *b->w[i].parts);
        nomem = nomem || !b->w[i].parts;
    }
    if (nomem) {
        destroy(b, 1);
        return cari_fail(e, CARI_NOMEM, "out of memory");
    }
    b->cfg.dests = (const char *const *)b->dests;
    b->cfg.name = b->name;
    for (unsigned i = 0; i < b->n; i++) {
        if (pthread_create(&b->w[i].thread, NULL, work, &b->w[i])) {
            destroy(b, 1);
            return cari_fail(e, CARI_NOMEM, "cannot start an indexing thread");
        }
        b->w[i].started = 1;
    }
    *out = b;
    return CARI_OK;
}

cari_status cari_builder_add(cari_builder *b, const char *id, const char *title,
                             int format, const cari_meta *meta, const char *hash,
                             const char *text, size_t len, cari_read_fn read, void *ctx,
                             const char *group, cari_added *out, cari_error *e)
{
    cari_status st = first_failure(b, e);
    if (st)
        return st;
    b->submitted = 1;
    job *j = cari_calloc(1, sizeof *j);
    if (!j)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    j->kind = JOB_ADD;
    j->shard = cari_shard_of(id, b->cfg.shards);
    j->format = format;
    j->id = cari_strdup(id);
    j->title = title ? cari_strdup(title) : NULL;
    j->group = group ? cari_strdup(group) : NULL;
    if (hash) {
        j->has_hash = 1;
        snprintf(j->hash, sizeof j->hash, "%s", hash);
    }
    j->has_meta = meta != NULL;
    int nomem = !j->id || (title && !j->title) || (group && !j->group) ||
                cari_meta_merge(&j->meta, meta) < 0;
    char *prefix = NULL;
    if (!nomem && read) {
        /* Read a first piece: a short article becomes an ordinary queued
         * job; a long one is read on by the worker. */
        prefix = cari_malloc(INLINE_MAX);
        size_t got = 0;
        long n = 1;
        while (prefix && got < INLINE_MAX && (n = read(ctx, prefix + got, INLINE_MAX - got)) > 0)
            got += (size_t)n;
        if (!prefix) {
            nomem = 1;
        } else if (n < 0) {
            free(prefix);
            free_job(j);
            return cari_fail(e, CARI_IO, "%s: read error", id);
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
        j->text = cari_malloc(len ? len : 1);
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
        return cari_fail(e, CARI_NOMEM, "%s: out of memory", id);
    }
    if (out) {
        out->change = CARI_ADDED;
        out->passages = 0;
    }
    worker *w = &b->w[cari_worker_of(id, b->n)];
    int waits = j->kind == JOB_READ; /* a queued job may be freed by now */
    submit(w, j);
    if (waits) {
        st = j->st;
        if (st)
            cari_fail(e, st, "%s", j->msg);
        else if (out)
            *out = j->out;
        free(j->text);
        j->text = NULL;
        free_job(j);
        return st;
    }
    return CARI_OK;
}

cari_status cari_builder_remove(cari_builder *b, const char *id, cari_error *e)
{
    cari_status st = first_failure(b, e);
    if (st)
        return st;
    b->submitted = 1;
    job *j = cari_calloc(1, sizeof *j);
    if (!j || !(j->id = cari_strdup(id))) {
        free(j);
        return cari_fail(e, CARI_NOMEM, "out of memory");
    }
    j->kind = JOB_REMOVE;
    j->shard = cari_shard_of(id, b->cfg.shards);
    submit(&b->w[cari_worker_of(id, b->n)], j);
    return CARI_OK;
}

cari_status cari_builder_wait(cari_builder *b, cari_error *e)
{
    for (unsigned i = 0; i < b->n; i++)
        drain(&b->w[i]);
    return first_failure(b, e);
}

cari_status cari_builder_list(cari_builder *b, cari_article_fn fn, void *ctx, cari_error *e)
{
    cari_status st = cari_builder_wait(b, e);
    for (unsigned s = 0; !st && s < b->cfg.shards; s++)
        for (unsigned i = 0; !st && i < b->n; i++) {
            part *p = &b->w[i].parts[s];
            if (!p->started)
                continue;
            /* The part's finished segments, then the one being written. */
            for (size_t k = 0; !st && k <= p->n_segments; k++) {
                xc_err *err = NULL;
                xc_wdb *seg = k < p->n_segments
                                  ? xc_wdb_open(p->segments[k], XC_BATCH | XC_NO_SYNC, &err)
                                  : p->store.w;
                if (!seg) {
                    st = cari_fail_xc(e, err, p->segments[k]);
                    break;
                }
                st = cari_record_list(e, b->name, seg, NULL, fn, ctx, NULL);
                if (k < p->n_segments)
                    xc_wdb_close(seg);
            }
        }
    return st;
}

cari_status cari_builder_set_b(cari_builder *b, double value, cari_error *e)
{
    if (b->submitted)
        return cari_fail(e, CARI_INVALID, "%s: BM25 b is set before the first article",
                         b->name);
    /* No job yet: the workers wait, and their parts start with this b. */
    b->cfg.bm25_b = value;
    return CARI_OK;
}

size_t cari_builder_passages(cari_builder *b)
{
    size_t n = 0;
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
    char **merged = cari_calloc(groups, sizeof *merged);
    size_t len = strlen(dest) + 32, made = 0;
    for (size_t g = 0; merged && !*err && g < groups; g++) {
        size_t from = g * COMPACT_SOURCES_MAX;
        size_t count = n - from < COMPACT_SOURCES_MAX ? n - from : COMPACT_SOURCES_MAX;
        if (!(merged[g] = cari_malloc(len)))
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

/* Creates an empty index with the build's signature at `dest` (a shard
 * no article went to).  Sets *err on failure. */
static void make_empty(cari_builder *b, const char *dest, xc_err **err)
{
    stemmer_id *st = stemmer_id_new(cari_stemmer_mode(b->cfg.open_flags));
    if (!st) {
        *err = xc_err_new(XC_ERR_NOMEM, "out of memory");
        return;
    }
    xc_wdb *w = xc_wdb_open(dest, XC_CREATE | XC_NO_SYNC, err);
    if (w) {
        cari_write_signature(w, st, b->cfg.bm25_b, err);
        if (!*err)
            xc_wdb_commit(w, err);
        xc_wdb_close(w);
    }
    stemmer_id_delete(st);
}

/* Compacts every worker's part of shard s into its destination.  Returns
 * a status. */
static cari_status finish_shard(cari_builder *b, unsigned s, cari_error *e)
{
    size_t n = 0;
    for (unsigned i = 0; i < b->n; i++) {
        part *p = &b->w[i].parts[s];
        if (p->started)
            n += p->n_segments + 1 + p->runs.n;
    }
    const char **paths = cari_calloc(n ? n : 1, sizeof *paths);
    if (!paths)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    size_t k = 0;
    for (unsigned i = 0; i < b->n; i++) {
        part *p = &b->w[i].parts[s];
        if (!p->started)
            continue;
        for (size_t g = 0; g < p->n_segments; g++)
            paths[k++] = p->segments[g];
        paths[k++] = p->path;
        for (size_t r = 0; r < p->runs.n; r++)
            paths[k++] = p->runs.paths[r];
        /* Close the segment before Xapian reads it to compact. */
        xc_wdb_close(p->store.w);
        p->store.w = NULL;
    }
    xc_err *err = NULL;
    cari_remove_tree(b->dests[s]);
    if (n)
        compact_bounded(paths, n, b->dests[s], &err);
    else
        make_empty(b, b->dests[s], &err);
    free(paths);
    return err ? cari_fail_xc(e, err, b->dests[s]) : CARI_OK;
}

cari_status cari_builder_finish(cari_builder *b, size_t *out_passages, cari_error *e)
{
    b->commit_on_stop = 1;
    stop_all(b); /* each worker commits its parts as it stops */
    *out_passages = cari_builder_passages(b);
    cari_status st = first_failure(b, e);
    for (unsigned s = 0; !st && s < b->cfg.shards; s++)
        st = finish_shard(b, s, e);
    destroy(b, 1);
    return st;
}

void cari_builder_abort(cari_builder *b)
{
    if (b)
        destroy(b, 1);
}
