/* How an article's metadata is stored with each of its passages (see the
 * Overview in index.c). */
#ifndef CARI_METAINDEX_H
#define CARI_METAINDEX_H

#include "meta.h"
#include "store.h"

/* Value slots (slot 0 is the article id: terms.h). */
#define CARI_SLOT_DATE 1        /* sortable_serialise(seconds since 1970) */
#define CARI_SLOT_FACETS 2      /* what facets count (format 14): on the
                                   first passage of each run of an
                                   article's passages in document id order
                                   only (a run: ids one after another),
                                   the article id, a NUL, then its facet
                                   fields separated by CARI_FACET_SEP in
                                   the order of enum cari_facet_field
                                   (nothing when it has none); so that a
                                   match's article and facets are those of
                                   the last such value at or before it */
#define CARI_SLOT_RUN 5         /* the passage's distance to the first of
                                   its run, in decimal (format 14): "0" on
                                   those of CARI_SLOT_FACETS, and on every
                                   XC_RUN_STEP-th passage of a run, so that
                                   the run start of a match is found near
                                   it (xc_search_opts) */
/* The time keys of --recent (format 13): sortable_serialise of the hours
 * since 1970, and of the days since 1970 in WIB (cari_meta_time_key()),
 * so that a value map from key to bonus, which a remote shard's stock
 * server runs, expresses the decay (xc_search_opts). */
#define CARI_SLOT_HOUR 3
#define CARI_SLOT_DAY 4
#define CARI_FACET_SEP '\x1f'
enum cari_facet_field {
    CARI_FACET_SOURCE,          /* the source as written */
    CARI_FACET_CATEGORIES,      /* the categories, '\n' between them */
    CARI_FACET_YEAR,            /* the year in the date's zone, "2025" */
    CARI_FACET_AUTHORS,         /* the authors, '\n' between them */
    CARI_FACET_FIELDS
};

/* Boolean terms: the prefix and the value's words, normalized
 * (cari_meta_term()). */
#define CARI_PREFIX_SOURCE "XS"
#define CARI_PREFIX_AUTHOR "XA"
#define CARI_PREFIX_CATEGORY "XC"
#define CARI_PREFIX_LANG "XL"
/* On every passage of a dated article: "XD" and its year ("XD2025") and
 * "XD" and its month ("XD202501"), both in WIB (UTC+7), so that a date
 * range is mostly an OR of boolean terms (cari_meta_date_filter()). */
#define CARI_PREFIX_DATE "XD"
#define CARI_DATE_TERM_ZONE 420   /* minutes east of UTC */
/* On an article's first passage only: "XF" and a letter for each field it
 * has (d u s a c l), so that a term's frequency counts articles. */
#define CARI_PREFIX_HAS "XF"

/* The time key of `seconds` (since 1970): the hours since 1970, or with
 * `daily` the days since 1970 in the date terms' zone (WIB). */
long long cari_meta_time_key(long long seconds, int daily);

/* Makes m ready to be stored with the passages of article `id`: drops a
 * date more than a day after `now` (seconds since 1970) with a warning
 * through the store, and encodes m into *out_blob (malloc'd, its length in
 * *out_len; "" when m is empty).  Returns a status (CARI_NOMEM). */
cari_status cari_meta_settle(cari_store *db, const char *id, cari_meta_fields *m,
                             long long now, char **out_blob, size_t *out_len);

/* The values and terms every passage of an article gets from its
 * metadata, made at its first passage and copied to the others (so that
 * its values are normalized and tokenized once).  Zero it before the
 * article's first passage; cari_meta_stamp_free() frees it. */
typedef struct {
    char *buf;          /* records: kind ('T' term, 'V' value), slot,
                           length, bytes */
    size_t len, cap;
    int made;           /* buf holds them all */
    int failed;         /* out of memory: made afresh for every passage */
} cari_meta_stamp;
void cari_meta_stamp_free(cari_meta_stamp *s);

/* Adds the values and terms of m to the document of passage number
 * `passage` of article `id`, through the article's stamp s; with
 * `run_start` (the passage may not follow the article's previous passage
 * directly in document id order) also its CARI_SLOT_FACETS value; without
 * it, passage 1 of the article must have started the run. Xapian's errors
 * (and running out of memory) go to *err. */
void cari_meta_index(xc_doc *doc, const char *id, const cari_meta_fields *m,
                     cari_meta_stamp *s, unsigned passage, int run_start, xc_err **err);

/* The metadata field a query word starts with ("sumber:" or "source:",
 * "penulis:"/"author:", "kategori:"/"category:", "bahasa:"/"lang:", in any
 * case): its filter term prefix (CARI_PREFIX_*), the field's length with
 * its colon in *out_len; NULL when text[0..len) starts with none. */
const char *cari_meta_query_field(const char *text, size_t len, size_t *out_len);

/* Whether text[0..len) is one of those fields' names with its colon
 * ("sumber:"), in any case. */
int cari_meta_field_name(const char *text, size_t len);

/* The group (0 to CARI_META_FILTERS - 1) of a filter term prefix: filters
 * of one group are OR-ed, groups AND-ed. */
#define CARI_META_FILTERS 4
int cari_meta_filter_group(const char *prefix);

/* The filters of opts (since, until, source, author, category, lang) as
 * one query in *out (NULL when there are none).  Returns a status. */
cari_status cari_meta_filter_query(cari_db *db, const cari_search_options *opts,
                                   xc_query **out);

/* The passages published from `lo` to `hi` (seconds since 1970, both
 * included; has_lo/has_hi 0: no bound), as one boolean query in *out: the
 * year and month terms of the months wholly inside the range, OR-ed, and
 * for a month the range cuts, its term filtered by a value range on the
 * date slot; the whole range as a value range when the index holds no
 * dates.  Xapian skips through terms where a value range alone makes it
 * read the date of every matching passage.  Returns a status. */
cari_status cari_meta_date_filter(cari_db *db, int has_lo, long long lo, int has_hi,
                                  long long hi, xc_query **out);

/* The field (enum cari_facet_field) of a facet name ("source"/"sumber",
 * "category"/"kategori", "year"/"tahun", "author"/"penulis") of len bytes,
 * with its English name in *out_name; -1 for another name. */
int cari_meta_facet_field(const char *name, size_t len, const char **out_name);

/* The value that a sortable date slot holds for `seconds`, into out (at
 * least 16 bytes).  Returns its length. */
size_t cari_meta_date_value(long long seconds, char *out);

#endif
