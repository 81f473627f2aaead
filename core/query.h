/* The query parser: query text to a Xapian query and highlight terms. */
#ifndef CARI_QUERY_H
#define CARI_QUERY_H

#include "db.h"

/* A parsed query.  Owns everything it points to. */
typedef struct {
    xc_query *xq;       /* the query to run */
    char **words;       /* normalized words to highlight (sorted) */
    size_t n_words;
    char **stems;       /* their stems (sorted) */
    size_t n_stems;
} cari_query;

/* Parses `text` with `opts` into *out.  Returns CARI_OK, or CARI_INVALID
 * for a query without words, CARI_NOMEM; the message is in db.  *out needs
 * cari_query_clear() in every case. */
cari_status cari_query_parse(cari_db *db, const char *text,
                             const cari_search_options *opts, cari_query *out);

/* Frees what a parsed query holds and zeroes it. */
void cari_query_clear(cari_query *q);

/* Whether the normalized word `term` (or its stem) is one the query looks
 * for.  The stem is computed with the handle's stemmer. */
int cari_query_matches(cari_db *db, const cari_query *q, const char *term,
                       size_t len);

#endif
