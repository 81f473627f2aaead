/*
 * cari-indexer: brings a cari index up to date with Indonesian articles.
 *
 *   cari-indexer [-d INDEX] [options] PATH...      .txt files and folders
 *   cari-indexer [-d INDEX] --jsonl FILE|-         JSON Lines articles
 *   cari-indexer [-d INDEX] --remove ID...         remove articles
 *   cari-indexer [-d INDEX] --compact              give updates' space back
 *   cari-indexer [-d INDEX] --list | --stats | --check
 *
 * Exit status: 0 everything done, 1 some inputs skipped (each named on
 * stderr) or --check found problems, 2 nothing could be done.
 */
#define _GNU_SOURCE
#include "cari.h"
#include "jsonl.h"
#include "known.h"
#include "testhook.h"
#include "version.h"

#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROG "cari-indexer"
#define DEFAULT_INDEX "cari-index"

static const char usage[] =
    "usage: cari-indexer [-d INDEX] [options] PATH...\n"
    "       cari-indexer [-d INDEX] [options] --jsonl FILE|-\n"
    "       cari-indexer [-d INDEX] --remove ID...\n"
    "       cari-indexer [-d INDEX] --compact [PATH...]\n"
    "       cari-indexer [-d INDEX] --rebuild [PATH...]\n"
    "       cari-indexer [-d INDEX] --list | --stats | --check\n"
    "\n"
    "Brings a cari index up to date with Indonesian articles: new articles\n"
    "are added, changed ones (by content hash) re-indexed, unchanged ones\n"
    "skipped, and articles whose files are gone from a folder removed.\n"
    "A PATH is a .txt or .html file or a folder searched recursively for\n"
    ".txt, .html and .htm files; an article's id is its path relative to\n"
    "the folder given (a subfolder keeps the ids its parent gave; two files\n"
    "with one id are refused).\n"
    "\n"
    "  -d, --index DIR     the index (default: $CARI_INDEX, else ./" DEFAULT_INDEX ")\n"
    "      --jsonl FILE    read articles as JSON Lines ('-' for stdin):\n"
    "                      {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\"}\n"
    "      --keep-missing  keep articles whose files are gone\n"
    "      --rebuild       build a fresh index beside the live one and swap it in,\n"
    "                      reading again every folder the index records (PATHs\n"
    "                      optional); what cannot be read again is named\n"
    "      --wait SECONDS  wait for another cari-indexer to finish (default: fail at once)\n"
    "      --b Y           BM25 b of a new or rebuilt index, 0..1 (default 0.75):\n"
    "                      how much a passage's length discounts its word counts\n"
    "      --shards N      split the index into N shards by a hash of the article id\n"
    "                      (an existing sharded index keeps its number)\n"
    "      --remove ID...  remove the articles with these ids\n"
    "      --compact       after the run, rewrite the index compactly and swap it in\n"
    "                      (updates leave the files larger; no article is re-read)\n"
    "      --list          print the indexed articles and their passage counts\n"
    "      --stats         print totals: articles, passages, terms, size, stemmer, b\n"
    "      --check         verify the index (Xapian's check and cari's invariants)\n"
    "  -q, --quiet         print no summary and no progress\n"
    "  -h, --help          show this help\n"
    "      --version       print the version, index format, stemmer and Xapian\n"
    "\n"
    "Exit status: 0 all done, 1 some inputs skipped or problems found,\n"
    "2 nothing could be done.\n";

/* One input file: its path on disk, its article id, its folder's group. */
typedef struct {
    char *path;
    char *id;
    size_t root;        /* index into the run's roots, or (size_t)-1 */
    const char *group;  /* the folder its id is relative to (the root, or
                           the outermost recorded folder holding it; NULL
                           for a file given alone), not owned */
    size_t seq;         /* order found */
    int skip;           /* 1: another input is the same file; 2: its id
                           belongs to another file (reported) */
} input;

typedef struct {
    input *v;
    size_t n, cap;
} input_list;

/* The run's state and counters. */
typedef struct {
    cari_writer *w;        /* the index (all its shards) */
    size_t added, changed, unchanged, removed, skipped, passages, warnings;
    /* Warnings come from build workers after the article
     * was handed over, so they name its source by its id, under warn_mu. */
    pthread_mutex_t warn_mu;
    input *by_id;            /* the files given or found, sorted by id
                                (pointers to their strings, not copies) */
    size_t n_by_id;
    const char *jsonl;       /* the JSON Lines input, or NULL */
    int progress;          /* draw a progress bar (stderr is a TTY) */
    char **roots;          /* real paths of the folders given (and, in a
                              rebuild, of the recorded folders to re-read) */
    size_t n_roots;
    known_list known;      /* the articles the index held at the start */
    char **jsonl_ids;      /* a rebuild: the ids the JSON Lines gave */
    size_t n_jsonl_ids, cap_jsonl_ids;
} run;

