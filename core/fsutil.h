/* Filesystem steps of the index lifecycle: the writer lock, making a
 * finished build durable, swapping it in, removing leftovers. */
#ifndef CARI_FSUTIL_H
#define CARI_FSUTIL_H

#include <stddef.h>

/* Takes the exclusive writer lock of the index at `index_path` (the file
 * `index_path`.lock beside it), waiting up to `wait_seconds` (0: not at
 * all).  The lock file is opened without following symlinks and must be a
 * regular file with one name.  Returns the lock's file descriptor, -1 when
 * another process holds it (its pid in *out_holder when known, else 0), or
 * -2 on an I/O error or an unusable lock file (errno set; EPERM: not a
 * regular file, or one with other names; ELOOP: a symlink).  Release with
 * cari_unlock(). */
int cari_lock(const char *index_path, double wait_seconds, long *out_holder);

/* Releases the lock `fd` of the index at `index_path` and removes the lock
 * file, so that no run, finished or failed, leaves it behind.  fd < 0 is
 * fine. */
void cari_unlock(const char *index_path, int fd);

/* fsyncs every file below `dir`, then `dir` and its parent.  Returns 0 or
 * -1 (errno set). */
int cari_fsync_tree(const char *dir);

/* Removes `path` and everything below it (NULL: nothing).  Returns 0 or
 * -1 (errno set). */
int cari_remove_tree(const char *path);

/* Puts the finished build at `built` in place of `live` atomically:
 * readers opening `live` see either the old index or the new one, never
 * neither.  When `live` existed, the old index ends up at `built` (for the
 * caller to remove) and *out_swapped is set to 1.  Returns 0 or -1. */
int cari_swap_in(const char *built, const char *live, int *out_swapped);

/* Whether the folder `path` has no entries (0 when it cannot be read). */
int cari_dir_is_empty(const char *path);

/* Removes leftovers of killed or failed runs: the `index_path`.new-*
 * folders beside the index, and Xapian's unfinished version file
 * `index_path`/v.tmp.  Call only while holding the writer lock, with the
 * index closed or between commits. */
void cari_remove_leftovers(const char *index_path);

/* Whether the folder `path` holds a Xapian database (a file named
 * iamglass or iamchert in it). */
int cari_is_xapian_dir(const char *path);

/* Copies the files of the database folder `src` (flat: Xapian's tables,
 * not its lock file) into a new folder `dst`, without syncing (the
 * commit that follows makes them durable).  Returns 0 or -1 (errno set;
 * `dst` may be left half made). */
int cari_copy_database(const char *src, const char *dst);

/* The disk space (allocated blocks) of the files under `path`, symbolic
 * links not followed; what cannot be read counts 0.  Keeps no state, so
 * threads may call it at once. */
unsigned long long cari_tree_bytes(const char *path);

/* Reads the whole file at `path` into a malloc'd buffer stored in *out
 * (the caller frees it), its length in *out_len.  Returns 0, or an errno
 * value: the system's for a file that cannot be opened or read, ENOMEM. */
int cari_read_file(const char *path, char **out, size_t *out_len);

#endif
