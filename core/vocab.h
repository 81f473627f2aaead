/* A counted set of words: the spelling vocabulary a writer collects and
 * hands to Xapian once per word at commit, instead of once per
 * occurrence. */
#ifndef CARI_VOCAB_H
#define CARI_VOCAB_H

#include <stddef.h>

typedef struct {
    char **keys;        /* NUL-terminated words, NULL for empty slots */
    unsigned *counts;
    size_t n, cap;      /* cap is a power of two */
} cari_vocab;

/* Counts one occurrence of word[0..len).  Returns 0, or -1 when out of
 * memory (the vocabulary is unchanged then). */
int cari_vocab_add(cari_vocab *v, const char *word, size_t len);

/* Calls fn for every word with its count; stops at a non-zero return,
 * which it returns. */
int cari_vocab_each(const cari_vocab *v,
                    int (*fn)(void *ctx, const char *word, unsigned count),
                    void *ctx);

/* Frees every word; the vocabulary is empty and reusable afterwards. */
void cari_vocab_clear(cari_vocab *v);

#endif
