/* The document data of a passage: what a hit shows, in one read. */
#ifndef CARI_DOCDATA_H
#define CARI_DOCDATA_H

#include <stddef.h>

/* A decoded passage record.  Pointers point into the data decoded. */
typedef struct {
    unsigned passage;
    const char *article;
    size_t article_len;
    const char *title;       /* NULL when the article has none */
    size_t title_len;
    const char *meta;        /* the article's metadata (meta.h's encoding) */
    size_t meta_len;
    const char *text;
    size_t text_len;
} cari_docdata;

/* Encodes a passage: "P A T M\n" (passage number, article id length,
 * title length or "-" for none, metadata length) followed by the id, the
 * title, the metadata and the text, so every part may hold any byte.
 * Returns a malloc'd buffer (its length in *out_len), or NULL when out of
 * memory. */
char *cari_docdata_encode(unsigned passage, const char *article, const char *title,
                          const char *meta, size_t meta_len, const char *text,
                          size_t text_len, size_t *out_len);

/* Decodes data[0..len).  Returns 0, or -1 when it is not a passage
 * record. */
int cari_docdata_decode(const char *data, size_t len, cari_docdata *out);

#endif
