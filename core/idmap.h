/* A map from article ids to small numbers (a build worker's segment that
 * holds each article), keyed by a 64-bit hash of the id so that it costs
 * 16 bytes an article whatever the ids' lengths.  Two ids with the same
 * hash share an entry: callers must treat a hit as "probably". */
#ifndef CARI_IDMAP_H
#define CARI_IDMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *keys;     /* hash | 1 (so never 0), 0 for an empty slot */
    unsigned *values;
    size_t n, cap;      /* cap is 0 or a power of two */
} cari_idmap;

/* The value recorded for `id`, or -1 when none. */
long cari_idmap_get(const cari_idmap *m, const char *id);

/* Records `value` for `id`, replacing any earlier one.  Returns 0, or -1
 * when out of memory (the map is unchanged then). */
int cari_idmap_put(cari_idmap *m, const char *id, unsigned value);

/* Frees the map's memory; it is empty and reusable afterwards. */
void cari_idmap_clear(cari_idmap *m);

#endif
