/* Reading a JSON Lines file of articles on a thread of its own, so that
 * parsing the next lines overlaps with indexing the last ones (parsing
 * was half of an update that finds most articles unchanged). */
#ifndef CARI_INDEXER_JSONL_H
#define CARI_INDEXER_JSONL_H

#include "cari.h"

#include <stdio.h>

/* One line: an article, or the problem that makes it unusable. */
typedef struct {
    size_t lineno;          /* 1-based */
    const char *problem;    /* NULL for an article, else what is wrong
                               ("no \"id\" string") */
    const char *id;         /* non-empty */
    const char *title;      /* NULL when none */
    const char *text;
    size_t text_len;
    const cari_meta *meta;  /* its date, url, source, authors, ... */
    const char (*warnings)[200]; /* problems with them (keys of a wrong
                               type, a date not understood, duplicate
                               keys): the article is indexed without */
    size_t n_warnings;
} jsonl_article;

typedef struct jsonl_reader jsonl_reader;

/* Starts reading `f` (not closed here) on a new thread.  Returns NULL
 * when out of memory or no thread can start. */
jsonl_reader *jsonl_open(FILE *f);

/* The next non-blank line, in file order, or NULL at the end of the file
 * (or on a read error: see jsonl_read_error()).  The article is valid
 * until the next call. */
const jsonl_article *jsonl_next(jsonl_reader *r);

/* 1 when reading stopped on a read error, else 0. */
int jsonl_read_error(const jsonl_reader *r);

/* Stops the thread (reading no further) and frees the reader. */
void jsonl_close(jsonl_reader *r);

#endif
