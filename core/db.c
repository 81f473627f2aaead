/* Opening, checking and closing an index. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Whether `path` holds a Xapian database: a file named iamglass (or
 * iamchert) in a directory, or a stub file (a regular file). */
static int looks_like_xapian(const char *path, int *is_dir)
{
    struct stat st;
    *is_dir = 0;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return 1; /* a stub file, or garbage Xapian will reject */
    *is_dir = 1;
    size_t n = strlen(path);
    char *probe = malloc(n + 16);
    if (!probe)
        return 0;
    memcpy(probe, path, n);
    strcpy(probe + n, "/iamglass");
    int found = stat(probe, &st) == 0;
    if (!found) {
        strcpy(probe + n, "/iamchert");
        found = stat(probe, &st) == 0;
    }
    free(probe);
    return found;
}

/* Whether the directory `path` has no entries. */
static int dir_is_empty(const char *path)
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

/* Checks the format and stemmer recorded in the index (`meta` reads one
 * metadata key).  `fresh` is set when the index records nothing yet. */
static cari_status check_signature(cari_db *db, char *format, char *stemmer,
                                   int empty)
{
    cari_status st = CARI_OK;
    if (!format) {
        if (!empty)
            st = cari_fail(db, CARI_CORRUPT, "%s: not a cari index", db->path);
    } else if (strcmp(format, CARI_FORMAT_VERSION)) {
        st = cari_fail(db, CARI_MISMATCH,
                       "%s: index format %s, this cari reads format %s; rebuild it",
                       db->path, format, CARI_FORMAT_VERSION);
    } else if (stemmer && strcmp(stemmer, stemmer_id_signature(db->stemmer))) {
        st = cari_fail(db, CARI_MISMATCH,
                       "%s: index built with stemmer \"%s\" but this cari uses \"%s\"; "
                       "rebuild it (indexer --rebuild)",
                       db->path, stemmer, stemmer_id_signature(db->stemmer));
    }
    xc_free(format);
    xc_free(stemmer);
    return st;
}

static cari_status open_write(cari_db *db, int flags)
{
    int is_dir;
    int xap = looks_like_xapian(db->path, &is_dir);
    struct stat st;
    if (stat(db->path, &st) == 0) {
        if (!is_dir)
            return cari_fail(db, CARI_CORRUPT, "%s: is a file, not an index directory",
                             db->path);
        if (!xap && !dir_is_empty(db->path))
            return cari_fail(db, CARI_CORRUPT,
                             "%s: directory is not empty and holds no index; "
                             "refusing to write into it", db->path);
    } else if (errno != ENOENT) {
        return cari_fail(db, CARI_IO, "%s: %s", db->path, strerror(errno));
    }
    char *err = NULL;
    db->w = xc_wdb_open(db->path, XC_CREATE | ((flags & CARI_OPEN_NOSYNC) ? XC_NO_SYNC : 0),
                        &err);
    if (!db->w)
        return cari_fail_xc(db, err, db->path);
    char *format = xc_wdb_get_metadata(db->w, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_wdb_get_metadata(db->w, CARI_META_STEMMER, NULL, &err);
    unsigned docs = xc_wdb_doccount(db->w, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        return cari_fail_xc(db, err, db->path);
    }
    cari_status rc = check_signature(db, format, stemmer, docs == 0);
    if (rc)
        return rc;
    /* Record who builds this index; it becomes durable with the first
     * commit. */
    const char *sig = stemmer_id_signature(db->stemmer);
    xc_wdb_set_metadata(db->w, CARI_META_FORMAT, CARI_FORMAT_VERSION,
                        strlen(CARI_FORMAT_VERSION), &err);
    xc_wdb_set_metadata(db->w, CARI_META_STEMMER, sig, strlen(sig), &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    return CARI_OK;
}

static cari_status open_read(cari_db *db)
{
    int is_dir;
    struct stat st;
    if (stat(db->path, &st) != 0)
        return cari_fail(db, errno == ENOENT ? CARI_NOTFOUND : CARI_IO,
                         "%s: no index here (%s); create one with indexer",
                         db->path, strerror(errno));
    if (!looks_like_xapian(db->path, &is_dir))
        return cari_fail(db, CARI_CORRUPT, "%s: not a cari index", db->path);
    char *err = NULL;
    db->r = xc_rdb_open(db->path, &err);
    if (!db->r)
        return cari_fail_xc(db, err, db->path);
    char *format = xc_rdb_get_metadata(db->r, CARI_META_FORMAT, NULL, &err);
    char *stemmer = xc_rdb_get_metadata(db->r, CARI_META_STEMMER, NULL, &err);
    unsigned docs = xc_rdb_doccount(db->r, &err);
    if (err) {
        xc_free(format);
        xc_free(stemmer);
        return cari_fail_xc(db, err, db->path);
    }
    return check_signature(db, format, stemmer, docs == 0);
}

cari_status cari_open(cari_db **out, const char *path, int flags)
{
    cari_db *db = calloc(1, sizeof *db);
    *out = db;
    if (!db)
        return CARI_NOMEM;
    db->path = strdup(path ? path : "");
    stemmer_id_mode mode = (flags & CARI_OPEN_STEM_NONE)       ? STEMMER_ID_NONE
                           : (flags & CARI_OPEN_STEM_SNOWBALL) ? STEMMER_ID_SNOWBALL
                                                               : STEMMER_ID_FULL;
    db->stemmer = stemmer_id_new(mode);
    if (!db->path || !db->stemmer)
        return cari_fail(db, CARI_NOMEM, "out of memory");
    if (!path || !*path)
        return cari_fail(db, CARI_INVALID, "no index path given");
    db->writable = (flags & CARI_OPEN_WRITE) != 0;
    return db->writable ? open_write(db, flags) : open_read(db);
}

void cari_close(cari_db *db)
{
    if (!db)
        return;
    xc_wdb_close(db->w);
    xc_rdb_close(db->r);
    stemmer_id_delete(db->stemmer);
    free(db->path);
    free(db->errmsg);
    free(db);
}

cari_status cari_commit(cari_db *db)
{
    cari_clear_error(db);
    if (!db->w)
        return cari_fail(db, CARI_INVALID, "%s: index not open for writing", db->path);
    char *err = NULL;
    xc_wdb_commit(db->w, &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    db->dirty = 0;
    return CARI_OK;
}
