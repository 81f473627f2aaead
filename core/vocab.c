/* A counted set of words, open addressing with linear probing: see
 * vocab.h. */
#include "vocab.h"
#include "alloc.h"

#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t n)
{
    return cari_fnv1a(CARI_FNV_BASIS, s, n);
}

/* Doubles the table.  Returns 0 or -1. */
static int grow(cari_vocab *v)
{
    size_t cap = v->cap ? 2 * v->cap : 1024;
    char **keys = cari_calloc(cap, sizeof *keys);
    unsigned *counts = cari_calloc(cap, sizeof *counts);
    if (!keys || !counts) {
        free(keys);
        free(counts);
        return -1;
    }
    for (size_t i = 0; i < v->cap; i++) {
        if (!v->keys[i])
            continue;
        size_t j = hash(v->keys[i], strlen(v->keys[i])) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = v->keys[i];
        counts[j] = v->counts[i];
    }
    free(v->keys);
    free(v->counts);
    v->keys = keys;
    v->counts = counts;
    v->cap = cap;
    return 0;
}

int cari_vocab_add(cari_vocab *v, const char *word, size_t len)
{
    if ((v->n + 1) * 4 > v->cap * 3 && grow(v))
        return -1;
    size_t j = hash(word, len) & (v->cap - 1);
    while (v->keys[j]) {
        if (!strncmp(v->keys[j], word, len) && !v->keys[j][len]) {
            v->counts[j]++;
            return 0;
        }
        j = (j + 1) & (v->cap - 1);
    }
    char *copy = cari_malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, word, len);
    copy[len] = '\0';
    v->keys[j] = copy;
    v->counts[j] = 1;
    v->n++;
    return 0;
}

int cari_vocab_each(const cari_vocab *v,
                    int (*fn)(void *ctx, const char *word, unsigned count), void *ctx)
{
    for (size_t i = 0; i < v->cap; i++)
        if (v->keys[i]) {
            int rc = fn(ctx, v->keys[i], v->counts[i]);
            if (rc)
                return rc;
        }
    return 0;
}

void cari_vocab_clear(cari_vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        free(v->keys[i]);
    free(v->keys);
    free(v->counts);
    memset(v, 0, sizeof *v);
}
