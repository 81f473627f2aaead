/*
 * Automatic compaction after updates.
 *
 * Xapian writes a changed B-tree block to a new place and frees the old
 * one only for later commits, and a compacted table has no room left in
 * its blocks, so the first update after a build splits blocks all over:
 * a 1% update grew the benchmark's index by a third (bench/README.md).
 * Rather than leave that to a hand-run `cari-indexer --compact`, the
 * commit of an update compares the index's bytes with those noted when it
 * was last compacted and, past a threshold, compacts it the same way as
 * --compact does: into a folder beside it, swapped in at once, so that a
 * crash leaves either index whole.
 */
#include "autocompact.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The bytes of the files directly in `dir` (a Xapian database folder is
 * flat), the note left out; -1 when `dir` is not a readable folder. */
static long long folder_bytes(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long long sum = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat sb;
        if (!strcmp(e->d_name, CARI_COMPACT_NOTE) ||
            fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
            continue;
        sum += (long long)sb.st_size;
    }
    closedir(d);
    return sum;
}

/* Writes `bytes` as the note in `dir`: a temporary file renamed over the
 * old note, so a reader sees one whole number or the old one. */
static void write_note(const char *dir, long long bytes)
{
    char path[4096], tmp[4096];
    if (snprintf(path, sizeof path, "%s/" CARI_COMPACT_NOTE, dir) >= (int)sizeof path ||
        snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return;
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    int bad = fprintf(f, "%lld\n", bytes) < 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0)
        unlink(tmp);
}

/* The bytes noted in `dir`, or -1 when there is no readable note. */
static long long read_note(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/" CARI_COMPACT_NOTE, dir) >= (int)sizeof path)
        return -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long long bytes = -1;
    if (fscanf(f, "%lld", &bytes) != 1 || bytes <= 0)
        bytes = -1;
    fclose(f);
    return bytes;
}

void cari_autocompact_note(const char *dir)
{
    long long bytes = folder_bytes(dir);
    if (bytes > 0)
        write_note(dir, bytes);
}

cari_status cari_autocompact(cari_db *db)
{
    /* cari_compact() commits first, which brings it back here. */
    static _Thread_local int compacting;
    long percent = cari_env_long("CARI_AUTOCOMPACT", 10, 0, 100000);
    /* Only an update in place: not a build worker's shard, nor a build. */
    if (compacting || !percent || db->batch || db->build_path || !db->w)
        return CARI_OK;
    long long now = folder_bytes(db->path);
    if (now <= 0)
        return CARI_OK; /* not a local folder (a stub file, a remote) */
    long long noted = read_note(db->path);
    if (noted < 0) {
        write_note(db->path, now);
        return CARI_OK;
    }
    if (now * 100 <= noted * (100 + percent))
        return CARI_OK;
    compacting = 1;
    cari_status st = cari_compact(db);
    compacting = 0;
    if (st) {
        /* Say that the update itself is in (cari_compact() keeps it). */
        char *msg = strdup(cari_errmsg(db));
        st = cari_fail(db, st, "automatic compaction (the update is committed): %s",
                       msg ? msg : "out of memory");
        free(msg);
    }
    return st;
}
