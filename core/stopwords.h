/* Indonesian stopwords: dropped from ranked queries; the commonest of
 * them are indexed without positions. */
#ifndef CARI_STOPWORDS_H
#define CARI_STOPWORDS_H

#include <stddef.h>

/* Whether the normalized word term[0..len) is a stopword: a function word
 * or a question word (apa, siapakah, berapa, di mana, ...). */
int cari_is_stopword(const char *term, size_t len);

/* Whether the normalized word term[0..len) is indexed without positions:
 * a function word (yang, dan, untuk, ...) that, in a phrase, holds the
 * place of at most one word of any kind.  Part of the index format. */
int cari_is_positionless(const char *term, size_t len);

#endif
