/* The reader: the cari_db handle that searches an index (reader.c), lists
 * what it holds and checks it (maintain.c). */
#ifndef CARI_READER_H
#define CARI_READER_H

#include "error.h"
#include "stemmer_id.h"
#include "xc.h"

/* An index given to cari_open_shards(), and how a swap of it shows. */
typedef struct {
    char *path;             /* as given (the first spelling of a path given
                               twice) */
    char *watched;          /* its manifest (sharded), its folder (one
                               local index), NULL (remote, stub file) */
    unsigned long long ino; /* watched's inode when opened, 0: none */
} cari_input;

struct cari_db {
    char *path;             /* the index (the first, of several) */
    xc_rdb *r;              /* every database, open as one */
    char **shards;          /* the databases' paths */
    size_t n_shards;
    cari_input *inputs;     /* the indexes given, each once (by realpath) */
    size_t n_inputs;
    int open_flags;
    stemmer_id *stemmer;    /* the one stemmer for queries and snippets */
    double bm25_b;          /* the index's BM25 b */
    cari_error error;       /* last failure */
};

/* Brings a reader to the latest commit of its indexes: reopens them all
 * when one was replaced since it opened them (a rebuild or compaction
 * swapped in, a sharded index's commit: its folder's or manifest's inode
 * changed), else moves Xapian to the latest revision of each (an update
 * committed in place).  Returns a status. */
cari_status cari_refresh(cari_db *db);

/* 1 when one of the reader's indexes was replaced since it opened them
 * (cari_refresh() would reopen them all), else 0. */
int cari_reader_swapped(const cari_db *db);

/* Reports err (freed) into db's error as "WHAT: message" and returns its
 * status.  WHAT is db's first index, except for a remote shard's failure:
 * the shard Xapian's error names (xc_err_remote()) or, when it names none,
 * the one remote shard open ("a remote shard (tcp://A, tcp://B)" when
 * several are). */
cari_status cari_reader_fail(cari_db *db, xc_err *err);

#endif
