/* Indonesian stopwords: dropped from ranked queries; the commonest of
 * them are indexed without positions. */
#ifndef CARI_STOPWORDS_H
#define CARI_STOPWORDS_H

#include <stddef.h>

/* Whether the normalized word term[0..len) is a stopword: a function word
 * or a question word (apa, siapakah, berapa, di mana, ...). */
int cari_is_stopword(const char *term, size_t len);

/* The stopword term[0..len) as a static NUL-terminated string, or NULL
 * when it is not a stopword. */
const char *cari_stopword(const char *term, size_t len);

/* The marked stem of stopword term[0..len): the word followed by
 * CARI_STEM_MARK (terms.h), a static string; NULL when it is not a
 * stopword.  It is the stem of content words whose root is a stopword
 * (memperoleh: oleh+), so that they never match the stopword itself. */
const char *cari_stopword_marked(const char *term, size_t len);

/* Whether the normalized word term[0..len) is indexed without positions:
 * a function word (yang, dan, untuk, ...) that, in a phrase, holds the
 * place of at most one word of any kind.  Part of the index format. */
int cari_is_positionless(const char *term, size_t len);

#endif
