/*
 * The recent-word cache (see cache.h).
 */
#include "cache.h"

#include "lexicon_hash.h"

#include <string.h>

static struct sid_cache_entry *slot(sid_cache *c, const char *word,
                                    size_t len)
{
    return &c->e[sid_lexicon_hash(word, len) & (SID_CACHE_SLOTS - 1)];
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
    struct sid_cache_entry *e = slot(c, word, len);
    e->wlen = (uint8_t)len;
    e->slen = (uint8_t)stem_len;
    memcpy(e->word, word, len);
    memcpy(e->stem, stem, stem_len);
    e->stem[stem_len] = '\0';
}
