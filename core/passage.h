/* The passage splitter: see passage.c. */
#ifndef CARI_PASSAGE_H
#define CARI_PASSAGE_H

#include <stddef.h>

#define CARI_PASSAGE_WORDS 120   /* the most words a passage holds */

/* Called for each passage: byte range [start, end) of the paragraph, and
 * its number of words.  A non-zero return stops splitting. */
typedef int (*cari_passage_fn)(void *ctx, size_t start, size_t end,
                               size_t words);

/* Splits the paragraph `text` (`len` bytes) into passages of at most
 * `max_words` words, cutting at sentence ends where it can and between
 * words where a sentence is longer than that.  A paragraph of max_words or
 * fewer is one passage; one without words gives none.  Returns 0, the
 * callback's non-zero value, or a CARI_NOMEM status. */
int cari_split_passages(const char *text, size_t len, size_t max_words,
                        cari_passage_fn fn, void *ctx);

/* A passage's length as BM25 counts it: the tokens of its text[0..len)
 * and of its article's title (NULL: none). */
size_t cari_passage_words(const char *text, size_t len, const char *title);

#endif
