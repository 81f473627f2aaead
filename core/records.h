/* Article records: what the index remembers about each article. */
#ifndef CARI_RECORDS_H
#define CARI_RECORDS_H

#include "db.h"

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
cari_status cari_record_put(cari_db *db, const char *id, const char *hash,
                            size_t passages, const char *group);

/* Deletes the record of `id`.  Returns a status. */
cari_status cari_record_delete(cari_db *db, const char *id);

/* Reads the hash recorded for `id` into out (CARI_HASH_LEN + 1 bytes) and
 * its passage count into *out_passages (may be NULL); sets *out_found to
 * 1 when there is a record, else 0.  Returns a status (message in db). */
cari_status cari_record_hash(cari_db *db, const char *id, char *out,
                             size_t *out_passages, int *out_found);

#endif
