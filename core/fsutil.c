/* Filesystem steps of the index lifecycle: see fsutil.h. */
#include "fsutil.h"
#include "alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Returns a malloc'd "path" + suffix, or NULL. */
static char *with_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    char *s = cari_malloc(n + m + 1);
    if (s) {
        memcpy(s, path, n);
        memcpy(s + n, suffix, m + 1);
    }
    return s;
}

/* Opens the lock file `name`, creating it: never through a symlink, and
 * only a regular file with no other name (so a link planted there cannot
 * make the writer truncate someone else's file).  Returns the descriptor,
 * or -1 (errno set; EPERM for a file of another kind or with other
 * names). */
static int open_lock_file(const char *name)
{
    int fd = open(name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
        close(fd);
        errno = EPERM;
        return -1;
    }
    return fd;
}

/* Whether `fd` is still the file at `name`: a writer that finished
 * removed it (cari_unlock()), and a lock held on a removed file guards
 * nothing. */
static int still_named(int fd, const char *name)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(name, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

int cari_lock(const char *index_path, double wait_seconds, long *out_holder)
{
    *out_holder = 0;
    char *name = with_suffix(index_path, ".lock");
    if (!name) {
        errno = ENOMEM;
        return -2;
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int fd = -1;
    for (;;) {
        if (fd < 0 && (fd = open_lock_file(name)) < 0) {
            int e = errno;
            free(name);
            errno = e;
            return -2;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (still_named(fd, name))
                break;
            close(fd); /* its writer removed it as we opened it */
            fd = -1;
            continue;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            close(fd);
            free(name);
            errno = e;
            return -2;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double waited = (double)(now.tv_sec - start.tv_sec) +
                        (double)(now.tv_nsec - start.tv_nsec) / 1e9;
        if (waited >= wait_seconds) {
            char buf[32] = {0};
            if (pread(fd, buf, sizeof buf - 1, 0) > 0)
                *out_holder = strtol(buf, NULL, 10);
            close(fd);
            free(name);
            return -1;
        }
        struct timespec nap = {0, 50 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    free(name);
    /* Say who holds it, for the message another writer prints. */
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) < 0) {
        /* The pid is only informative. */
    }
    return fd;
}

void cari_unlock(const char *index_path, int fd)
{
    if (fd < 0)
        return;
    /* Removed while still held: whoever opened it meanwhile sees it gone
     * once it gets it, and opens a new one (cari_lock()). */
    char *name = with_suffix(index_path, ".lock");
    if (name)
        unlink(name);
    free(name);
    close(fd);
}

/* fsyncs one file or folder of a tree walk (an nftw callback). */
static int sync_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F && type != FTW_D && type != FTW_DP)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* fsyncs the folder that holds `path`.  Needs no memory (on the stack),
 * so that a swap done is never reported as failed for want of it. */
static int sync_parent(const char *path)
{
    char copy[PATH_MAX];
    if (strlen(path) >= sizeof copy) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(copy, path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int cari_fsync_tree(const char *dir)
{
    if (nftw(dir, sync_one, 16, FTW_PHYS | FTW_DEPTH) != 0)
        return -1;
    return sync_parent(dir);
}

/* Removes one entry of a depth-first tree walk (an nftw callback). */
static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

int cari_remove_tree(const char *path)
{
    struct stat st;
    if (!path)
        return 0;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, remove_one, 16, FTW_PHYS | FTW_DEPTH);
}

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int cari_swap_in(const char *built, const char *live, int *out_swapped)
{
    *out_swapped = 0;
    struct stat st;
    if (lstat(live, &st) != 0) {
        if (errno != ENOENT)
            return -1;
        if (rename(built, live) != 0)
            return -1;
        return sync_parent(live);
    }
    if (renameat2(AT_FDCWD, built, AT_FDCWD, live, RENAME_EXCHANGE) == 0) {
        *out_swapped = 1;
        return sync_parent(live);
    }
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    /* No atomic exchange on this filesystem: move the old index aside and
     * the new one in; for an instant `live` is missing, and readers that
     * open then get "no index" and may retry. */
    char *aside = with_suffix(built, ".old");
    if (!aside)
        return -1;
    int rc = rename(live, aside);
    if (rc == 0 && rename(built, live) != 0) {
        int e = errno;
        rename(aside, live);
        errno = e;
        rc = -1;
    }
    if (rc == 0)
        rc = rename(aside, built);
    free(aside);
    if (rc == 0) {
        *out_swapped = 1;
        rc = sync_parent(live);
    }
    return rc;
}

void cari_remove_leftovers(const char *index_path)
{
    char *copy_dir = cari_strdup(index_path), *copy_base = cari_strdup(index_path);
    if (!copy_dir || !copy_base) {
        free(copy_dir);
        free(copy_base);
        return;
    }
    const char *dir = dirname(copy_dir);
    char *prefix = with_suffix(basename(copy_base), ".new-");
    DIR *d = prefix ? opendir(dir) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, prefix, strlen(prefix)))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = cari_malloc(n);
        if (path) {
            snprintf(path, n, "%s/%s", dir, e->d_name);
            cari_remove_tree(path);
            free(path);
        }
    }
    if (d)
        closedir(d);
    free(prefix);
    free(copy_dir);
    free(copy_base);
    /* Xapian writes a new revision's version file as v.tmp and renames
     * it; a commit that failed (a full disk) or was killed leaves it. */
    char *vtmp = with_suffix(index_path, "/v.tmp");
    if (vtmp)
        unlink(vtmp);
    free(vtmp);
}

