/* Article records: what the index remembers about each article. */
#ifndef CARI_RECORDS_H
#define CARI_RECORDS_H

#include "store.h"

/* Metadata key prefix of article records. */
#define CARI_META_ARTICLE "a:"

/* A parsed record.  Pointers point into the value it was parsed from. */
typedef struct {
    char hash[CARI_HASH_LEN + 1];
    size_t passages;
    const char *group;
    size_t group_len;
    const char *id;
    size_t id_len;
} cari_record;

/* Parses a record's value.  Returns 0, or -1 when it is malformed. */
int cari_record_parse(const char *value, size_t len, cari_record *out);

/* Writes the record of article `id` in the writer's open transaction.
 * Returns a status (message in db). */
cari_status cari_record_put(cari_store *db, const char *id, const char *hash,
                            size_t passages, const char *group);

/* Deletes the record of `id`.  Returns a status. */
cari_status cari_record_delete(cari_store *db, const char *id);

/* Reads the hash recorded for `id` into out (CARI_HASH_LEN + 1 bytes) and
 * its passage count into *out_passages (may be NULL); sets *out_found to
 * 1 when there is a record, else 0.  Returns a status (message in db). */
cari_status cari_record_hash(cari_store *db, const char *id, char *out,
                             size_t *out_passages, int *out_found);

/* Calls `fn` for the article of every well-formed record of the database
 * open for writing `w` (uncommitted changes included) or else for
 * reading `r`, in id order; counts malformed records in *out_bad (may be
 * NULL).  Returns CARI_OK, CARI_ERROR when fn stopped the walk, or
 * another status (message in e, naming `name`). */
cari_status cari_record_list(cari_error *e, const char *name, xc_wdb *w, xc_rdb *r,
                             cari_article_fn fn, void *ctx, size_t *out_bad);

#endif
