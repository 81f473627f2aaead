/* The metadata keys of a JSON Lines article: date, url, source,
 * author(s), category(ies), lang. */
#ifndef CARI_INDEXER_JSONMETA_H
#define CARI_INDEXER_JSONMETA_H

#include "cari.h"

#include <jansson.h>

#define JSONMETA_LIST_MAX 32      /* authors or categories kept */
#define JSONMETA_WARNINGS 6       /* problems reported per line */

typedef struct {
    cari_meta meta;               /* points into the JSON object and here */
    const char *authors[JSONMETA_LIST_MAX];
    const char *categories[JSONMETA_LIST_MAX];
    char warnings[JSONMETA_WARNINGS][200];
    size_t n_warnings;
} jsonmeta;

/* Reads the metadata keys of `obj` into *out.  A key of the wrong type (a
 * number for "date", an object for "source"), a date that cannot be read
 * or list items that are not strings get a warning in out->warnings and
 * are left out; the article keeps the rest.  The strings stay owned by
 * obj. */
void jsonmeta_read(json_t *obj, jsonmeta *out);

/* Adds a warning (printf-style) to m, when there is room. */
void jsonmeta_warn(jsonmeta *m, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