static void die_nomem(void)
{
    fprintf(stderr, PROG ": out of memory\n");
    exit(2);
}

static void push_input(input_list *l, const char *path, const char *id, size_t root)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die_nomem();
    }
    l->v[l->n].path = strdup(path);
    l->v[l->n].id = strdup(id);
    l->v[l->n].root = root;
    l->v[l->n].group = NULL;
    l->v[l->n].seq = l->n;
    l->v[l->n].skip = 0;
    if (!l->v[l->n].path || !l->v[l->n].id)
        die_nomem();
    l->n++;
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

/* A visited directory, to stop at symlink loops. */
typedef struct seen_dir {
    dev_t dev;
    ino_t ino;
    struct seen_dir *up;
} seen_dir;

/* Adds the .txt files under `dir` (whose id prefix is `rel`) in name
 * order.  Unreadable folders are reported and counted as skipped. */
static void walk(run *r, input_list *l, const char *dir, const char *rel,
                 size_t root, seen_dir *up)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        fprintf(stderr, PROG ": %s: %s, skipped\n", dir, strerror(errno));
        r->skipped++;
        return;
    }
    for (seen_dir *s = up; s; s = s->up)
        if (s->dev == st.st_dev && s->ino == st.st_ino) {
            fprintf(stderr, PROG ": %s: symlink loop, skipped\n", dir);
            r->skipped++;
            return;
        }
    seen_dir here = {st.st_dev, st.st_ino, up};
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, PROG ": %s: %s, skipped\n", dir, strerror(errno));
        r->skipped++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] == '.') {
            free(names[i]);
            continue;
        }
        char *path, *id;
        if (asprintf(&path, "%s/%s", dir, name) < 0 ||
            asprintf(&id, "%s%s%s", rel, *rel ? "/" : "", name) < 0)
            die_nomem();
        int found = stat(path, &st) == 0;
        if (!found && errno != ENOENT && !is_article_file(name)) {
            /* A folder whose path is too long (ENAMETOOLONG) or that
             * cannot be looked at: named, not passed over. */
            fprintf(stderr, PROG ": %s: %s, skipped\n", path, strerror(errno));
            r->skipped++;
        } else if (found && S_ISDIR(st.st_mode)) {
            walk(r, l, path, id, root, &here);
        } else if (is_article_file(name)) {
            push_input(l, path, id, root);
        }
        free(path);
        free(id);
        free(names[i]);
    }
    free(names);
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(((const input *)a)->id, ((const input *)b)->id);
}

