/* Indonesian stopwords, dropped from ranked queries (never from the index). */
#ifndef CARI_STOPWORDS_H
#define CARI_STOPWORDS_H

#include <stddef.h>

/* Whether the normalized word term[0..len) is a stopword: a function word
 * or a question word (apa, siapakah, berapa, di mana, ...). */
int cari_is_stopword(const char *term, size_t len);

#endif
