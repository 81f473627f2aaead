/* How words become index terms: shared by indexing, querying, snippets. */
#ifndef CARI_TERMS_H
#define CARI_TERMS_H

#include "stemmer_id.h"

#include <stddef.h>

/* Term prefixes (see the Overview in index.c). */
#define CARI_PREFIX_STEM "Z"        /* stem of a body word */
#define CARI_PREFIX_TITLE "S"       /* title word (only where it differs from its stem) */
#define CARI_PREFIX_TITLE_STEM "ZS" /* stem of a title word */
#define CARI_PREFIX_ARTICLE "A"     /* boolean: the passage's article id */
#define CARI_PREFIX_UID "Q"         /* boolean: article id "#" passage */
#define CARI_PREFIX_FOLDER "P"      /* boolean: each folder of the id, "a/" */

/* Value slots. */
#define CARI_SLOT_ARTICLE 0

/* Longest term we build; Xapian's limit is 245 bytes. */
#define CARI_TERM_MAX 240

/* Writes prefix + text into buf (at least CARI_TERM_MAX + 1 bytes),
 * NUL-terminated.  A result longer than CARI_TERM_MAX keeps its first
 * bytes and ends in a hash of the whole, so distinct long ids stay
 * distinct.  Returns the term's length. */
size_t cari_make_term(char *buf, const char *prefix, const char *text,
                      size_t len);

/* Whether word[0..len) is one of the n sorted, NUL-terminated strings of
 * v (bytewise order, as strcmp sorts), by binary search. */
int cari_sorted_has(const char *const *v, size_t n, const char *word, size_t len);

/* Stems the normalized word `term` with `stemmer`.  Returns the
 * stem (owned by the stemmer, valid until its next call) and its length in
 * *out_len, or NULL when out of memory. */
const char *cari_stem_term(stemmer_id *stemmer, const char *term, size_t len,
                           size_t *out_len);

#endif
