/* The article ids a JSON Lines file gave so far, with their lines, to
 * name an id given twice. */
#ifndef CARI_INDEXER_SEEN_H
#define CARI_INDEXER_SEEN_H

#include <stddef.h>

typedef struct {
    char **ids;          /* open addressing, NULL: free */
    size_t *lines;
    size_t n, cap;
} seen_ids;

/* Records that line `line` gave `id` (copied) unless an earlier line
 * did.  Returns the first line that gave it (keeping that one), 0 for a
 * new id, or (size_t)-1 when out of memory (nothing recorded). */
size_t seen_put(seen_ids *s, const char *id, size_t line);

/* Frees everything; *s is empty again. */
void seen_free(seen_ids *s);

#endif
