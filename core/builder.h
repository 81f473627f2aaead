/* The builder: a fresh build (or rebuild) of an index's shards on a
 * budget of worker threads, each shard compacted at the end into its
 * destination folder, which the writer then puts in place (builder.c). */
#ifndef CARI_BUILDER_H
#define CARI_BUILDER_H

#include "error.h"

typedef struct cari_builder cari_builder;

typedef struct {
    const char *name;           /* the index, for messages */
    unsigned shards;            /* shards built (1 for an unsharded index) */
    const char *const *dests;   /* each shard's destination folder */
    unsigned threads;           /* worker threads for all shards together */
    size_t segment_passages;    /* passages per segment (> 0) */
    size_t spelling_flush;      /* spelling words per hand-over (> 0) */
    int open_flags;             /* the stemmer (CARI_OPEN_STEM_*) */
    double bm25_b;
    cari_warn_fn warn;          /* called one call at a time (NULL: none) */
    void *warn_ctx;
    cari_step_fn step;          /* called by workers as each segment is
                                   committed (NULL: none) */
    void *step_ctx;
} cari_build_config;

/* Starts the workers (the config is copied).  Stores the builder in
 * *out (NULL on failure).  Returns a status (message in e). */
cari_status cari_builder_start(cari_builder **out, const cari_build_config *cfg,
                               cari_error *e);

/* Hands an article to the worker that owns its id, for the shard that
 * owns it (cari_shard_of(), cari_worker_of()).  Articles whose text is in
 * memory (`text`, `len`) are copied and indexed in the background; others
 * (`read`) are read by the worker while the caller waits.  `group` (NULL:
 * none) is recorded with it.  Returns the first failure of any worker so
 * far, or CARI_OK. */
cari_status cari_builder_add(cari_builder *b, const char *id, const char *title,
                             int format, const cari_meta *meta, const char *hash,
                             const char *text, size_t len, cari_read_fn read, void *ctx,
                             const char *group, cari_added *out, cari_error *e);

/* Removes `id` from the build. */
cari_status cari_builder_remove(cari_builder *b, const char *id, cari_error *e);

/* Waits until every worker is idle: every article handed over so far is
 * indexed and its warnings given.  Returns the first failure of any
 * worker so far, or CARI_OK. */
cari_status cari_builder_wait(cari_builder *b, cari_error *e);

/* Waits until every worker is idle, then calls fn for the articles built
 * so far (in id order within one worker's part of a shard). */
cari_status cari_builder_list(cari_builder *b, cari_article_fn fn, void *ctx,
                              cari_error *e);

/* Sets BM25's b of the build.  Returns CARI_INVALID once an article was
 * added or removed. */
cari_status cari_builder_set_b(cari_builder *b, double value, cari_error *e);

/* Passages the workers have written so far. */
size_t cari_builder_passages(cari_builder *b);

/* Finishes the build: waits for the workers, commits their segments and
 * compacts each shard's into its destination (not synced).  Stores the
 * passages the workers wrote in *out_passages.  Frees the builder in
 * every case.  Returns a status. */
cari_status cari_builder_finish(cari_builder *b, size_t *out_passages, cari_error *e);

/* Stops the workers, removes their segments and frees the builder (an
 * abandoned build).  NULL is fine. */
void cari_builder_abort(cari_builder *b);

#endif
