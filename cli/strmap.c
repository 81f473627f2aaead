/* A string-keyed hash map of indices: see strmap.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */
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
static size_t find(const cli_strmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key))
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Doubles the table (or creates it).  Returns 0 or -1. */
static int grow(cli_strmap *m)
{
    cli_strmap g = {.copies = m->copies};
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
    free(m->keys);
    free(m->vals);
    *m = g;
    return 0;
}

int cli_strmap_put(cli_strmap *m, const char *key, size_t val, size_t *old)
{
    /* Keep the load under 1/2 so that probes stay short. */
    if (2 * (m->n + 1) > m->cap && grow(m))
        return -1;
    size_t i = find(m, key);
    if (m->keys[i]) {
        if (old)
            *old = m->vals[i];
        return 1;
    }
    if (m->copies && !(key = strdup(key)))
        return -1;
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

int cli_strmap_get(const cli_strmap *m, const char *key, size_t *out)
{
    if (!m->cap)
        return 0;
    size_t i = find(m, key);
    if (!m->keys[i])
        return 0;
    *out = m->vals[i];
    return 1;
}

void cli_strmap_free(cli_strmap *m)
{
    for (size_t i = 0; m->copies && i < m->cap; i++)
        free((char *)m->keys[i]);
    free(m->keys);
    free(m->vals);
    *m = (cli_strmap){.copies = m->copies};
}
