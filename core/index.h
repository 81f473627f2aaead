/* Indexing one article into a writer's database (index.c). */
#ifndef CARI_INDEX_H
#define CARI_INDEX_H

#include "db.h"

/* Length normalization at index time (format 6, see index.c): a word adds
 * cari_length_weight(b, words in its passage) to its terms' wdf, so a wdf
 * is a length-normalized frequency in units of 1/CARI_WDF_SCALE,
 * normalized with the index's b around a passage of CARI_LENGTH_PIVOT
 * words. */
#define CARI_WDF_SCALE 16
#define CARI_LENGTH_PIVOT 80.0

/* The wdf each word of a passage of `words` words (title words included)
 * adds to its terms, at BM25's b. */
unsigned cari_length_weight(double b, size_t words);

/* Adds or updates the article `id` in db->w, reading its text through
 * `read`: with `title` given (find_title 0) or found in the text
 * (find_title 1).  `hash` (NULL: none) identifies the content; an article
 * recorded with the same hash is left alone.  The path every cari_add_*()
 * function ends in, on the caller's thread or on a build worker's.
 * Returns a status; the message is in db. */
cari_status cari_index_article(cari_db *db, const char *id, const char *title,
                               int find_title, const char *hash,
                               cari_read_fn read, void *ctx, cari_added *out);

/* Removes the article `id` from db->w (passages and record). */
cari_status cari_unindex_article(cari_db *db, const char *id);

#endif
