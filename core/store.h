/* A store: one Xapian database open for writing, with what indexing into
 * it needs (stemmer, spelling vocabulary, BM25 b, warning function).
 * The writer (writer.c) updates an index through one store per shard; a
 * build worker (builder.c) writes each segment through one.  index.c
 * indexes articles into a store. */
#ifndef CARI_STORE_H
#define CARI_STORE_H

#include "error.h"
#include "spellruns.h"
#include "stemmer_id.h"
#include "vocab.h"
#include "xc.h"

typedef struct cari_store {
    char *path;             /* the database */
    xc_wdb *w;              /* open database, NULL when closed */
    stemmer_id *stemmer;    /* the one stemmer for index, query, snippets */
    double bm25_b;          /* BM25 b the index applies when it indexes
                               (index.c), recorded in its metadata */
    const char *group;      /* group recorded with added articles (lent
                               by the owner; NULL: none) */
    cari_vocab vocab;       /* spelling words seen since the last flush */
    int batch;              /* a build segment: no transaction, so it may
                               commit at any time */
    size_t batch_docs;      /* passages added to a build segment */
    size_t vocab_flush;     /* a build segment's spelling words per
                               hand-over to spell_runs */
    cari_spell_runs *spell_runs; /* a build worker's spelling runs (lent),
                               NULL when spelling goes to the database */
    cari_warn_fn warn;
    void *warn_ctx;
    int dirty;              /* uncommitted changes exist */
    size_t passages_indexed; /* passages written through this store */
    cari_error error;       /* last failure */
} cari_store;

/* Sets up a closed store for the database at `path` with the stemmer
 * of `flags` (CARI_OPEN_STEM_*) and b.  Returns a status (CARI_NOMEM;
 * message in s->error).  Free with cari_store_free() in every case. */
cari_status cari_store_init(cari_store *s, const char *path, int flags, double b);

/* Opens the existing database for an update in one transaction: checks
 * its signature and takes its recorded b.  Returns a status. */
cari_status cari_store_open_update(cari_store *s);

/* Creates the database (a build segment: no transaction, no fsync) and
 * records the signature.  Returns a status. */
cari_status cari_store_create_batch(cari_store *s);

/* Hands the spelling words collected since the last flush to Xapian: to
 * the database, or to the build worker's spelling runs.  Sets *err on
 * failure. */
void cari_store_flush_spelling(cari_store *s, xc_err **err);

/* Records the signature (with s->bm25_b) in the open database.  Returns
 * a status. */
cari_status cari_store_sign(cari_store *s);

/* Flushes the spelling words and commits.  Returns a status. */
cari_status cari_store_commit(cari_store *s);

/* Closes the database, discarding uncommitted changes. */
void cari_store_close(cari_store *s);

/* Closes and frees what the store holds (not the struct). */
void cari_store_free(cari_store *s);

/* Reports a warning through the store's warning function, if any. */
void cari_store_warn(cari_store *s, const char *article, size_t line, const char *msg);

#endif
