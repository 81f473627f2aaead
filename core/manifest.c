/* The layout and manifest of a sharded index: see manifest.h. */
#include "manifest.h"
#include "alloc.h"

#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* `path`/`name`, malloc'd; NULL when out of memory. */
static char *join(const char *path, const char *name)
{
    size_t n = strlen(path) + strlen(name) + 2;
    char *s = cari_malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", path, name);
    return s;
}

int cari_sharded_count(const char *path)
{
    /* On the stack: a check that cannot run out of memory. */
    char name[PATH_MAX + sizeof CARI_SHARDS_FILE + 2];
    if (strlen(path) > PATH_MAX)
        return 0;
    snprintf(name, sizeof name, "%s/%s", path, CARI_SHARDS_FILE);
    FILE *f = fopen(name, "r");
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

char *cari_manifest_shard_dir(const char *path, unsigned k, unsigned long long g)
{
    char name[64];
    if (g)
        snprintf(name, sizeof name, "shard-%u.g%llu", k, g);
    else
        snprintf(name, sizeof name, "shard-%u", k);
    return join(path, name);
}

void cari_manifest_free(cari_manifest *m)
{
    for (unsigned k = 0; m->dirs && k < m->n; k++)
        free(m->dirs[k]);
    free(m->dirs);
    m->dirs = NULL;
    m->n = 0;
}

/* Whether `name` is a shard folder's name: "shard-" and no '/'. */
static int shard_name(const char *name)
{
    return !strncmp(name, "shard-", 6) && !strchr(name, '/') && strcmp(name, "shard-");
}

cari_status cari_manifest_read(const char *path, unsigned n, cari_manifest *out,
                               cari_error *e)
{
    memset(out, 0, sizeof *out);
    out->dirs = cari_calloc(n, sizeof *out->dirs);
    if (!out->dirs)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    out->n = n;
    char *name = join(path, CARI_MANIFEST_FILE);
    if (!name)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    FILE *f = fopen(name, "r");
    free(name);
    if (!f && errno != ENOENT)
        return cari_fail(e, CARI_IO, "%s/%s: %s", path, CARI_MANIFEST_FILE, strerror(errno));
    char line[256];
    int bad = 0;
    if (f && (!fgets(line, sizeof line, f) ||
              sscanf(line, "generation %llu", &out->generation) != 1))
        bad = 1;
    for (unsigned k = 0; !bad && k < n; k++) {
        if (f) {
            size_t len;
            if (!fgets(line, sizeof line, f) || !(len = strlen(line)) || line[len - 1] != '\n') {
                bad = 1;
                break;
            }
            line[len - 1] = '\0';
            if (!shard_name(line)) {
                bad = 1;
                break;
            }
            out->dirs[k] = join(path, line);
        } else {
            out->dirs[k] = cari_manifest_shard_dir(path, k, 0);
        }
        if (!out->dirs[k]) {
            if (f)
                fclose(f);
            return cari_fail(e, CARI_NOMEM, "out of memory");
        }
    }
    if (f)
        fclose(f);
    if (bad)
        return cari_fail(e, CARI_CORRUPT, "%s: malformed %s file", path, CARI_MANIFEST_FILE);
    return CARI_OK;
}

/* fsyncs the folder `path`.  Returns 0 or -1. */
static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

cari_status cari_manifest_commit(const char *path, const cari_manifest *m, cari_error *e)
{
    char *live = join(path, CARI_MANIFEST_FILE);
    char *next = join(path, CARI_MANIFEST_FILE ".next");
    if (!live || !next) {
        free(live);
        free(next);
        return cari_fail(e, CARI_NOMEM, "out of memory");
    }
    FILE *f = fopen(next, "w");
    int ok = f && fprintf(f, "generation %llu\n", m->generation) > 0;
    for (unsigned k = 0; ok && k < m->n; k++) {
        const char *slash = strrchr(m->dirs[k], '/');
        ok = fprintf(f, "%s\n", slash ? slash + 1 : m->dirs[k]) > 0;
    }
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f && fclose(f) != 0)
        ok = 0;
    /* The rename is the commit point; the folder's sync makes it durable. */
    ok = ok && rename(next, live) == 0 && sync_dir(path) == 0;
    cari_status st = ok ? CARI_OK
                        : cari_fail(e, CARI_IO, "%s: committing the shards: %s", live,
                                    strerror(errno));
    if (!ok)
        unlink(next);
    free(live);
    free(next);
    return st;
}

cari_status cari_sharded_prepare(const char *path, unsigned n, cari_error *e)
{
    int have = cari_sharded_count(path);
    if (have < 0)
        return cari_fail(e, CARI_CORRUPT, "%s: its %s file is malformed", path, CARI_SHARDS_FILE);
    if (have > 0) {
        if ((unsigned)have == n)
            return CARI_OK;
        return cari_fail(e, CARI_CORRUPT, "%s: has %d shards, not %u", path, have, n);
    }
    struct stat st;
    if (stat(path, &st) == 0 && !(S_ISDIR(st.st_mode) && cari_dir_is_empty(path)))
        return cari_fail(e, CARI_CORRUPT, "%s: exists and is not a sharded index", path);
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        return cari_fail(e, CARI_IO, "%s: cannot create it: %s", path, strerror(errno));
    char *name = join(path, CARI_SHARDS_FILE);
    if (!name)
        return cari_fail(e, CARI_NOMEM, "out of memory");
    FILE *f = fopen(name, "w");
    free(name);
    int ok = f && fprintf(f, "%u\n", n) > 0 && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        return cari_fail(e, CARI_IO, "%s: cannot write its shard count: %s", path,
                         strerror(errno));
    return CARI_OK;
}

void cari_manifest_remove_unlisted(const char *path, const cari_manifest *m)
{
    DIR *d = opendir(path);
    struct dirent *ent;
    while (d && (ent = readdir(d))) {
        if (!shard_name(ent->d_name))
            continue;
        char *full = join(path, ent->d_name);
        int listed = !full;
        for (unsigned k = 0; full && k < m->n && !listed; k++)
            listed = m->dirs[k] && !strcmp(m->dirs[k], full);
        if (!listed)
            cari_remove_tree(full);
        free(full);
    }
    if (d)
        closedir(d);
}
