/*
 * The recent-word cache (see cache.h).
 */
#include "cache.h"

#include "alloc.h"
#include "lexicon_hash.h"

#include <stdlib.h>
#include <string.h>

static struct sid_cache_entry *table(sid_cache *c)
{
    return c->e ? c->e : c->first;
}

static size_t slots(const sid_cache *c)
{
    return c->slots ? c->slots : SID_CACHE_FIRST;
}

static struct sid_cache_entry *slot(sid_cache *c, const char *word,
                                    size_t len)
{
    return &table(c)[sid_lexicon_hash(word, len) & (slots(c) - 1)];
}

void sid_cache_release(sid_cache *c)
{
    free(c->e);
    c->e = NULL;
    c->slots = 0;
}

/* Moves the cache to a table four times larger, keeping its words.  Stays
 * as it is when out of memory (a smaller cache is still a cache). */
static void grow(sid_cache *c)
{
    size_t old_n = slots(c), n = 4 * old_n;
    if (n > SID_CACHE_SLOTS)
        n = SID_CACHE_SLOTS;
    struct sid_cache_entry *e = sid_calloc(n, sizeof *e), *old = table(c);
    c->puts = 0;
    if (!e)
        return;
    for (size_t i = 0; i < old_n; i++)
        if (old[i].wlen)
            e[sid_lexicon_hash(old[i].word, old[i].wlen) & (n - 1)] = old[i];
    free(c->e);
    c->e = e;
    c->slots = n;
}

const char *sid_cache_get(sid_cache *c, const char *word, size_t len,
                          size_t *out_len)
{
    if (len == 0 || len >= SID_CACHE_KEY)
        return NULL;
    struct sid_cache_entry *e = slot(c, word, len);
    if (e->wlen != len || memcmp(e->word, word, len) != 0)
        return NULL;
    *out_len = e->slen;
    return e->stem;
}

void sid_cache_put(sid_cache *c, const char *word, size_t len,
                   const char *stem, size_t stem_len)
{
    if (len == 0 || len >= SID_CACHE_KEY || stem_len >= SID_CACHE_KEY)
        return;
    if (slots(c) < SID_CACHE_SLOTS && ++c->puts > 2 * slots(c))
        grow(c);
    struct sid_cache_entry *e = slot(c, word, len);
    e->wlen = (uint8_t)len;
    e->slen = (uint8_t)stem_len;
    memcpy(e->word, word, len);
    memcpy(e->stem, stem, stem_len);
    e->stem[stem_len] = '\0';
}
