/* The layout of a sharded index on disk, and the manifest that makes its
 * commits atomic.
 *
 * A sharded index is a folder holding "cari-shards" (the number of shards,
 * a line of decimal digits), one ordinary index per shard, and
 * "cari-manifest", which names the folder of each shard's committed
 * state:
 *     generation 7
 *     shard-0.g7
 *     shard-1.g5
 *     ...
 * A writer never changes a folder the manifest names: it writes each
 * shard it changes into a new folder "shard-K.gG" (a copy of the shard,
 * or a fresh build) and commits by writing the next manifest beside the
 * live one and renaming it over it, which readers see at once and whole:
 * every shard's new state, or (after a crash at any moment before the
 * rename) every shard's old one.  Folders no manifest names are leftovers
 * that the next writer removes.  An index made before manifests has none;
 * its shards are "shard-K", generation 0.  An article lives in shard
 * cari_shard_of(id, n). */
#ifndef CARI_MANIFEST_H
#define CARI_MANIFEST_H

#include "error.h"

#define CARI_SHARDS_FILE "cari-shards"
#define CARI_MANIFEST_FILE "cari-manifest"
#define CARI_SHARDS_MAX 256

typedef struct {
    unsigned n;                     /* shards */
    unsigned long long generation;  /* of the last commit (0: none yet) */
    char **dirs;                    /* each shard's folder, full paths */
} cari_manifest;

/* The number of shards of the sharded index at `path`: > 0 for a sharded
 * index, 0 when `path` is not one, -1 when its shard file is malformed. */
int cari_sharded_count(const char *path);

/* Reads the manifest of the sharded index at `path` (n shards) into *out
 * (free with cari_manifest_free()).  Without a manifest file, the shards
 * are "shard-K", generation 0.  Returns a status (CARI_CORRUPT for a
 * malformed manifest; message in e). */
cari_status cari_manifest_read(const char *path, unsigned n, cari_manifest *out,
                               cari_error *e);

/* The folder of shard k in generation g: `path`/shard-K.gG (malloc'd;
 * NULL when out of memory). */
char *cari_manifest_shard_dir(const char *path, unsigned k, unsigned long long g);

/* Makes m the committed state of the index at `path`: writes it beside
 * the live manifest, makes it durable, and renames it over the live one
 * (the commit point).  Returns a status (CARI_IO). */
cari_status cari_manifest_commit(const char *path, const cari_manifest *m, cari_error *e);

/* Creates the layout at `path` (a missing or empty folder) for n shards,
 * or checks that the sharded index there has n.  Returns a status. */
cari_status cari_sharded_prepare(const char *path, unsigned n, cari_error *e);

/* Removes the shard folders under `path` that m does not name (leftovers
 * of killed or failed writers).  Call only holding the writer lock. */
void cari_manifest_remove_unlisted(const char *path, const cari_manifest *m);

void cari_manifest_free(cari_manifest *m);

#endif