static int compare_ids_then_seq(const void *a, const void *b)
{
    const input *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int compare_seq(const void *a, const void *b)
{
    const input *x = a, *y = b;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Gives each file found in a folder its id: its path inside the outermost
 * folder that holds it among the folders the index records and the one
 * given, so that a subfolder indexed alone keeps the ids its parent's run
 * gave.  Files given alone keep their name. */
static void map_ids(run *r, input_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        input *in = &l->v[i];
        if (in->root == (size_t)-1)
            continue;
        char *path;
        const char *id;
        if (asprintf(&path, "%s/%s", r->roots[in->root], in->id) < 0)
            die_nomem();
        in->group = known_map(&r->known, r->roots[in->root], path, &id);
        char *copy = strdup(id);
        if (!copy)
            die_nomem();
        free(path);
        free(in->id);
        in->id = copy;
    }
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

/* Makes ids unique: of the inputs with one id, the first found is
 * indexed; a later one that is the same file (a folder given twice, or
 * inside another given) is dropped quietly, and one from another folder
 * is skipped with a message, as is a file whose id the index already
 * holds for a file of another folder that still exists (ids are paths
 * inside the folder given, so news/a.txt and archive/a.txt are both
 * a.txt).  Keeps the order found. */
static void settle_ids(run *r, input_list *l)
{
    if (!l->n)
        return;
    qsort(l->v, l->n, sizeof *l->v, compare_ids_then_seq);
    for (size_t i = 0; i < l->n; i++) {
        input *in = &l->v[i];
        const char *g = in->group ? in->group : "";
        if (i > 0 && !strcmp(l->v[i - 1].id, in->id)) {
            size_t first = i - 1;
            while (l->v[first].skip && first > 0 && !strcmp(l->v[first - 1].id, in->id))
                first--;
            const input *kept = &l->v[first];
            if (!strcmp(kept->group ? kept->group : "", g)) {
                in->skip = 1;
            } else {
                fprintf(stderr, PROG ": %s: article id %s is also the id of %s (ids are "
                        "paths inside the folder given); skipped\n", in->path, in->id,
                        kept->path);
                in->skip = 2;
                r->skipped++;
            }
            continue;
        }
        const char *had = known_group_of(&r->known, in->id);
        if (had && *had && strcmp(had, g)) {
            char *other;
            if (asprintf(&other, "%s/%s", had, in->id) < 0)
                die_nomem();
            if (exists(other) != 0) {
                fprintf(stderr, PROG ": %s: article id %s is already the article of %s "
                        "(ids are paths inside the folder given); skipped\n", in->path,
                        in->id, other);
                in->skip = 2;
                r->skipped++;
            }
            free(other);
        }
    }
    qsort(l->v, l->n, sizeof *l->v, compare_seq);
}

/* Sets r->by_id to the inputs of `l` to index, sorted by id, before any
 * of them is indexed (workers read it). */
static void index_sources(run *r, const input_list *l)
{
    if (!l->n)
        return;
    r->by_id = malloc(l->n * sizeof *r->by_id);
    if (!r->by_id)
        die_nomem();
    for (size_t i = 0; i < l->n; i++)
        if (!l->v[i].skip)
            r->by_id[r->n_by_id++] = l->v[i];
    qsort(r->by_id, r->n_by_id, sizeof *r->by_id, compare_ids);
}

/* Whether this run indexes (or tried to) the file of article `id` of
 * folder `group`. */
static int walked(const run *r, const char *group, const char *id)
{
    input key = {.id = (char *)id};
    const input *hit = r->n_by_id ? bsearch(&key, r->by_id, r->n_by_id, sizeof key, compare_ids)
                                  : NULL;
    return hit && !strcmp(hit->group ? hit->group : "", group);
}

/* The file of the article `id` as given or found, or NULL (an article of
 * the JSON Lines input). */
static const char *source_of(const run *r, const char *id)
{
    input key = {.id = (char *)id};
    const input *hit = r->n_by_id ? bsearch(&key, r->by_id, r->n_by_id, sizeof key, compare_ids)
                                  : NULL;
    return hit ? hit->path : NULL;
}

/* Prints a warning about an article (a cari_warn_fn): its file and line,
 * or the JSON Lines file and the article's id.  Any thread may call it. */
static void on_warning(void *ctx, const char *article, size_t line, const char *msg)
{
    run *r = ctx;
    pthread_mutex_lock(&r->warn_mu);
    r->warnings++;
    const char *path = source_of(r, article);
    if (path && line)
        fprintf(stderr, PROG ": %s:%zu: %s\n", path, line, msg);
    else if (path)
        fprintf(stderr, PROG ": %s: %s\n", path, msg);
    else if (line)
        fprintf(stderr, PROG ": %s: article %s, line %zu of its text: %s\n",
                r->jsonl ? r->jsonl : "input", article, line, msg);
    else
        fprintf(stderr, PROG ": %s: article %s: %s\n", r->jsonl ? r->jsonl : "input",
                article, msg);
    pthread_mutex_unlock(&r->warn_mu);
}

static void progress(run *r, size_t done, size_t total)
{
    if (!r->progress || !total)
        return;
    int width = 30, filled = (int)(width * done / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu articles", filled,
            "##############################", width - filled, "", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void close_all(run *r);

/* Counts what adding an article did, or reports why it failed.  A failure
 * that leaves the index unusable ends the run (nothing is committed). */
static void count(run *r, const char *where, cari_status st, const cari_added *a)
{
    if (st == CARI_OK) {
        if (a->change == CARI_ADDED)
            r->added++;
        else if (a->change == CARI_CHANGED)
            r->changed++;
        else
            r->unchanged++;
        return;
    }
    if (st == CARI_IO || st == CARI_INVALID) {
        /* This input is bad: name it, skip it, go on. */
        fprintf(stderr, PROG ": %s: %s\n", where, cari_writer_errmsg(r->w));
        r->skipped++;
        return;
    }
    /* The index cannot take more (full disk, damage): the message names
     * what failed, which may be another article a build worker was on.
     * Closing without a commit discards the run's work. */
    fprintf(stderr, PROG ": %s\n", cari_writer_errmsg(r->w));
    fprintf(stderr, PROG ": stopping; the index is left as it was\n");
    close_all(r);
    exit(2);
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

static void index_file(run *r, const input *in)
{
    char hash[CARI_HASH_LEN + 1];
    int scanned = scan_file(in->path, hash);
    if (scanned < 0) {
        fprintf(stderr, PROG ": %s: %s, skipped\n", in->path, strerror(errno));
        r->skipped++;
        return;
    }
    if (scanned == 1) {
        fprintf(stderr, PROG ": %s: binary file (NUL byte), skipped\n", in->path);
        r->skipped++;
        return;
    }
    FILE *f = fopen(in->path, "rb");
    if (!f) {
        fprintf(stderr, PROG ": %s: %s, skipped\n", in->path, strerror(errno));
        r->skipped++;
        return;
    }
    cari_added a;
    cari_set_group(r->w, in->group);
    cari_status st = has_suffix(in->path, ".html") || has_suffix(in->path, ".htm")
                         ? cari_add_html(r->w, in->id, hash, read_file, f, &a)
                         : cari_add_stream(r->w, in->id, hash, read_file, f, &a);
    fclose(f);
    count(r, in->path, st, &a);
}

/* Records that the JSON Lines gave article `id` (a rebuild's
 * report_dropped() reads them). */
static void remember_jsonl_id(run *r, const char *id)
{
    if (r->n_jsonl_ids == r->cap_jsonl_ids) {
        r->cap_jsonl_ids *= 2;
        r->jsonl_ids = realloc(r->jsonl_ids, r->cap_jsonl_ids * sizeof *r->jsonl_ids);
        if (!r->jsonl_ids)
            die_nomem();
    }
    if (!(r->jsonl_ids[r->n_jsonl_ids++] = strdup(id)))
        die_nomem();
}

/* Indexes the articles of `lines` (the file `name`) in file order; bad
 * lines and a read error are reported and counted as skipped. */
static void index_lines(run *r, const char *name, jsonl_reader *lines)
{
    const jsonl_article *a;
    char where[4096];
    while ((a = jsonl_next(lines))) {
        snprintf(where, sizeof where, "%s:%zu", name, a->lineno);
        if (a->problem) {
            fprintf(stderr, PROG ": %s: %s, skipped\n", where, a->problem);
            r->skipped++;
            continue;
        }
        cari_added added;
        for (size_t k = 0; k < a->n_warnings; k++)
            fprintf(stderr, PROG ": %s: %s\n", where, a->warnings[k]);
        cari_status st = cari_add_article_meta(r->w, a->id, a->title, a->text, a->text_len,
                                               a->meta, &added);
        if (!st && r->cap_jsonl_ids) /* a rebuild: remember what it gave */
            remember_jsonl_id(r, a->id);
        if (!st && a->replaces && added.change == CARI_ADDED)
            added.change = CARI_CHANGED; /* an id given twice: one article */
        count(r, where, st, &added);
    }
    if (jsonl_read_error(lines)) {
        fprintf(stderr, PROG ": %s: read error\n", name);
        r->skipped++;
    }
}

/* Indexes every line of a JSON Lines file, parsed ahead on a thread of
 * its own (jsonl.h).  Bad lines are skipped with a message naming the
 * file and line. */
static void index_jsonl(run *r, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    const char *name = strcmp(file, "-") ? file : "<stdin>";
    if (!f) {
        fprintf(stderr, PROG ": %s: %s\n", file, strerror(errno));
        r->skipped++;
        return;
    }
    cari_set_group(r->w, NULL);
    jsonl_reader *lines = jsonl_open(f);
    if (lines) {
        index_lines(r, name, lines);
        jsonl_close(lines);
    } else {
        fprintf(stderr, PROG ": %s: cannot start reading it (out of memory or threads)\n", name);
        r->skipped++;
    }
    if (f != stdin)
        fclose(f);
}

/* ---- removing articles whose files are gone ----------------------------- */

/* Whether the article of `group` and `id` lies in a folder this run walked. */
static int in_walked_folder(const run *r, const char *path)
{
    for (size_t k = 0; k < r->n_roots; k++)
        if (known_inside(path, r->roots[k]))
            return 1;
    return 0;
}

/* Removes the articles of the walked folders whose files are known to be
 * gone: not found by the walk, and lstat says so.  An article whose file
 * the walk did not reach but may still be there (an unreadable folder, a
 * failed lstat) is kept, with a warning when it cannot tell. */
static void remove_missing(run *r)
{
    for (size_t i = 0; i < r->known.n; i++) {
        const known_article *a = &r->known.v[i];
        if (!*a->group || walked(r, a->group, a->id))
            continue;
        char *path;
        if (asprintf(&path, "%s/%s", a->group, a->id) < 0)
            die_nomem();
        int there = in_walked_folder(r, path) ? exists(path) : 1;
        if (there < 0)
            fprintf(stderr, PROG ": %s: cannot tell whether it is gone (%s); its article "
                    "is kept\n", path, strerror(errno));
        free(path);
        if (there)
            continue;
        if (cari_remove(r->w, a->id)) {
            fprintf(stderr, PROG ": %s: %s\n", a->id, cari_writer_errmsg(r->w));
            close_all(r);
            exit(2);
        }
        r->removed++;
    }
}

/* A rebuild: counts and names the articles of the old index that this run
 * did not give again (files gone, JSON Lines not given again). */
static void report_dropped(run *r, const char *index)
{
    size_t dropped = 0;
    for (size_t i = 0; i < r->known.n; i++) {
        const known_article *a = &r->known.v[i];
        int again = walked(r, a->group, a->id);
        for (size_t j = 0; !again && j < r->n_jsonl_ids; j++)
            again = !strcmp(r->jsonl_ids[j], a->id);
        if (again)
            continue;
        if (dropped++ < 5)
            fprintf(stderr, PROG ": %s: the rebuild drops article %s (%s)\n", index, a->id,
                    *a->group ? "its file is gone" : "not given again: JSON Lines or a file "
                    "given alone");
    }
    if (dropped > 5)
        fprintf(stderr, PROG ": %s: the rebuild drops %zu articles in all\n", index, dropped);
    r->removed += dropped;
}

/* Lists the articles the index holds into r->known: through the writers,
 * or for a rebuild through a reader of the old index (opened with the
 * stemmer it was built with, which may not be this run's).  A rebuild of
 * an index it cannot read (another format) starts from nothing.  Returns
 * 0, or -1 with a message printed. */
static int list_known(run *r, const char *index, int rebuild)
{
    cari_status st = CARI_OK;
    if (!rebuild) {
        if ((st = cari_writer_list_articles(r->w, known_collect, &r->known)))
            fprintf(stderr, PROG ": %s\n", cari_writer_errmsg(r->w));
    } else {
        static const int stemmers[] = {CARI_OPEN_STEM_SNOWBALL, CARI_OPEN_STEM_NONE};
        cari_db *old = NULL;
        st = cari_open(&old, index, CARI_OPEN_READ);
        for (size_t i = 0; st == CARI_MISMATCH && i < 2; i++) {
            cari_close(old);
            st = cari_open(&old, index, CARI_OPEN_READ | stemmers[i]);
        }
        if (!st && (st = cari_list_articles(old, known_collect, &r->known)))
            fprintf(stderr, PROG ": %s\n", cari_errmsg(old));
        else if (st && st != CARI_NOTFOUND)
            fprintf(stderr, PROG ": %s; the rebuild keeps only what this run gives\n",
                    cari_errmsg(old));
        cari_close(old);
        if (st != CARI_NOMEM && st != CARI_ERROR)
            st = CARI_OK;
    }
    if (!st && known_finish(&r->known))
        st = CARI_NOMEM;
    if (st == CARI_NOMEM)
        fprintf(stderr, PROG ": out of memory\n");
    return st ? -1 : 0;
}

/* A rebuild: adds to r->roots every folder the old index records that no
 * folder given holds, so that its articles are read again. */
static void add_recorded_roots(run *r)
{
    for (size_t g = 0; g < r->known.n_groups; g++) {
        const char *group = r->known.groups[g];
        int held = 0;
        for (size_t k = 0; !held && k < r->n_roots; k++)
            held = !strcmp(group, r->roots[k]) || known_inside(group, r->roots[k]);
        if (held)
            continue;
        char **v = realloc(r->roots, (r->n_roots + 1) * sizeof *v);
        if (!v || !(v[r->n_roots] = strdup(group)))
            die_nomem();
        r->roots = v;
        r->n_roots++;
    }
}

static void close_all(run *r)
{
    cari_writer_close(r->w);
    r->w = NULL;
}

/* ---- --list, --stats, --check ------------------------------------------ */

static int print_article(void *ctx, const cari_article_info *a)
{
    (void)ctx;
    printf("%s\t%zu\n", a->id, a->passages);
    return 0;
}

static void print_problem(void *ctx, const char *problem)
{
    fprintf(stderr, PROG ": %s: %s\n", (const char *)ctx, problem);
}

/* Runs --list, --stats or --check on the index (all its shards).
 * Returns the exit status. */
static int inspect(const char *index, int what)
{
    cari_db *db;
    int status = 0;
    if (cari_open(&db, index, CARI_OPEN_READ)) {
        fprintf(stderr, PROG ": %s\n", cari_errmsg(db));
        cari_close(db);
        return 2;
    }
    if (what == 'l') {
        if (cari_list_articles(db, print_article, NULL))
            status = 2;
    } else if (what == 's') {
        cari_stats s;
        int shards = cari_shard_count(index);
        if (cari_get_stats(db, &s)) {
            status = 2;
        } else {
            if (shards > 0)
                printf("shards\t%d\n", shards);
            printf("articles\t%zu\npassages\t%zu\nterms\t%llu\nbytes\t%llu\nstemmer\t%s\n"
                   "bm25_b\t%g\n",
                   s.articles, s.passages, s.terms, s.bytes, s.stemmer, s.bm25_b);
            printf("with_date\t%zu\nwith_url\t%zu\nwith_source\t%zu\nwith_authors\t%zu\n"
                   "with_categories\t%zu\nwith_lang\t%zu\n",
                   s.with_date, s.with_url, s.with_source, s.with_authors,
                   s.with_categories, s.with_lang);
        }
    } else {
        size_t problems;
        if (cari_check(db, print_problem, (void *)index, &problems)) {
            status = 2;
        } else if (problems) {
            fprintf(stderr, PROG ": %s: %zu problem%s found\n", index, problems,
                    problems == 1 ? "" : "s");
            status = 1;
        } else {
            printf("%s: ok\n", index);
        }
    }
    if (status == 2)
        fprintf(stderr, PROG ": %s\n", cari_errmsg(db));
    cari_close(db);
    return status;
}

/* Makes sure what went to stdout was written (a full disk, a closed
 * file): when not, says so and returns `failed` if it is worse than
 * `status`.  Returns the exit status. */
static int flush_output(int status, int failed)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    fprintf(stderr, PROG ": writing the output: %s%s\n", strerror(errno ? errno : EIO),
            failed < 2 ? " (the index is updated all the same)" : "");
    return status > failed ? status : failed;
}

/* The number in environment variable `name` (dflt when unset or empty),
 * clamped to [min, max]: the tuning knobs $CARI_THREADS,
 * $CARI_SEGMENT_PASSAGES and $CARI_SPELLING_FLUSH. */
static long env_long(const char *name, long dflt, long min, long max)
{
    const char *env = getenv(name);
    long n = env && *env ? strtol(env, NULL, 10) : dflt;
    return n < min ? min : n > max ? max : n;
}

/* The bytes of the files under `path` (for --compact's summary). */
static unsigned long long tree_total;

static int add_file_bytes(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F)
        tree_total += (unsigned long long)sb->st_size;
    return 0;
}

static unsigned long long tree_bytes(const char *path)
{
    tree_total = 0;
    nftw(path, add_file_bytes, 16, FTW_PHYS);
    return tree_total;
}

/* Ends the run when Xapian cannot recover from a failed write (a
 * cari_fatal_fn): libcari has removed the unfinished build and the lock;
 * the index is as the last commit left it. */
static void on_fatal(const char *msg)
{
    fprintf(stderr, PROG ": Xapian could not recover from a failed write: %s\n"
            PROG ": stopping; the index is left as it was\n", msg);
    _exit(2);
}

/* Parses a number of seconds or exits with a message. */
static double seconds(const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !isfinite(v) || v < 0) {
        fprintf(stderr, PROG ": --wait: expected seconds, got %s\n", arg);
        exit(2);
    }
    return v;
}

/* Parses a number from 0 to 1 given to `option`, or exits with a message. */
static double fraction(const char *option, const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= 0 && v <= 1)) {
        fprintf(stderr, PROG ": %s: expected a number from 0 to 1, got %s\n", option, arg);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    enum { OPT_JSONL = 256, OPT_KEEP, OPT_REBUILD, OPT_WAIT, OPT_REMOVE, OPT_LIST,
           OPT_STATS, OPT_CHECK, OPT_SHARDS, OPT_COMPACT, OPT_B };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'd'},
        {"jsonl", required_argument, NULL, OPT_JSONL},
        {"keep-missing", no_argument, NULL, OPT_KEEP},
        {"rebuild", no_argument, NULL, OPT_REBUILD},
        {"wait", required_argument, NULL, OPT_WAIT},
        {"remove", no_argument, NULL, OPT_REMOVE},
        {"list", no_argument, NULL, OPT_LIST},
        {"stats", no_argument, NULL, OPT_STATS},
        {"check", no_argument, NULL, OPT_CHECK},
        {"compact", no_argument, NULL, OPT_COMPACT},
        {"shards", required_argument, NULL, OPT_SHARDS},
        {"b", required_argument, NULL, OPT_B},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *index = getenv("CARI_INDEX");
    const char *jsonl = NULL;
    int quiet = 0, keep_missing = 0, rebuild = 0, remove_ids = 0, inspect_what = 0, c;
    int compact = 0;
    double wait = 0, bm25_b = -1;
    unsigned shards = 0;
    while ((c = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case OPT_JSONL: jsonl = optarg; break;
        case OPT_KEEP: keep_missing = 1; break;
        case OPT_REBUILD: rebuild = 1; break;
        case OPT_WAIT: wait = seconds(optarg); break;
        case OPT_REMOVE: remove_ids = 1; break;
        case OPT_LIST:
        case OPT_STATS:
        case OPT_CHECK: {
            int what = c == OPT_LIST ? 'l' : c == OPT_STATS ? 's' : 'c';
            if (inspect_what && inspect_what != what) {
                fprintf(stderr, PROG ": --list, --stats and --check go one at a time\n");
                return 2;
            }
            inspect_what = what;
            break;
        }
        case OPT_COMPACT: compact = 1; break;
        case OPT_B: bm25_b = fraction("--b", optarg); break;
        case OPT_SHARDS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 256) {
                fprintf(stderr, PROG ": --shards: expected 1 to 256, got %s\n", optarg);
                return 2;
            }
            shards = (unsigned)v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V': return cari_cli_version(stdout, PROG);
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!index || !*index)
        index = DEFAULT_INDEX;
    cari_set_fatal_handler(on_fatal);
    if (inspect_what && (optind < argc || jsonl || remove_ids || rebuild || compact)) {
        fprintf(stderr, PROG ": --%s reads the index and takes no PATH, --jsonl, --remove, "
                "--rebuild or --compact\n", inspect_what == 'l' ? "list"
                : inspect_what == 's' ? "stats" : "check");
        return 2;
    }
    if (inspect_what)
        return flush_output(inspect(index, inspect_what), 2);
    if (!jsonl && optind == argc && !compact && !(rebuild && !remove_ids)) {
        fprintf(stderr, PROG ": no %s given (try --help)\n", remove_ids ? "ID" : "PATH");
        return 2;
    }
    /* --compact alone works on an index that exists: it creates none. */
    struct stat isb;
    if (compact && !jsonl && optind == argc && stat(index, &isb) != 0) {
        fprintf(stderr, PROG ": %s: no index to compact (%s)\n", index, strerror(errno));
        return 2;
    }

    input_list files = {0};
    run r = {0};
    r.progress = !quiet && isatty(STDERR_FILENO);
    pthread_mutex_init(&r.warn_mu, NULL);
    r.jsonl = jsonl; /* before the workers start: they read it */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.flags = rebuild ? CARI_WRITE_REBUILD : 0;
    wo.shards = shards;
    wo.wait_seconds = wait;
    wo.threads = (unsigned)env_long("CARI_THREADS", 0, 0, 256);
    wo.segment_passages = (size_t)env_long("CARI_SEGMENT_PASSAGES", 0, 0, LONG_MAX);
    wo.spelling_flush = (size_t)env_long("CARI_SPELLING_FLUSH", 0, 0, LONG_MAX);
    if (wo.spelling_flush && wo.spelling_flush < 1000)
        wo.spelling_flush = 1000;
    /* $CARI_AUTOCOMPACT: the growth in percent past which an update
     * compacts the index (0: never; unset: the library's 10). */
    const char *autocompact = getenv("CARI_AUTOCOMPACT");
    if (autocompact && *autocompact) {
        long p = env_long("CARI_AUTOCOMPACT", 0, 0, 100000);
        wo.autocompact_percent = p ? (int)p : -1;
    }
    if (cari_writer_open(&r.w, index, &wo) ||
        (bm25_b >= 0 && cari_set_bm25_b(r.w, bm25_b))) {
        fprintf(stderr, PROG ": %s\n", cari_writer_errmsg(r.w));
        close_all(&r);
        return 2;
    }
    cari_set_warning_handler(r.w, on_warning, &r);
    if (testhook_install(r.w, PROG)) {
        close_all(&r);
        return 2;
    }
    if (list_known(&r, index, rebuild && !remove_ids)) {
        close_all(&r);
        return 2;
    }
    if (rebuild && !remove_ids && !jsonl && optind == argc && !r.known.n) {
        fprintf(stderr, PROG ": no PATH given, and %s records no article to read again "
                "(try --help)\n", index);
        close_all(&r);
        known_free(&r.known);
        return 2;
    }

    if (remove_ids) {
        for (int i = optind; i < argc; i++) {
            /* Only ids the index holds, each once: a typo is named. */
            int again = 0;
            for (int j = optind; j < i && !again; j++)
                again = !strcmp(argv[j], argv[i]);
            if (again)
                continue;
            if (!known_group_of(&r.known, argv[i])) {
                fprintf(stderr, PROG ": %s: no article with this id, skipped\n", argv[i]);
                r.skipped++;
                continue;
            }
            if (cari_remove(r.w, argv[i])) {
                fprintf(stderr, PROG ": %s\n", cari_writer_errmsg(r.w));
                close_all(&r);
                return 2;
            }
            r.removed++;
        }
    } else {
        r.roots = calloc((size_t)argc + 1, sizeof *r.roots);
        if (!r.roots)
            die_nomem();
        for (int i = optind; i < argc; i++) {
            struct stat sb;
            const char *p = argv[i];
            if (stat(p, &sb) != 0) {
                fprintf(stderr, PROG ": %s: %s, skipped\n", p, strerror(errno));
                r.skipped++;
            } else if (S_ISDIR(sb.st_mode)) {
                char *real = realpath(p, NULL);
                if (!real)
                    die_nomem();
                r.roots[r.n_roots] = real;
                size_t before = files.n;
                walk(&r, &files, p, "", r.n_roots++, NULL);
                if (files.n == before)
                    fprintf(stderr, PROG ": %s: no article files (.txt, .html, .htm) in it\n", p);
            } else {
                const char *base = strrchr(p, '/');
                push_input(&files, p, base ? base + 1 : p, (size_t)-1);
            }
        }
        if (rebuild) { /* it keeps every article: re-read every folder */
            size_t given = r.n_roots;
            add_recorded_roots(&r);
            for (size_t k = given; k < r.n_roots; k++)
                walk(&r, &files, r.roots[k], "", k, NULL);
            if (!(r.jsonl_ids = malloc(64 * sizeof *r.jsonl_ids)))
                die_nomem();
            r.cap_jsonl_ids = 64;
        }
        map_ids(&r, &files);
        settle_ids(&r, &files);
        index_sources(&r, &files);
        for (size_t i = 0; i < files.n; i++) {
            if (!files.v[i].skip)
                index_file(&r, &files.v[i]);
            progress(&r, i + 1, files.n);
        }
        if (jsonl)
            index_jsonl(&r, jsonl);
        if (rebuild)
            report_dropped(&r, index);
        else if (!keep_missing && r.n_roots)
            remove_missing(&r);
    }

    /* Every input failed: commit nothing (a new index is not created).
     * Otherwise one commit: every shard's changes become visible at once. */
    int status = r.skipped ? 1 : 0;
    if (r.skipped && !(r.added + r.changed + r.unchanged + r.removed)) {
        fprintf(stderr, PROG ": %s: nothing indexed; the index is left as it was\n", index);
        status = 2;
    }
    unsigned long long bytes_before = compact ? tree_bytes(index) : 0;
    if (status < 2 && (compact ? cari_compact(r.w) : cari_commit(r.w))) {
        fprintf(stderr, PROG ": %s\n", cari_writer_errmsg(r.w));
        status = 2;
    }
    r.passages = cari_passages_indexed(r.w);
    close_all(&r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet && status < 2)
        printf("%s: %zu added, %zu changed, %zu unchanged, %zu removed, %zu skipped; "
               "%zu passages indexed in %.2f s\n",
               index, r.added, r.changed, r.unchanged, r.removed, r.skipped, r.passages,
               secs);
    if (!quiet && status < 2 && compact)
        printf("%s: compacted, %.1f MB before, %.1f MB after\n", index,
               (double)bytes_before / 1e6, (double)tree_bytes(index) / 1e6);
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].id);
    }
    free(files.v);
    free(r.by_id);
    known_free(&r.known);
    for (size_t i = 0; i < r.n_jsonl_ids; i++)
        free(r.jsonl_ids[i]);
    free(r.jsonl_ids);
    pthread_mutex_destroy(&r.warn_mu);
    for (size_t i = 0; i < r.n_roots; i++)
        free(r.roots[i]);
    free(r.roots);
    return flush_output(status, 1);
}
