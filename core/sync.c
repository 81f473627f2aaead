/*
 * Folder sync: brings an index to the state of folders
 * (cari_writer_sync_folders() in cari.h).
 *
 * A sync runs in four steps over a list of inputs (files found):
 *   1. walk: each folder given is searched in name order; a rebuild adds
 *      the folders the old index records that no folder given holds;
 *   2. ids: each file found in a folder gets its path inside the
 *      outermost recorded folder holding it, or inside the folder given
 *      (known.c); of several files with one id one is kept (the index's
 *      own copy first, else the first found), the rest are skipped;
 *   3. index: each file is hashed (unchanged files are not read again),
 *      then added as text or as a saved page, with its folder as group;
 *   4. remove: the articles of the folders walked that the walk did not
 *      find and whose files lstat() says are gone; a rebuild instead
 *      names the old index's articles the new one does not hold.
 * Problems with inputs go to the caller's warning function and count as
 * skipped; only a failure of the index (or of memory) ends the sync.
 */
#include "cari.h"
#include "alloc.h"
#include "known.h"
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define DROPS_NAMED 5 /* a rebuild names this many dropped articles */

/* One input file: its path on disk, its article id, its folder's group. */
typedef struct {
    char *path;
    char *id;
    size_t root;        /* index into the sync's roots, or (size_t)-1 */
    const char *group;  /* the folder its id is relative to (the root, or
                           the outermost recorded folder holding it; NULL
                           for a file given alone), not owned */
    size_t seq;         /* order found */
    int skip;           /* 1: another input is the same file; 2: its id
                           belongs to another file (reported) */
    int own;            /* the index holds its id for its folder */
} input;

/* A sync's state.  `st` is sticky: the first failure that ends it. */
typedef struct {
    cari_writer *w;
    cari_sync_options o;
    cari_sync_counts c;
    cari_status st;
    int rebuild;
    cari_known_list known;  /* the articles the index held at the start
                               (a rebuild: the old index's) */
    char **roots;           /* real paths of the folders walked */
    size_t n_roots, cap_roots;
    input *v;               /* the files found */
    size_t n, cap;
    input *by_id;           /* those to index, sorted by id (copies of
                               v's entries, pointing at its strings) */
    size_t n_by_id;
    pthread_mutex_t warn_mu; /* one warning at a time */
    cari_warn_fn prev_warn; /* the writer's handler, for other articles */
    void *prev_ctx;
} sync_run;

cari_status cari_sync_options_init(cari_sync_options *opts, unsigned version)
{
    if (version < 1 || version > CARI_SYNC_OPTIONS_VERSION)
        return CARI_INVALID;
    cari_sync_options defaults = CARI_SYNC_OPTIONS_INIT;
    *opts = defaults;
    return CARI_OK;
}

/* Records the sync's first failure (with a message in the writer); later
 * ones are dropped.  Returns the sticky status. */
static cari_status fail(sync_run *r, cari_status st, const char *msg)
{
    if (!r->st)
        r->st = cari_fail(cari_writer_error(r->w), st, "%s", msg);
    return r->st;
}

static cari_status nomem(sync_run *r)
{
    return fail(r, CARI_NOMEM, "out of memory");
}

/* Passes a problem with `file` (line 0: none) to the caller. */
static void say(sync_run *r, const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(sync_run *r, const char *file, size_t line, const char *fmt, ...)
{
    if (!r->o.warn)
        return;
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&r->warn_mu);
    r->o.warn(r->o.warn_ctx, file, line, msg);
    pthread_mutex_unlock(&r->warn_mu);
}

/* A skipped input: named, with why, and counted. */
static void skip(sync_run *r, const char *file, const char *why)
{
    say(r, file, 0, "%s, skipped", why);
    r->c.skipped++;
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(((const input *)a)->id, ((const input *)b)->id);
}

/* The input this sync indexes as article `id`, or NULL. */
static const input *input_of(const sync_run *r, const char *id)
{
    input key = {.id = (char *)id};
    return r->n_by_id ? bsearch(&key, r->by_id, r->n_by_id, sizeof key, compare_ids) : NULL;
}

/* The writer's warnings while the sync runs (a cari_warn_fn): those about
 * the sync's articles name their file; others go to the writer's own
 * handler. */
static void on_article_warning(void *ctx, const char *id, size_t line, const char *msg)
{
    sync_run *r = ctx;
    const input *in = input_of(r, id);
    if (in)
        say(r, in->path, line, "%s", msg);
    else if (r->prev_warn)
        r->prev_warn(r->prev_ctx, id, line, msg);
}

