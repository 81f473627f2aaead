/* The reader: the cari_db handle that searches an index (reader.c), lists
 * what it holds and checks it (maintain.c). */
#ifndef CARI_READER_H
#define CARI_READER_H

#include "error.h"
#include "stemmer_id.h"
#include "xc.h"

struct cari_db {
    char *path;             /* the index (the first, of several) */
    xc_rdb *r;              /* every database, open as one */
    char **shards;          /* the databases' paths */
    size_t n_shards;
    char *manifest;         /* a sharded index's manifest file, to notice
                               a commit (NULL otherwise) */
    unsigned long long live_ino; /* inode of the one local index folder
                               or of the manifest when opened, 0 for
                               several indexes or remote */
    int open_flags;
    stemmer_id *stemmer;    /* the one stemmer for queries and snippets */
    double bm25_b;          /* the index's BM25 b */
    cari_error error;       /* last failure */
};

/* Reopens a reader whose index was replaced (a rebuild or compaction
 * swapped in, or a sharded index's commit) since it opened it (a cheap
 * stat when it was not).  Returns a status. */
cari_status cari_refresh(cari_db *db);

#endif
