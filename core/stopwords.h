/* Indonesian stopwords: dropped from ranked queries, and indexed without
 * positions (so the list is part of the index format: changing it means a
 * new CARI_FORMAT_VERSION in db.h). */
#ifndef CARI_STOPWORDS_H
#define CARI_STOPWORDS_H

#include <stddef.h>

/* Whether the normalized word term[0..len) is a stopword: a function word
 * or a question word (apa, siapakah, berapa, di mana, ...). */
int cari_is_stopword(const char *term, size_t len);

#endif