/* "a/b", or b when a is empty; NULL when out of memory. */
static char *join(const char *a, const char *b)
{
    size_t n = strlen(a), k = strlen(b);
    char *s = cari_malloc(n + k + 2);
    if (!s)
        return NULL;
    memcpy(s, a, n);
    if (n)
        s[n++] = '/';
    memcpy(s + n, b, k + 1);
    return s;
}

/* Appends a file found (copies path and id).  Returns the sticky status. */
static cari_status push_input(sync_run *r, const char *path, const char *id, size_t root)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        input *v = cari_realloc(r->v, cap * sizeof *v);
        if (!v)
            return nomem(r);
        r->v = v;
        r->cap = cap;
    }
    input in = {cari_strdup(path), cari_strdup(id), root, NULL, r->n, 0, 0};
    if (!in.path || !in.id) {
        free(in.path);
        free(in.id);
        return nomem(r);
    }
    r->v[r->n++] = in;
    return CARI_OK;
}

/* Appends a folder to walk (takes `real`, a real path).  Returns the
 * sticky status. */
static cari_status push_root(sync_run *r, char *real)
{
    if (!real)
        return nomem(r);
    if (r->n_roots == r->cap_roots) {
        size_t cap = r->cap_roots ? 2 * r->cap_roots : 8;
        char **v = cari_realloc(r->roots, cap * sizeof *v);
        if (!v) {
            free(real);
            return nomem(r);
        }
        r->roots = v;
        r->cap_roots = cap;
    }
    r->roots[r->n_roots++] = real;
    return CARI_OK;
}

/* Whether a file name ends in `suffix`, in any case. */
static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && !strcasecmp(name + n - k, suffix);
}

/* Whether a folder walk takes the file: a text article or a saved page. */
static int is_article_file(const char *name)
{
    return has_suffix(name, ".txt") || has_suffix(name, ".html") || has_suffix(name, ".htm");
}

static int is_html(const char *name)
{
    return has_suffix(name, ".html") || has_suffix(name, ".htm");
}

/* A visited folder, to stop at symlink loops. */
typedef struct seen_dir {
    dev_t dev;
    ino_t ino;
    struct seen_dir *up;
} seen_dir;

/* Adds the article files under `dir` (whose id prefix is `rel`) in name
 * order.  Unreadable folders and paths too long to open are named and
 * skipped. */
static void walk(sync_run *r, const char *dir, const char *rel, size_t root, seen_dir *up)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        skip(r, dir, strerror(errno));
        return;
    }
    for (seen_dir *s = up; s; s = s->up)
        if (s->dev == st.st_dev && s->ino == st.st_ino) {
            skip(r, dir, "symlink loop");
            return;
        }
    seen_dir here = {st.st_dev, st.st_ino, up};
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        if (errno == ENOMEM)
            nomem(r);
        else
            skip(r, dir, strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *path = NULL, *id = NULL;
        if (r->st || name[0] == '.') {
            /* left out */
        } else if (!(path = join(dir, name)) || !(id = join(rel, name))) {
            nomem(r);
        } else {
            int found = stat(path, &st) == 0;
            if (!found && errno != ENOENT && !is_article_file(name))
                /* Perhaps a folder, whose path is too long (ENAMETOOLONG)
                 * or that cannot be looked at: named, not passed over.
                 * (An article file that cannot be read is named when it
                 * is opened.) */
                skip(r, path, strerror(errno));
            else if (found && S_ISDIR(st.st_mode))
                walk(r, path, id, root, &here);
            else if (is_article_file(name))
                push_input(r, path, id, root);
        }
        free(path);
        free(id);
        free(names[i]);
    }
    free(names);
}

/* Walks the paths given: folders become roots, files inputs with their
 * name as id.  Returns the sticky status. */
static cari_status walk_given(sync_run *r, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n && !r->st; i++) {
        const char *p = paths[i];
        struct stat sb;
        if (stat(p, &sb) != 0) {
            skip(r, p, strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            char real[PATH_MAX];
            if (!realpath(p, real)) {
                skip(r, p, strerror(errno));
                continue;
            }
            if (push_root(r, cari_strdup(real)))
                break;
            size_t before = r->n;
            walk(r, p, "", r->n_roots - 1, NULL);
            if (r->n == before && !r->st)
                say(r, p, 0, "no article files (.txt, .html, .htm) in it");
        } else {
            const char *base = strrchr(p, '/');
            push_input(r, p, base ? base + 1 : p, (size_t)-1);
        }
    }
    return r->st;
}

