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

/* What the text read for an article is. */
enum {
    CARI_FORMAT_ARTICLE = 0, /* paragraphs; the title given apart */
    CARI_FORMAT_TEXT = 1,    /* the article format: front matter, title line */
    CARI_FORMAT_HTML = 2     /* a saved web page (html.h) */
};

/* Adds or updates the article `id` in the store, reading its content
 * through `read` in `format` (CARI_FORMAT_*), with `title` (NULL: none or
 * found in the content) and `meta` (NULL: none; the content's own
 * metadata, front matter or the page's, goes over it).  `hash` (NULL:
 * none) identifies the content; an article recorded with the same hash is
 * left alone.  The path every cari_add_*() function ends in, on the
 * caller's thread or on a build worker's.  Returns a status; the message
 * is in the store. */
cari_status cari_index_article(cari_store *db, const char *id, const char *title,
                               int format, const cari_meta *meta, const char *hash,
                               cari_read_fn read, void *ctx, cari_added *out);

/* Removes the article `id` from the store (passages and record). */
cari_status cari_unindex_article(cari_store *db, const char *id);

#endif
