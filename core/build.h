/* Fresh builds on several threads: see build.c. */
#ifndef CARI_BUILD_H
#define CARI_BUILD_H

#include "db.h"

typedef struct cari_builder cari_builder;

/* Starts `threads` workers, each building a shard beside db->build_path
 * (db->build_path ".sK") with its own stemmer.  Returns a status. */
cari_status cari_build_start(cari_db *db, unsigned threads);

/* Hands an article to the worker that owns its id (find_title: its
 * format, CARI_FORMAT_*; meta: NULL or copied).  Articles whose text
 * is in memory (`text`, `len`) are copied and indexed in the background;
 * others (`read`) are read by the worker while the caller waits.  Returns
 * the first failure of any worker so far, or CARI_OK. */
cari_status cari_build_add(cari_db *db, const char *id, const char *title,
                           int find_title, const cari_meta *meta, const char *hash,
                           const char *text, size_t len, cari_read_fn read,
                           void *ctx, cari_added *out);

/* Removes `id` from the shard that owns it. */
cari_status cari_build_remove(cari_db *db, const char *id);

/* Waits until every worker is idle, then calls fn for the articles of
 * every shard (in id order within a shard). */
cari_status cari_build_list(cari_db *db, cari_article_fn fn, void *ctx);

/* Finishes the build: waits for the workers, commits their shards and
 * compacts them into db->build_path.  Returns a status. */
cari_status cari_build_finish(cari_db *db);

/* Stops the workers and removes their shards (an abandoned build). */
void cari_build_abort(cari_db *db);

/* Passages the workers have written so far. */
size_t cari_build_passages(cari_db *db);

/* Sets BM25's b of the build (cari_set_bm25_b()): every worker's and
 * the signature of its open segment.  Returns CARI_INVALID once an
 * article was added or removed. */
cari_status cari_build_set_b(cari_db *db, double b);

#endif
