/*
 * Automatic compaction after updates.
 *
 * Xapian writes a changed B-tree block to a new place and frees the old
 * one only for later commits, and a compacted table has no room left in
 * its blocks, so the first update after a build splits blocks all over:
 * a 1% update grew the benchmark's index by a third (bench/README.md).
 * Rather than leave that to a hand-run `cari-indexer --compact`, the
 * commit of an update of an ordinary index (writer.c) asks here whether
 * the index's bytes have outgrown those noted when it was last compacted
 * and, past a threshold, compacts it the same way as --compact does: into
 * a folder beside it, swapped in at once, so that a crash leaves either
 * index whole.
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

int cari_autocompact_due(const char *path, int percent)
{
    long long now = folder_bytes(path);
    if (now <= 0)
        return 0; /* not a local folder (a stub file, a remote) */
    long long noted = read_note(path);
    if (noted < 0) {
        write_note(path, now);
        return 0;
    }
    return now * 100 > noted * (100 + percent);
}
