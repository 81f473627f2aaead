/* The layout of a sharded index, and the placement of articles in it. */
#include "shards.h"

#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

int cari_sharded_count(const char *path)
{
    size_t n = strlen(path) + sizeof CARI_SHARDS_FILE + 2;
    char *name = malloc(n);
    if (!name)
        return -1;
    snprintf(name, n, "%s/%s", path, CARI_SHARDS_FILE);
    FILE *f = fopen(name, "r");
    free(name);
    if (!f)
        return 0;
    char line[32] = {0};
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *end;
    long count = ok ? strtol(line, &end, 10) : 0;
    if (!ok || end == line || (*end && *end != '\n') || count < 1 || count > CARI_SHARDS_MAX)
        return -1;
    return (int)count;
}

char *cari_shard_dir(const char *path, unsigned k)
{
    size_t n = strlen(path) + 32;
    char *dir = malloc(n);
    if (dir)
        snprintf(dir, n, "%s/shard-%u", path, k);
    return dir;
}

/* Creates the sharded layout at `path` (a missing or empty folder) with n
 * shards, or checks that it has n.  Returns NULL, or what is wrong. */
static const char *prepare(const char *path, unsigned n, char *buf, size_t cap)
{
    int have = cari_sharded_count(path);
    if (have < 0)
        return "its " CARI_SHARDS_FILE " file is malformed";
    if (have > 0) {
        if ((unsigned)have == n)
            return NULL;
        snprintf(buf, cap, "has %d shards, not %u", have, n);
        return buf;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !(S_ISDIR(st.st_mode) && cari_dir_is_empty(path)))
        return "exists and is not a sharded index";
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        snprintf(buf, cap, "cannot create it: %s", strerror(errno));
        return buf;
    }
    size_t len = strlen(path) + sizeof CARI_SHARDS_FILE + 2;
    char *name = malloc(len);
    if (!name)
        return "out of memory";
    snprintf(name, len, "%s/%s", path, CARI_SHARDS_FILE);
    FILE *f = fopen(name, "w");
    free(name);
    if (!f || fprintf(f, "%u\n", n) < 0 || fclose(f) != 0) {
        snprintf(buf, cap, "cannot write its shard count: %s", strerror(errno));
        return buf;
    }
    return NULL;
}

cari_status cari_open_shard(cari_db **out, const char *path, unsigned k,
                            unsigned n, int flags, double wait_seconds)
{
    char buf[512];
    const char *problem = n < 1 || n > CARI_SHARDS_MAX || k >= n
                              ? "bad shard numbers"
                              : (flags & CARI_OPEN_WRITE) ? prepare(path, n, buf, sizeof buf)
                                                          : NULL;
    char *dir = problem ? NULL : cari_shard_dir(path, k);
    if (!dir) {
        /* No shard to open: a handle only to carry the message. */
        cari_open(out, "", flags);
        if (!*out)
            return CARI_NOMEM;
        return cari_fail(*out, problem ? CARI_CORRUPT : CARI_NOMEM, "%s: %s", path,
                         problem ? problem : "out of memory");
    }
    cari_status rc = cari_open_wait(out, dir, flags, wait_seconds);
    free(dir);
    return rc;
}

int cari_shard_count(const char *path)
{
    return cari_sharded_count(path);
}
