/* An article's metadata while it is read: where it was published, when,
 * by whom, under which categories. */
#ifndef CARI_META_H
#define CARI_META_H

#include "date.h"

#include <stddef.h>

/* Most authors or categories kept per article (more are dropped with a
 * warning), and the longest value kept (longer ones are cut). */
#define CARI_META_LIST_MAX 32
#define CARI_META_VALUE_MAX 1024

/* Metadata fields, each owned by the struct (free with cari_meta_clear()). */
typedef struct {
    char *title;             /* NULL: none (the text's own title rules) */
    int has_date;
    cari_date date;
    char *url, *source, *lang; /* NULL: none */
    char **authors;
    size_t n_authors;
    char **categories;
    size_t n_categories;
} cari_meta_fields;

/* Which field a key names ("date", "sumber", "authors"...), for front
 * matter and JSON Lines alike. */
typedef enum {
    CARI_FIELD_NONE, CARI_FIELD_TITLE, CARI_FIELD_DATE, CARI_FIELD_URL,
    CARI_FIELD_SOURCE, CARI_FIELD_AUTHORS, CARI_FIELD_CATEGORIES, CARI_FIELD_LANG
} cari_field;

/* The field `key` (case-insensitive; Indonesian and English names, singular
 * and plural) names, CARI_FIELD_NONE for any other key. */
cari_field cari_meta_field(const char *key, size_t len);

/* Sets field f (not DATE) from value[0..len): white space around it
 * trimmed, cut at CARI_META_VALUE_MAX bytes; a list field gains one item
 * (at most CARI_META_LIST_MAX, duplicates ignored) and a single field is
 * replaced.  An empty value is ignored.  Returns 0, 1 when a list was
 * full (the value dropped), or -1 when out of memory. */
int cari_meta_set(cari_meta_fields *m, cari_field f, const char *value, size_t len);

/* Parses value[0..len) as a date (date.h) into m.  Returns the
 * cari_date_parse() result: on failure m's date is left as it was. */
int cari_meta_set_date(cari_meta_fields *m, const char *value, size_t len);

/* Frees every field and zeroes m.  NULL is allowed. */
void cari_meta_clear(cari_meta_fields *m);

#endif