/* A rebuild reads again every folder the old index records that no
 * folder walked holds.  Returns the sticky status. */
static cari_status walk_recorded(sync_run *r)
{
    size_t given = r->n_roots;
    for (size_t g = 0; g < r->known.n_groups && !r->st; g++) {
        const char *group = r->known.groups[g];
        int held = 0;
        for (size_t k = 0; !held && k < r->n_roots; k++)
            held = !strcmp(group, r->roots[k]) || cari_known_inside(group, r->roots[k]);
        if (!held)
            push_root(r, cari_strdup(group));
    }
    for (size_t k = given; k < r->n_roots && !r->st; k++)
        walk(r, r->roots[k], "", k, NULL);
    return r->st;
}

/* Gives each file found in a folder its id inside the outermost folder
 * that holds it among the recorded folders and its root.  Returns the
 * sticky status. */
static cari_status map_ids(sync_run *r)
{
    for (size_t i = 0; i < r->n && !r->st; i++) {
        input *in = &r->v[i];
        if (in->root == (size_t)-1)
            continue;
        char *path = join(r->roots[in->root], in->id);
        if (!path)
            return nomem(r);
        const char *id;
        in->group = cari_known_map(&r->known, r->roots[in->root], path, &id);
        char *copy = cari_strdup(id);
        free(path);
        if (!copy)
            return nomem(r);
        free(in->id);
        in->id = copy;
    }
    return r->st;
}

/* Whether `path` names something, as far as lstat can tell: 1 yes, 0 it
 * is gone (ENOENT, ENOTDIR), -1 cannot tell (errno set). */
static int exists(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0)
        return 1;
    return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
}

static const char *group_name(const input *in)
{
    return in->group ? in->group : "";
}

/* Orders by id, then the index's own copy (from the folder it records
 * for the id) first, then as found. */
static int compare_for_settle(const void *a, const void *b)
{
    const input *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    if (x->own != y->own)
        return y->own - x->own;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int compare_seq(const void *a, const void *b)
{
    const input *x = a, *y = b;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Makes ids unique.  Of the inputs with one id, the one from the folder
 * the index records for that id is indexed, else the first found; a
 * later one that is the same file (a folder given twice, or inside
 * another given) is dropped quietly, one from another folder is skipped
 * and named, as is a file whose id the index holds for a file of another
 * folder that still exists.  Keeps the order found.  Returns the sticky
 * status. */
static cari_status settle_ids(sync_run *r)
{
    if (!r->n)
        return r->st;
    for (size_t i = 0; i < r->n; i++) {
        const char *had = cari_known_group_of(&r->known, r->v[i].id);
        r->v[i].own = had && !strcmp(had, group_name(&r->v[i]));
    }
    qsort(r->v, r->n, sizeof *r->v, compare_for_settle);
    size_t first = 0;
    for (size_t i = 0; i < r->n && !r->st; i++) {
        input *in = &r->v[i];
        if (i > 0 && !strcmp(r->v[first].id, in->id)) {
            const input *kept = &r->v[first];
            if (!strcmp(group_name(kept), group_name(in))) {
                in->skip = 1;
            } else {
                say(r, in->path, 0, "article id %s is also the id of %s (ids are paths "
                    "inside the folder given); skipped", in->id, kept->path);
                in->skip = 2;
                r->c.skipped++;
            }
            continue;
        }
        first = i;
        const char *had = cari_known_group_of(&r->known, in->id);
        if (had && *had && strcmp(had, group_name(in))) {
            char *other = join(had, in->id);
            if (!other)
                return nomem(r);
            if (exists(other) != 0) {
                say(r, in->path, 0, "article id %s is already the article of %s (ids are "
                    "paths inside the folder given); skipped", in->id, other);
                in->skip = 2;
                r->c.skipped++;
            }
            free(other);
        }
    }
    qsort(r->v, r->n, sizeof *r->v, compare_seq);
    /* The inputs to index, by id, before any is indexed (warnings from
     * build workers look them up). */
    if (!(r->by_id = cari_malloc(r->n * sizeof *r->by_id)))
        return nomem(r);
    for (size_t i = 0; i < r->n; i++)
        if (!r->v[i].skip)
            r->by_id[r->n_by_id++] = r->v[i];
    qsort(r->by_id, r->n_by_id, sizeof *r->by_id, compare_ids);
    return r->st;
}

/* A cari_read_fn over a FILE. */
static long read_file(void *ctx, char *buf, size_t cap)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, cap, f);
    if (n == 0 && ferror(f)) {
        errno = errno ? errno : EIO;
        return -1;
    }
    return (long)n;
}

