/* Indexing one article into a writer's database (index.c). */
#ifndef CARI_INDEX_H
#define CARI_INDEX_H

#include "store.h"

/* Length normalization at index time (format 6, see index.c): each word
 * adds its passage's length weight to its terms' wdf, so a wdf is a
 * length-normalized frequency in units of 1/CARI_WDF_SCALE, normalized
 * with the index's b around a passage of CARI_LENGTH_PIVOT words. */
#define CARI_WDF_SCALE 16
#define CARI_LENGTH_PIVOT 80.0

/* A passage's length as BM25 counts it: the tokens of its text[0..len)
 * and of its article's title (NULL: none). */
size_t cari_passage_words(const char *text, size_t len, const char *title);

/* Adds or updates the article `id` in the store, reading its text through
 * `read`: with `title` given (find_title 0) or found in the text
 * (find_title 1).  `hash` (NULL: none) identifies the content; an article
 * recorded with the same hash is left alone.  The path every cari_add_*()
 * function ends in, on the caller's thread or on a build worker's.
 * Returns a status; the message is in db. */
cari_status cari_index_article(cari_store *db, const char *id, const char *title,
                               int find_title, const char *hash,
                               cari_read_fn read, void *ctx, cari_added *out);

/* Removes the article `id` from the store (passages and record). */
cari_status cari_unindex_article(cari_store *db, const char *id);

#endif