int cari_dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    int empty = 1;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            empty = 0;
            break;
        }
    closedir(d);
    return empty;
}

unsigned long long cari_tree_bytes(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? (unsigned long long)st.st_blocks * 512ULL : 0;
    unsigned long long total = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    size_t n = strlen(path);
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *child = cari_malloc(n + strlen(e->d_name) + 2);
        if (!child)
            break;
        sprintf(child, "%s/%s", path, e->d_name);
        total += cari_tree_bytes(child);
        free(child);
    }
    if (d)
        closedir(d);
    return total;
}

int cari_is_xapian_dir(const char *path)
{
    /* On the stack: a check that cannot run out of memory. */
    static const char *const names[] = {"/iamglass", "/iamchert"};
    char probe[PATH_MAX + 16];
    struct stat st;
    if (strlen(path) > PATH_MAX)
        return 0;
    for (size_t i = 0; i < 2; i++) {
        snprintf(probe, sizeof probe, "%s%s", path, names[i]);
        if (stat(probe, &st) == 0)
            return 1;
    }
    return 0;
}

/* Copies the regular file `src` to a new file `dst`.  Returns 0 or -1. */
static int copy_file(const char *src, const char *dst)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return -1;
    }
    char buf[1 << 16];
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            rc = errno == EINTR ? 0 : -1;
            continue;
        }
        for (ssize_t done = 0; rc == 0 && done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0)
                rc = errno == EINTR ? 0 : -1;
            else
                done += w;
        }
    }
    int e = errno;
    close(in);
    if (close(out) != 0 && rc == 0)
        rc = -1;
    else
        errno = e;
    return rc;
}

int cari_copy_database(const char *src, const char *dst)
{
    if (mkdir(dst, 0755) != 0)
        return -1;
    DIR *d = opendir(src);
    if (!d)
        return -1;
    struct dirent *ent;
    int rc = 0;
    while (rc == 0 && (ent = readdir(d))) {
        if (ent->d_name[0] == '.' || !strcmp(ent->d_name, "flintlock"))
            continue;
        size_t n = strlen(src) + strlen(ent->d_name) + 2, m = strlen(dst) + strlen(ent->d_name) + 2;
        char *from = cari_malloc(n), *to = cari_malloc(m);
        if (!from || !to) {
            errno = ENOMEM;
            rc = -1;
        } else {
            snprintf(from, n, "%s/%s", src, ent->d_name);
            snprintf(to, m, "%s/%s", dst, ent->d_name);
            struct stat st;
            if (lstat(from, &st) == 0 && S_ISREG(st.st_mode))
                rc = copy_file(from, to);
        }
        free(from);
        free(to);
    }
    int e = errno;
    closedir(d);
    errno = e;
    return rc;
}

int cari_read_file(const char *path, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (len == cap) {
            char *b = cari_realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!b) {
                rc = ENOMEM;
                break;
            }
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (!rc && ferror(f))
        rc = errno ? errno : EIO;
    fclose(f);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *out_len = len;
    return 0;
}
