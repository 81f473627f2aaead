/* Highlights and snippets of a passage. */
#ifndef CARI_SNIPPET_H
#define CARI_SNIPPET_H

#include "query.h"
#include "rankdata.h"

/* Fills hit->highlights (the words of `text` that the query matches, by
 * form or by stem) and hit->snippet with its highlights: a window of about
 * `words` words holding the most matches, with "…" where the passage was
 * cut.  hit->text must be set.  `rw`, the passage's rank data decoded
 * (or NULL), spares stemming the words that cannot match; the result is
 * the same with it as without.  Allocates the arrays and the snippet
 * (freed with the hit).  Returns CARI_OK or CARI_NOMEM. */
cari_status cari_mark_hit(cari_db *db, const cari_query *q, const cari_rank_words *rw,
                          unsigned words, cari_hit *hit);

#endif
