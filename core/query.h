/* The query parser: query text to a Xapian query and highlight terms. */
#ifndef CARI_QUERY_H
#define CARI_QUERY_H

#include "reader.h"

/* A weighted leaf of the query, for --explain: an index term, or a group
 * that Xapian weighs as one term (a synonym set, a prefix*). */
typedef struct {
    char *label;        /* what the user sees: "drone", "judul:drone",
                           "korut|korea utara", "lati*" */
    char *term;         /* the index term; NULL for a group */
    double factor;      /* its weight scale (title_weight for titles) */
} cari_leaf;

/* A word of the query text, for spelling suggestions. */
typedef struct {
    char *word;         /* normalized */
    size_t start, end;  /* byte offsets in the query text */
    int expanded;       /* a synonym group holds it: it needs no spelling */
    int syntax;         /* a field's name typed alone ("judul:"), which the
                           query reads as a word: no word to correct */
} cari_qword;

/* A parsed query.  Owns everything it points to. */
typedef struct {
    xc_query *xq;       /* the query to run */
    char **words;       /* normalized words to highlight (sorted) */
    size_t n_words;
    char **stems;       /* their stems (sorted) */
    size_t n_stems;
    char **prefixes;    /* prefix* words: highlight what starts with them */
    size_t n_prefixes;
    cari_leaf *leaves;  /* weighted leaves, in query order */
    size_t n_leaves;
    cari_qword *qwords; /* every body or title word typed, in order */
    size_t n_qwords;
} cari_query;

/* Most terms a prefix* expands to when the options say 0. */
#define CARI_WILDCARD_MAX 100
/* NEAR's default window: every word within this many positions. */
#define CARI_NEAR_WINDOW 10
/* NEAR/n's widest window: a bigger n is this. */
#define CARI_NEAR_MAX 1000

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

/* ---- synonyms (synonyms.c) ---------------------------------------------- */

/* The members of the synonym group holding the phrase words[0..n) (each
 * normalized), or NULL.  *out_n gets the number of members; each member is
 * a string of normalized words separated by single spaces. */
const char *const *cari_synonyms_lookup(const cari_synonyms *s,
                                        char *const *words, size_t n,
                                        size_t *out_n);

/* The most words a synonym member may have. */
#define CARI_SYNONYM_WORDS 8

#endif
