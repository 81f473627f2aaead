/* What libcari does when Xapian cannot recover from a failed write: see
 * cari_set_fatal_handler() in cari.h. */
#ifndef CARI_FATAL_H
#define CARI_FATAL_H

/* Records that this process holds the writer lock of the index at
 * `index_path` (kept, not copied: it must outlive the untrack), so that a
 * fatal failure removes its unfinished builds and its lock file.  Installs
 * the fatal handler on first use.  Returns 0, or -1 when out of memory
 * (the index is then simply not cleaned up by a fatal failure). */
int cari_fatal_track(const char *index_path);

/* Forgets `index_path` (the same pointer given to cari_fatal_track()). */
void cari_fatal_untrack(const char *index_path);

#endif
