/* The layout of a sharded index on disk. */
#ifndef CARI_SHARDS_H
#define CARI_SHARDS_H

/* A sharded index is a folder holding the file "cari-shards" (the number
 * of shards, a line of decimal digits) and one index per shard in
 * "shard-K" (K from 0).  Each shard is an ordinary cari index with its own
 * lock; an article lives in shard cari_shard_of(id, n). */
#define CARI_SHARDS_FILE "cari-shards"
#define CARI_SHARDS_MAX 256

/* The number of shards of the sharded index at `path`: > 0 for a sharded
 * index, 0 when `path` is not one, -1 when its shard file is malformed. */
int cari_sharded_count(const char *path);

/* The folder of shard k of the sharded index at `path` (malloc'd; NULL
 * when out of memory). */
char *cari_shard_dir(const char *path, unsigned k);

#endif