/* Hashes a file and checks it holds no NUL byte (binary).  Returns 0, 1
 * for a binary file, or -1 with errno set. */
static int scan_file(const char *path, char *hash)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char buf[65536];
    cari_hasher h;
    cari_hash_init(&h);
    size_t n;
    int binary = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (memchr(buf, '\0', n)) {
            binary = 1;
            break;
        }
        cari_hash_update(&h, buf, n);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        errno = EIO;
        return -1;
    }
    cari_hash_final(&h, hash);
    return binary;
}

/* Indexes one file, counting what it did.  A file that cannot be read or
 * indexed (CARI_IO, CARI_INVALID) is named and skipped; any other failure
 * ends the sync.  Returns the sticky status. */
static cari_status index_file(sync_run *r, const input *in)
{
    char hash[CARI_HASH_LEN + 1];
    int scanned = scan_file(in->path, hash);
    if (scanned != 0) {
        skip(r, in->path, scanned < 0 ? strerror(errno) : "binary file (NUL byte)");
        return r->st;
    }
    FILE *f = fopen(in->path, "rb");
    if (!f) {
        skip(r, in->path, strerror(errno));
        return r->st;
    }
    cari_added a;
    cari_status st = cari_set_group(r->w, in->group);
    if (!st)
        st = is_html(in->path) ? cari_add_html(r->w, in->id, hash, read_file, f, &a)
                               : cari_add_stream(r->w, in->id, hash, read_file, f, &a);
    fclose(f);
    if (!st) {
        if (a.change == CARI_ADDED)
            r->c.added++;
        else if (a.change == CARI_CHANGED)
            r->c.changed++;
        else
            r->c.unchanged++;
    } else if (st == CARI_IO || st == CARI_INVALID) {
        say(r, in->path, 0, "%s", cari_writer_errmsg(r->w));
        r->c.skipped++;
    } else if (!r->st) {
        r->st = st; /* the message is the writer's */
    }
    return r->st;
}

/* Whether the file `path` lies in a folder this sync walked. */
static int in_walked_folder(const sync_run *r, const char *path)
{
    for (size_t k = 0; k < r->n_roots; k++)
        if (cari_known_inside(path, r->roots[k]))
            return 1;
    return 0;
}

/* Removes the articles of the walked folders whose files are known to be
 * gone: not found by the walk, and lstat says so.  An article whose file
 * the walk did not reach but may still be there (an unreadable folder, a
 * failed lstat) is kept, named when it cannot tell.  Returns the sticky
 * status. */
static cari_status remove_missing(sync_run *r)
{
    for (size_t i = 0; i < r->known.n && !r->st; i++) {
        const cari_known_article *a = &r->known.v[i];
        const input *in = input_of(r, a->id);
        if (!*a->group || (in && !strcmp(group_name(in), a->group)))
            continue;
        char *path = join(a->group, a->id);
        if (!path)
            return nomem(r);
        int there = in_walked_folder(r, path) ? exists(path) : 1;
        if (there < 0)
            say(r, path, 0, "cannot tell whether it is gone (%s); its article is kept",
                strerror(errno));
        free(path);
        if (there)
            continue;
        cari_status st = cari_remove(r->w, a->id);
        if (st)
            r->st = st;
        else
            r->c.removed++;
    }
    return r->st;
}

/* Marks an article the new index holds (a cari_article_fn over the
 * build; ctx is the old index's list). */
static int mark_held(void *ctx, const cari_article_info *a)
{
    cari_known_article *hit = cari_known_find(ctx, a->id);
    if (hit)
        hit->held = 1;
    return 0;
}

/* A rebuild: counts and names the old index's articles that the new one
 * does not hold (files gone or unreadable, JSON Lines not given again).
 * Returns the sticky status. */
static cari_status report_dropped(sync_run *r)
{
    cari_status st = cari_writer_list_articles(r->w, mark_held, &r->known);
    if (st)
        return r->st = st;
    size_t dropped = 0;
    const char *index = cari_writer_path(r->w);
    for (size_t i = 0; i < r->known.n; i++) {
        const cari_known_article *a = &r->known.v[i];
        if (a->held)
            continue;
        if (dropped++ < DROPS_NAMED)
            say(r, index, 0, "the rebuild drops article %s (%s)", a->id,
                *a->group ? "its file is gone or cannot be read"
                          : "not given again: JSON Lines or a file given alone");
    }
    if (dropped > DROPS_NAMED)
        say(r, index, 0, "the rebuild drops %zu articles in all", dropped);
    r->c.removed += dropped;
    return r->st;
}

