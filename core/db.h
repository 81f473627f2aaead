/* The cari_db handle and the one error path of libcari. */
#ifndef CARI_DB_H
#define CARI_DB_H

#include "cari.h"
#include "spellruns.h"
#include "stemmer_id.h"
#include "vocab.h"
#include "xc.h"

struct cari_db {
    char *path;             /* the live index */
    int writable;
    xc_wdb *w;              /* set when writable */
    xc_rdb *r;              /* set when read-only */
    char *build_path;       /* building beside the live index (fresh build
                               or rebuild), NULL when updating in place */
    int lock_fd;            /* the writer lock, -1 when none */
    int open_flags;
    unsigned long long live_ino; /* reader: inode of the one local index it
                                    opened, 0 for several or remote */
    char **shards;          /* reader: the databases opened as one */
    size_t n_shards;
    char *group;            /* group recorded with added articles */
    cari_vocab vocab;       /* spelling words seen since the last commit */
    struct cari_builder *builder; /* workers of a fresh build, or NULL */
    size_t passages_indexed; /* passages written through this handle */
    int batch;              /* a build worker's shard: no transaction, so
                               it may commit at any time */
    size_t batch_docs;      /* passages a build worker has added */
    size_t vocab_flush;     /* a build worker's spelling words per hand-over */
    cari_spell_runs *spell_runs; /* a build worker's spelling runs (owned by
                               the worker), NULL when writing to the index */
    stemmer_id *stemmer;    /* the one stemmer for index, query, snippets */
    double bm25_b;          /* BM25 b the index applies when it indexes
                               (index.c), recorded in its metadata */
    cari_warn_fn warn;
    void *warn_ctx;
    int dirty;              /* uncommitted changes exist */
    char *errmsg;           /* last failure, "" when none */
};

/* Metadata keys (see the Overview in index.c). */
#define CARI_META_FORMAT "cari.format"
#define CARI_META_STEMMER "cari.stemmer"
#define CARI_META_BM25_B "cari.bm25_b"
#define CARI_FORMAT_VERSION "7"

/* Records `st` with a printf-style message in db and returns st. */
cari_status cari_fail(cari_db *db, cari_status st, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The status of a xapian-c error's kind: the one place kinds map to
 * statuses. */
cari_status cari_status_of_xc(const xc_err *err);

/* Records a xapian-c error (which it frees) in db, its message prefixed
 * by `what`.  Returns its status (cari_status_of_xc()). */
cari_status cari_fail_xc(cari_db *db, xc_err *err, const char *what);

/* The stemmer mode that open `flags` ask for. */
stemmer_id_mode cari_stemmer_mode(int flags);

/* The number in environment variable `name` (dflt when unset or empty),
 * clamped to [min, max]: the tuning knobs $CARI_THREADS and
 * $CARI_SPELLING_FLUSH. */
long cari_env_long(const char *name, long dflt, long min, long max);

/* Records the layout version and the stemmer in db->w (durable with the
 * next commit).  Returns a status. */
cari_status cari_write_signature(cari_db *db);

/* Hands the spelling words collected since the last flush to Xapian: to
 * the index, or to a build worker's spelling runs.  Sets *err on a
 * xapian-c error (or "out of memory"). */
void cari_flush_spelling(cari_db *db, xc_err **err);

/* Reopens a reader whose index was replaced by a rebuild since it opened
 * it (a cheap stat when it was not).  Returns a status. */
cari_status cari_refresh(cari_db *db);

/* Clears the handle's error message. */
void cari_clear_error(cari_db *db);

/* Reports a warning through the handle's warning function, if any. */
void cari_warn(cari_db *db, const char *article, size_t line, const char *msg);

#endif
