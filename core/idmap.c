/* Article id -> small number, by 64-bit hash: see idmap.h. */
#include "idmap.h"
#include "alloc.h"

#include "hash.h"

#include <stdlib.h>
#include <string.h>

/* The id's hash, with the low bit set so that no key is 0. */
static uint64_t key_of(const char *id)
{
    return cari_id_hash(id) | 1;
}

/* The slot of `key` in m (its entry, or the empty slot where it would
 * go); m->cap must be non-zero. */
static size_t slot_of(const cari_idmap *m, uint64_t key)
{
    size_t mask = m->cap - 1, i = (size_t)(key ^ (key >> 32)) & mask;
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

long cari_idmap_get(const cari_idmap *m, const char *id)
{
    if (!m->cap)
        return -1;
    size_t i = slot_of(m, key_of(id));
    return m->keys[i] ? (long)m->values[i] : -1;
}

/* Doubles the table (at least 1024 slots).  Returns 0, or -1 when out of
 * memory (m unchanged). */
static int grow(cari_idmap *m)
{
    cari_idmap bigger = {0};
    bigger.cap = m->cap ? 2 * m->cap : 1024;
    bigger.keys = cari_calloc(bigger.cap, sizeof *bigger.keys);
    bigger.values = cari_malloc(bigger.cap * sizeof *bigger.values);
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = slot_of(&bigger, m->keys[i]);
            bigger.keys[j] = m->keys[i];
            bigger.values[j] = m->values[i];
        }
    bigger.n = m->n;
    free(m->keys);
    free(m->values);
    *m = bigger;
    return 0;
}

int cari_idmap_put(cari_idmap *m, const char *id, unsigned value)
{
    if ((m->n + 1) * 2 > m->cap && grow(m))
        return -1;
    uint64_t key = key_of(id);
    size_t i = slot_of(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    m->values[i] = value;
    return 0;
}

void cari_idmap_clear(cari_idmap *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}