/* Lists the articles the index holds into r->known: through the writer,
 * or for a rebuild through a reader of the old index (opened with the
 * stemmer it was built with, which may not be the writer's).  A rebuild
 * of an index it cannot read starts from nothing, with a warning.
 * Returns the sticky status. */
static cari_status list_known(sync_run *r)
{
    cari_status st;
    if (!r->rebuild) {
        st = cari_writer_list_articles(r->w, cari_known_collect, &r->known);
    } else {
        static const int stemmers[] = {CARI_OPEN_STEM_SNOWBALL, CARI_OPEN_STEM_NONE};
        cari_db *old = NULL;
        const char *index = cari_writer_path(r->w);
        st = cari_open(&old, index, CARI_OPEN_READ);
        for (size_t i = 0; st == CARI_MISMATCH && i < 2; i++) {
            cari_close(old);
            st = cari_open(&old, index, CARI_OPEN_READ | stemmers[i]);
        }
        if (!st)
            st = cari_list_articles(old, cari_known_collect, &r->known);
        if (st && st != CARI_NOMEM && st != CARI_ERROR && st != CARI_NOTFOUND)
            say(r, NULL, 0, "%s; the rebuild keeps only what this run gives",
                cari_errmsg(old));
        cari_close(old);
        if (st != CARI_NOMEM && st != CARI_ERROR)
            st = CARI_OK;
    }
    if (st == CARI_ERROR || st == CARI_NOMEM) /* cari_known_collect stops only for memory */
        return nomem(r);
    if (st)
        return r->st = st; /* the writer's message */
    return cari_known_finish(&r->known) ? nomem(r) : CARI_OK;
}

/* Frees what the sync holds. */
static void sync_free(sync_run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].path);
        free(r->v[i].id);
    }
    free(r->v);
    free(r->by_id);
    for (size_t i = 0; i < r->n_roots; i++)
        free(r->roots[i]);
    free(r->roots);
    cari_known_free(&r->known);
    pthread_mutex_destroy(&r->warn_mu);
}

cari_status cari_writer_sync_folders(cari_writer *w, const char *const *paths, size_t n,
                                     const cari_sync_options *opts, cari_sync_counts *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!w)
        return CARI_INVALID;
    cari_error *e = cari_writer_error(w);
    cari_clear_error(e);
    if (n && !paths)
        return cari_fail(e, CARI_INVALID, "no paths given");
    for (size_t i = 0; i < n; i++)
        if (!paths[i] || !*paths[i])
            return cari_fail(e, CARI_INVALID, "an empty path given");
    if (opts && (opts->version < 1 || opts->version > CARI_SYNC_OPTIONS_VERSION))
        return cari_fail(e, CARI_INVALID,
                         "sync options of version %u; this cari knows versions 1 to %u "
                         "(initialise them with cari_sync_options_init())",
                         opts->version, CARI_SYNC_OPTIONS_VERSION);
    sync_run r = {.w = w, .o = CARI_SYNC_OPTIONS_INIT, .rebuild = cari_writer_rebuilding(w)};
    if (opts)
        r.o = *opts;
    pthread_mutex_init(&r.warn_mu, NULL);
    cari_writer_warning_handler(w, &r.prev_warn, &r.prev_ctx);

    /* The writer's warning handler is swapped only while no build worker
     * runs (they read it): after the articles handed over before the
     * sync are indexed, and after the sync's own are. */
    if (!list_known(&r) && !walk_given(&r, paths, n) && (!r.rebuild || !walk_recorded(&r)) &&
        !map_ids(&r) && !settle_ids(&r) && !(r.st = cari_writer_wait(w))) {
        cari_set_warning_handler(w, on_article_warning, &r);
        for (size_t i = 0; i < r.n && !r.st; i++) {
            if (!r.v[i].skip)
                index_file(&r, &r.v[i]);
            if (r.o.progress)
                r.o.progress(r.o.progress_ctx, i + 1, r.n);
        }
        /* Every warning about the sync's articles before it returns. */
        cari_status st = cari_writer_wait(w);
        if (st && !r.st)
            r.st = st;
        cari_set_warning_handler(w, r.prev_warn, r.prev_ctx);
        if (!r.st && cari_set_group(w, NULL))
            r.st = CARI_NOMEM;
        if (!r.st && r.rebuild)
            report_dropped(&r);
        else if (!r.st && !(r.o.flags & CARI_SYNC_KEEP_MISSING) && r.n_roots)
            remove_missing(&r);
    }
    if (out)
        *out = r.c;
    cari_status st = r.st;
    sync_free(&r);
    return st;
}
