/* The ids of a JSON Lines file seen so far: see seen.h. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "seen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a. */
static size_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

/* The slot of `id` in s: where it is, or the free slot where it goes. */
static size_t slot(const seen_ids *s, const char *id)
{
    size_t i = hash(id) & (s->cap - 1);
    while (s->ids[i] && strcmp(s->ids[i], id))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Doubles the table (16 slots at first).  Returns 0, or -1. */
static int grow(seen_ids *s)
{
    seen_ids g = {0};
    g.cap = s->cap ? 2 * s->cap : 16;
    g.ids = calloc(g.cap, sizeof *g.ids);
    g.lines = calloc(g.cap, sizeof *g.lines);
    if (!g.ids || !g.lines) {
        free(g.ids);
        free(g.lines);
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->ids[i])
            continue;
        size_t k = slot(&g, s->ids[i]);
        g.ids[k] = s->ids[i];
        g.lines[k] = s->lines[i];
    }
    g.n = s->n;
    free(s->ids);
    free(s->lines);
    *s = g;
    return 0;
}

size_t seen_put(seen_ids *s, const char *id, size_t line)
{
    if (2 * (s->n + 1) > s->cap && grow(s))
        return (size_t)-1;
    size_t k = slot(s, id);
    if (s->ids[k]) {
        return s->lines[k];
    }
    if (!(s->ids[k] = strdup(id)))
        return (size_t)-1;
    s->lines[k] = line;
    s->n++;
    return 0;
}

void seen_free(seen_ids *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->ids[i]);
    free(s->ids);
    free(s->lines);
    memset(s, 0, sizeof *s);
}
