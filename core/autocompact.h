/* Automatic compaction after updates (issue 19): see autocompact.c. */
#ifndef CARI_AUTOCOMPACT_H
#define CARI_AUTOCOMPACT_H

/* The file in a local index folder that records the folder's bytes when
 * it was last written compactly (a fresh build or a compaction). */
#define CARI_COMPACT_NOTE "cari.compacted-bytes"

/* Records in the folder `dir`, about to be swapped in as a freshly
 * compacted index, how many bytes it holds.  Best effort: a note that
 * cannot be written only means no automatic compaction later. */
void cari_autocompact_note(const char *dir);

/* Whether the ordinary index folder `path`, just committed, should be
 * compacted: its files have grown by more than `percent` percent over the
 * size noted at its last compaction.  A folder without a note (or with a
 * malformed one) gets one with its present size and is not due. */
int cari_autocompact_due(const char *path, int percent);

#endif
