/*
 * The hash shared by the lexicon generator (lexgen.c, at build time) and the
 * lexicon lookup (lexicon.c, at run time).  Both sides must agree bit for
 * bit, so it lives in one place.
 */
#ifndef STEMMER_ID_LEXICON_HASH_H
#define STEMMER_ID_LEXICON_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over `len` bytes of `s`. */
static inline uint32_t sid_lexicon_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
