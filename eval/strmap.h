/* A string-keyed hash map of indices (open addressing, linear probing). */
#ifndef EVAL_STRMAP_H
#define EVAL_STRMAP_H

#include <stddef.h>

/* Zero-initialise to get an empty map.  Keys are not copied: they must
 * outlive the map. */
typedef struct {
    const char **keys;   /* NULL marks a free slot */
    size_t *vals;
    size_t cap;          /* a power of two, or 0 */
    size_t n;
} eval_strmap;

/* Maps `key` to `val` unless the key is already there (then the old value
 * stays).  Returns 0 when added, 1 when the key was already there, -1 when
 * out of memory. */
int eval_strmap_put(eval_strmap *m, const char *key, size_t val);

/* Stores the value of `key` in *out and returns 1, or returns 0 when the
 * key is absent. */
int eval_strmap_get(const eval_strmap *m, const char *key, size_t *out);

/* Frees the map's arrays (not the keys) and empties it. */
void eval_strmap_free(eval_strmap *m);

#endif
