/* An article's metadata while it is read: where it was published, when,
 * by whom, under which categories. */
#ifndef CARI_META_H
#define CARI_META_H

#include "cari.h"
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

/* Sets every field of src (the public form) in m, over what m has:
 * values as cari_meta_set() takes them.  Returns as cari_meta_set(). */
int cari_meta_merge(cari_meta_fields *m, const cari_meta *src);

/* The public view of m (its pointers point into m; the title is not
 * part of it). */
void cari_meta_view(const cari_meta_fields *m, cari_meta *out);

/* Whether m has any field other than the title. */
int cari_meta_any(const cari_meta_fields *m);

/* Encodes m (title aside) as the metadata part of a passage's data: one
 * line per value, "d\tSECONDS OFFSET HAS_TIME", "u\tURL", "s\tSOURCE",
 * "l\tLANG", "a\tAUTHOR" and "c\tCATEGORY" (repeated); values never hold
 * a tab or a line end (cari_meta_set() makes them spaces).  Returns a
 * malloc'd string ("" for no metadata; its length in *out_len), or NULL
 * when out of memory. */
char *cari_meta_encode(const cari_meta_fields *m, size_t *out_len);

/* Decodes blob[0..len) into m (empty first).  Returns 0, -1 when out of
 * memory or malformed. */
int cari_meta_decode(const char *blob, size_t len, cari_meta_fields *m);

/* The boolean filter term for a value of a field: `prefix` and the
 * value's words as the tokenizer normalizes them (case-folded), joined by
 * one space ("XSkabar lebakjati"), into term (CARI_TERM_MAX + 1 bytes).
 * Returns its length, 0 when the value has no word. */
size_t cari_meta_term(char *term, const char *prefix, const char *value, size_t len);

#endif
