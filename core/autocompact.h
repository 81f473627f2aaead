/* Automatic compaction after updates (issue 19): see autocompact.c. */
#ifndef CARI_AUTOCOMPACT_H
#define CARI_AUTOCOMPACT_H

#include "db.h"

/* The file in a local index folder that records the folder's bytes when
 * it was last written compactly (a fresh build or a compaction). */
#define CARI_COMPACT_NOTE "cari.compacted-bytes"

/* Records in the folder `dir`, about to be swapped in as a freshly
 * compacted index, how many bytes it holds.  Best effort: a note that
 * cannot be written only means no automatic compaction later. */
void cari_autocompact_note(const char *dir);

/* Called after an update's commit: compacts db's index (cari_compact())
 * when its files have grown by more than $CARI_AUTOCOMPACT percent
 * (default 10; 0 turns it off) over the size noted at its last
 * compaction.  An index without a note gets one with its present size.
 * Returns CARI_OK, or cari_compact()'s status, with a message saying the
 * update is committed (the index is then as committed, uncompacted). */
cari_status cari_autocompact(cari_db *db);

#endif
