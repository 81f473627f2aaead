/*
 * stemmer-id: an Indonesian stemmer built on Snowball's Indonesian algorithm.
 *
 * STEMMER_ID_FULL keeps a word that is itself a root, and otherwise peels
 * prefixes, suffixes, clitics and reduplication with the recodings of the
 * nasal prefixes, keeping a reading whose root is in a lexicon of Indonesian
 * roots (hunspell-id's, read at build time).  A hunspell entry is kept as
 * it is unless it is plainly derived (see entry_may_be_derived() in
 * stemmer_id.c: bare entries such as kepulauan, bound stems, belajar).  A
 * word with no such reading gets Snowball's answer, guarded: Snowball's cut
 * of a derivational suffix from an unknown word stands only with a prefix
 * and five letters left (emoji stays emoji).  Words shorter than 4 letters
 * and words with anything but lower-case ASCII letters and hyphens are left
 * as they are.
 *
 * The API follows libstemmer's: create a stemmer, stem words with it, destroy
 * it.  A stemmer object holds buffers that each call reuses, so one object
 * must not be used by two threads at once; create one per thread.
 *
 * Input words are expected lower-cased and in Unicode NFC (the tokenizer in
 * libcari produces exactly that).  Other input is stemmed as it is.
 */
#ifndef STEMMER_ID_H
#define STEMMER_ID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Only the stemmer_id_ functions are visible outside the library (it is
 * built with hidden visibility), should it end up in a shared object. */
#if defined(__GNUC__)
#define STEMMER_ID_API __attribute__((visibility("default")))
#else
#define STEMMER_ID_API
#endif

typedef struct stemmer_id stemmer_id;

/* Which algorithm a stemmer object applies. */
typedef enum {
    STEMMER_ID_FULL = 0,     /* stemmer-id: lexicon, recoding, clitics, ... */
    STEMMER_ID_SNOWBALL = 1, /* plain Snowball Indonesian, for comparison */
    STEMMER_ID_NONE = 2      /* identity: every word is its own stem */
} stemmer_id_mode;

/* Creates a stemmer applying `mode`.  Returns NULL when out of memory or when
 * libstemmer has no Indonesian algorithm.  Free it with stemmer_id_delete(). */
STEMMER_ID_API stemmer_id *stemmer_id_new(stemmer_id_mode mode);

/* The mode `s` was created with. */
STEMMER_ID_API stemmer_id_mode stemmer_id_get_mode(const stemmer_id *s);

/* Frees a stemmer and every result it returned.  NULL is allowed. */
STEMMER_ID_API void stemmer_id_delete(stemmer_id *s);

/* Stems `word` (`len` bytes, need not be NUL-terminated; may be NULL when
 * len is 0).  Returns the stem, NUL-terminated, and stores its length in
 * *out_len when out_len is not NULL.  The result is owned by the stemmer and
 * stays valid only until the next call on the same stemmer.  Returns NULL
 * only when out of memory. */
STEMMER_ID_API const char *stemmer_id_stem(stemmer_id *s, const char *word,
                                           size_t len, size_t *out_len);

/* Stems `word` as stemmer_id_stem() does, and stores in *out_rule a one-line
 * account of how the stem was reached (which rule fired, which affixes were
 * peeled, or why the word was left alone), e.g. "rules: -kan meny-:s
 * (attested)" for menyapukan: -kan cut, then meny- with the root's s put
 * back, and hunspell's flags say sapu takes meN-...-kan.
 * Bypasses the cache, so it is slower.  Both results are owned by the
 * stemmer and valid until the next call on it.  out_len and out_rule may be
 * NULL.  Returns NULL only when out of memory. */
STEMMER_ID_API const char *stemmer_id_stem_explain(stemmer_id *s,
                                                   const char *word,
                                                   size_t len, size_t *out_len,
                                                   const char **out_rule);

/* A short string naming the algorithm, its version and its lexicon, e.g.
 * "stemmer-id/4 lexicon=hunspell-id:31132+extra:25".  An index records it so that a
 * searcher can tell when its stemmer differs from the one that built the
 * index.  Owned by the stemmer; valid until stemmer_id_delete(). */
STEMMER_ID_API const char *stemmer_id_signature(const stemmer_id *s);

#ifdef __cplusplus
}
#endif

#endif /* STEMMER_ID_H */
