/*
 * A cache of recent words and their stems: direct-mapped, fixed size, for
 * the short words that make up nearly all running text.  Text repeats its
 * words (Zipf), so most calls are answered here without any lexicon probe.
 */
#ifndef STEMMER_ID_CACHE_H
#define STEMMER_ID_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define SID_CACHE_SLOTS 8192 /* the most slots; a power of two */
#define SID_CACHE_FIRST 256  /* the slots it starts with; a power of two */
#define SID_CACHE_KEY 24     /* words and stems shorter than this are kept */

struct sid_cache_entry {
    uint8_t wlen; /* 0: empty */
    uint8_t slen;
    char word[SID_CACHE_KEY];
    char stem[SID_CACHE_KEY]; /* NUL-terminated */
};

/* The cache starts small and grows fourfold, up to SID_CACHE_SLOTS, each
 * time it has taken twice as many words as it has slots: a process that
 * stems a few hundred words (one query) touches a few pages instead of
 * the 400 KB of the full table, and a long run soon has all of it.  A
 * zeroed sid_cache (calloc) is an empty one; free it with
 * sid_cache_release() and then free(). */
typedef struct {
    struct sid_cache_entry *e; /* NULL: `first` */
    size_t slots;              /* 0: SID_CACHE_FIRST */
    size_t puts;               /* words taken since the last growth */
    struct sid_cache_entry first[SID_CACHE_FIRST];
} sid_cache;

/* Frees what the cache allocated as it grew (not the sid_cache itself). */
void sid_cache_release(sid_cache *c);

/* Returns the cached stem of `word` (NUL-terminated, owned by the cache,
 * valid until the next sid_cache_put) and its length in *out_len, or NULL
 * when the word is not cached. */
const char *sid_cache_get(sid_cache *c, const char *word, size_t len,
                          size_t *out_len);

/* Remembers that `word` stems to `stem`, evicting whatever shared its slot.
 * Words or stems too long to keep are ignored. */
void sid_cache_put(sid_cache *c, const char *word, size_t len,
                   const char *stem, size_t stem_len);

#endif
