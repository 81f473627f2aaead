/* A string-keyed hash map of indices: see strmap.h. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a, 64 bits. */
static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot holding `key`, or the free slot where it would go. */
static size_t find(const eval_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key))
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Doubles the table (or creates it).  Returns 0 or -1. */
static int grow(eval_strmap *m)
{
    eval_strmap g = {0};
    g.cap = m->cap ? 2 * m->cap : 64;
    g.keys = calloc(g.cap, sizeof *g.keys);
    g.vals = malloc(g.cap * sizeof *g.vals);
    if (!g.keys || !g.vals) {
        free(g.keys);
        free(g.vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = find(&g, m->keys[i]);
            g.keys[j] = m->keys[i];
            g.vals[j] = m->vals[i];
        }
    }
    g.n = m->n;
    eval_strmap_free(m);
    *m = g;
    return 0;
}

int eval_strmap_put(eval_strmap *m, const char *key, size_t val)
{
    /* Keep the load under 1/2 so that probes stay short. */
    if (2 * (m->n + 1) > m->cap && grow(m))
        return -1;
    size_t i = find(m, key);
    if (m->keys[i])
        return 1;
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

int eval_strmap_get(const eval_strmap *m, const char *key, size_t *out)
{
    if (!m->cap)
        return 0;
    size_t i = find(m, key);
    if (!m->keys[i])
        return 0;
    *out = m->vals[i];
    return 1;
}

void eval_strmap_free(eval_strmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
