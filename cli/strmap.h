/* A string-keyed hash map of indices (open addressing, linear probing),
 * for the programs: the eval's passage and question ids, the indexer's
 * JSON Lines ids. */
#ifndef CARI_CLI_STRMAP_H
#define CARI_CLI_STRMAP_H

#include <stddef.h>

/* Zero-initialise to get an empty map whose keys are the caller's (they
 * must outlive the map); set `copies` to 1 first for a map that copies
 * each key it adds and frees the copies. */
typedef struct {
    const char **keys;   /* NULL marks a free slot */
    size_t *vals;
    size_t cap;          /* a power of two, or 0 */
    size_t n;
    int copies;          /* 1: the keys are the map's copies */
} cli_strmap;

/* Maps `key` to `val` unless the key is already there (then the old value
 * stays, and *old, when not NULL, is set to it).  Returns 0 when added, 1
 * when the key was already there, -1 when out of memory (nothing added). */
int cli_strmap_put(cli_strmap *m, const char *key, size_t val, size_t *old);

/* Stores the value of `key` in *out and returns 1, or returns 0 when the
 * key is absent. */
int cli_strmap_get(const cli_strmap *m, const char *key, size_t *out);

/* Frees the map's arrays (and its copies of the keys) and empties it;
 * `copies` stays as it was. */
void cli_strmap_free(cli_strmap *m);

#endif
