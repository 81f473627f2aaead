/*
 * _cari: the CPython binding of cari.h, kept thin.  The Python package
 * `cari` (cari/__init__.py) builds the documented classes on it; this
 * file only turns C calls into Python values and statuses into
 * exceptions.
 *
 *   Index(paths, write, rebuild, stemmer, wait)   a reader (cari_db) or a
 *                                                 writer (cari_writer)
 *   Synonyms(default, path, text)                 one cari_synonyms set
 *   Model(path)                                   one cari_model
 *   version(), index_format(), stemmer_signature(), xapian_version()
 *
 * A handle serves one thread at a time (cari.h): calls that run long
 * (adding a file, committing, searching) release the GIL, and a second
 * thread entering a busy handle gets RuntimeError instead of undefined
 * behaviour.  Warnings come from cari's build threads, which must not
 * touch Python: they are kept in C, under a mutex, until take_warnings().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "cari.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- exceptions, by status ------------------------------------------------ */

static PyObject *Error, *NotFoundError, *LockedError, *CorruptError, *InvalidError,
    *CariIOError, *MismatchError;

/* Raises the exception of status st with message msg.  Returns NULL. */
static PyObject *raise_status(cari_status st, const char *msg)
{
    PyObject *type = Error;
    switch (st) {
    case CARI_NOMEM: return PyErr_NoMemory();
    case CARI_NOTFOUND: type = NotFoundError; break;
    case CARI_LOCKED: type = LockedError; break;
    case CARI_CORRUPT: type = CorruptError; break;
    case CARI_INVALID: type = InvalidError; break;
    case CARI_IO: type = CariIOError; break;
    case CARI_MISMATCH: type = MismatchError; break;
    default: break;
    }
    PyObject *e = Py_BuildValue("(s,i)", msg && *msg ? msg : cari_status_str(st), (int)st);
    if (e) {
        PyErr_SetObject(type, e);
        Py_DECREF(e);
    }
    return NULL;
}

/* ---- Synonyms -------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    cari_synonyms *syn;
} SynonymsObject;

static void Synonyms_dealloc(SynonymsObject *self)
{
    cari_synonyms_free(self->syn);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Synonyms_init(SynonymsObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"default", "path", "text", NULL};
    int dflt = 1;
    PyObject *arg = Py_None, *path = NULL;
    const char *text = NULL;
    Py_ssize_t text_len = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|pOz#", names, &dflt, &arg, &text, &text_len))
        return -1;
    if (arg != Py_None && !PyUnicode_FSConverter(arg, &path))
        return -1;
    cari_synonyms_free(self->syn);
    self->syn = NULL;
    cari_status st = cari_synonyms_new(&self->syn);
    if (!st && dflt)
        st = cari_synonyms_add_default(self->syn);
    if (!st && path)
        st = cari_synonyms_add_file(self->syn, PyBytes_AS_STRING(path));
    if (!st && text)
        st = cari_synonyms_add_text(self->syn, "<text>", text, (size_t)text_len);
    Py_XDECREF(path);
    if (st) {
        raise_status(st, self->syn ? cari_synonyms_errmsg(self->syn) : NULL);
        return -1;
    }
    return 0;
}

static PyObject *Synonyms_len(SynonymsObject *self, PyObject *unused)
{
    (void)unused;
    return PyLong_FromSize_t(self->syn ? cari_synonyms_count(self->syn) : 0);
}

static PyMethodDef Synonyms_methods[] = {
    {"count", (PyCFunction)Synonyms_len, METH_NOARGS, "Number of groups."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SynonymsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cari._cari.Synonyms",
    .tp_basicsize = sizeof(SynonymsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A set of synonym groups (cari_synonyms).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Synonyms_init,
    .tp_dealloc = (destructor)Synonyms_dealloc,
    .tp_methods = Synonyms_methods,
};

/* ---- Model ------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    cari_model *model;
} ModelObject;

static void Model_dealloc(ModelObject *self)
{
    cari_model_free(self->model);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Model(path=None): the model file at path, or the bundled model. */
static int Model_init(ModelObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"path", NULL};
    PyObject *arg = Py_None, *path = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O", names, &arg))
        return -1;
    if (arg != Py_None && !PyUnicode_FSConverter(arg, &path))
        return -1;
    cari_model_free(self->model);
    self->model = NULL;
    cari_status st = path ? cari_model_load(&self->model, PyBytes_AS_STRING(path))
                          : cari_model_default(&self->model);
    Py_XDECREF(path);
    if (st) {
        raise_status(st, self->model ? cari_model_errmsg(self->model) : NULL);
        return -1;
    }
    return 0;
}

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cari._cari.Model",
    .tp_basicsize = sizeof(ModelObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A learned ranking's model (cari_model).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
};

/* ---- Index ----------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    cari_db *db;             /* a reader, or */
    cari_writer *w;          /* a writer */
    int busy;                /* a call is running on db (GIL released) */
    pthread_mutex_t warn_mu; /* guards warnings: build threads append */
    char *warnings;          /* "id\tline\tmessage\n"..., malloc'd */
    size_t warn_len;
} IndexObject;

/* The warning handler: appends one line under the mutex; never Python. */
static void on_warning(void *ctx, const char *id, size_t line, const char *msg)
{
    IndexObject *self = ctx;
    char head[32];
    int hl = snprintf(head, sizeof head, "\t%zu\t", line);
    size_t add = strlen(id) + (size_t)hl + strlen(msg) + 2;
    pthread_mutex_lock(&self->warn_mu);
    char *w = realloc(self->warnings, self->warn_len + add);
    if (w) {
        self->warnings = w;
        self->warn_len += (size_t)snprintf(w + self->warn_len, add, "%s%s%s\n", id, head, msg);
    }
    pthread_mutex_unlock(&self->warn_mu);
}

/* The message of the handle's last failure. */
static const char *errmsg(const IndexObject *self)
{
    return self->w ? cari_writer_errmsg(self->w) : cari_errmsg(self->db);
}

static void Index_dealloc(IndexObject *self)
{
    cari_close(self->db);
    cari_writer_close(self->w);
    free(self->warnings);
    pthread_mutex_destroy(&self->warn_mu);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Index_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    (void)args, (void)kw;
    IndexObject *self = (IndexObject *)type->tp_alloc(type, 0);
    if (self)
        pthread_mutex_init(&self->warn_mu, NULL);
    return (PyObject *)self;
}

/* The file-system encodings of the str/bytes/PathLike items of `list`:
 * an array of n C strings (NULL-terminated) and, in *keep, the bytes
 * objects that hold them.  Returns NULL with an exception set on failure.
 * The caller releases both with free_fs_paths(). */
static const char **fs_paths(PyObject *list, PyObject ***keep)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    PyObject **enc = PyMem_Calloc((size_t)n + 1, sizeof *enc);
    const char **paths = PyMem_Calloc((size_t)n + 1, sizeof *paths);
    *keep = enc;
    if (!enc || !paths) {
        PyMem_Free(paths);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_FSConverter(PyList_GET_ITEM(list, i), &enc[i])) {
            PyMem_Free(paths);
            return NULL;
        }
        paths[i] = PyBytes_AS_STRING(enc[i]);
    }
    return paths;
}

/* Releases what fs_paths() returned (either may be NULL). */
static void free_fs_paths(const char **paths, PyObject **keep)
{
    for (size_t i = 0; keep && keep[i]; i++)
        Py_DECREF(keep[i]);
    PyMem_Free(keep);
    PyMem_Free(paths);
}

static PyObject *strings(const char *const *v, size_t n);

/* Index(paths, write=False, rebuild=False, stemmer=0, wait=0.0): paths is
 * a list of index paths (several: read as one). */
static int Index_init(IndexObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"paths", "write", "rebuild", "stemmer", "wait", NULL};
    PyObject *paths;
    int write = 0, rebuild = 0, stemmer = 0;
    double wait = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|ppid", names, &PyList_Type, &paths, &write,
                                     &rebuild, &stemmer, &wait))
        return -1;
    Py_ssize_t n = PyList_GET_SIZE(paths);
    if (n < 1 || (write && n > 1)) {
        PyErr_SetString(PyExc_ValueError, "one index to write, one or more to read");
        return -1;
    }
    PyObject **enc;
    const char **cpaths = fs_paths(paths, &enc);
    cari_status st = CARI_OK;
    if (cpaths) {
        cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
        wo.flags = stemmer | (rebuild ? CARI_WRITE_REBUILD : 0);
        wo.wait_seconds = wait;
        Py_BEGIN_ALLOW_THREADS
        st = write    ? cari_writer_open(&self->w, cpaths[0], &wo)
             : n == 1 ? cari_open(&self->db, cpaths[0], stemmer)
                      : cari_open_shards(&self->db, cpaths, (size_t)n, stemmer);
        Py_END_ALLOW_THREADS
    }
    int ok = cpaths != NULL;
    free_fs_paths(cpaths, enc);
    if (!ok)
        return -1;
    if (st) {
        raise_status(st, errmsg(self));
        cari_close(self->db);
        cari_writer_close(self->w);
        self->db = NULL;
        self->w = NULL;
        return -1;
    }
    if (self->w)
        cari_set_warning_handler(self->w, on_warning, self);
    return 0;
}

/* Claims the handle for one call: 0, or -1 with an exception set when it
 * is closed or in use by another thread. */
static int claim(IndexObject *self)
{
    if (!self->db && !self->w) {
        PyErr_SetString(PyExc_ValueError, "the index is closed");
        return -1;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "an Index serves one thread at a time");
        return -1;
    }
    self->busy = 1;
    return 0;
}

/* As claim(), for a call that needs a writer (want_writer) or a reader. */
static int claim_as(IndexObject *self, int want_writer)
{
    if (claim(self))
        return -1;
    if (!self->w != !want_writer) {
        self->busy = 0;
        PyErr_SetString(PyExc_TypeError, want_writer ? "the index is open for reading only"
                                                     : "the index is open for writing");
        return -1;
    }
    return 0;
}

/* Ends a call: returns Py_None, or raises the status's exception. */
static PyObject *done(IndexObject *self, cari_status st)
{
    self->busy = 0;
    if (st)
        return raise_status(st, errmsg(self));
    Py_RETURN_NONE;
}

static PyObject *added_tuple(const cari_added *a)
{
    return Py_BuildValue("(in)", (int)a->change, (Py_ssize_t)a->passages);
}

/* add_text(id, text: bytes) -> (change, passages) */
static PyObject *Index_add_text(IndexObject *self, PyObject *args)
{
    PyObject *id;
    const char *text;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "O&y#", PyUnicode_FSConverter, &id, &text, &len))
        return NULL;
    cari_added a = {0};
    PyObject *r = NULL;
    if (!claim_as(self, 1)) {
        cari_status st;
        Py_BEGIN_ALLOW_THREADS
        st = cari_add_text(self->w, PyBytes_AS_STRING(id), text, (size_t)len, &a);
        Py_END_ALLOW_THREADS
        if ((r = done(self, st)))
            Py_SETREF(r, added_tuple(&a));
    }
    Py_DECREF(id);
    return r;
}

/* add_article(id, title: bytes|None, text: bytes) -> (change, passages) */
static PyObject *Index_add_article(IndexObject *self, PyObject *args)
{
    PyObject *id;
    const char *title, *text;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "O&zy#", PyUnicode_FSConverter, &id, &title, &text, &len))
        return NULL;
    cari_added a = {0};
    PyObject *r = NULL;
    if (!claim_as(self, 1)) {
        cari_status st;
        Py_BEGIN_ALLOW_THREADS
        st = cari_add_article(self->w, PyBytes_AS_STRING(id), title, text, (size_t)len, &a);
        Py_END_ALLOW_THREADS
        if ((r = done(self, st)))
            Py_SETREF(r, added_tuple(&a));
    }
    Py_DECREF(id);
    return r;
}

static long read_file(void *ctx, char *buf, size_t cap)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, cap, f);
    return n == 0 && ferror(f) ? -1 : (long)n;
}

/* Hashes the file f (rewinding it after).  Returns 0, 1 for a binary file
 * (a NUL byte), -1 on a read error. */
static int hash_file(FILE *f, char *hash)
{
    char buf[65536];
    cari_hasher h;
    cari_hash_init(&h);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (memchr(buf, '\0', n))
            return 1;
        cari_hash_update(&h, buf, n);
    }
    if (ferror(f))
        return -1;
    cari_hash_final(&h, hash);
    rewind(f);
    return 0;
}

/* add_file(id, path, html=False) -> (change, passages): an article file
 * (html: a saved web page) read in pieces, not read at all when the index
 * holds its content (by hash).  A binary file raises InvalidError. */
static PyObject *Index_add_file(IndexObject *self, PyObject *args)
{
    PyObject *id, *path;
    int html = 0;
    if (!PyArg_ParseTuple(args, "O&O&|p", PyUnicode_FSConverter, &id, PyUnicode_FSConverter, &path,
                          &html))
        return NULL;
    PyObject *r = NULL;
    cari_added a = {0};
    if (!claim_as(self, 1)) {
        cari_status st = CARI_OK;
        int err = 0, kind = 0;
        char hash[CARI_HASH_LEN + 1];
        Py_BEGIN_ALLOW_THREADS
        FILE *f = fopen(PyBytes_AS_STRING(path), "rb");
        if (!f) {
            err = errno;
        } else {
            kind = hash_file(f, hash);
            if (kind == 0)
                st = (html ? cari_add_html : cari_add_stream)(self->w, PyBytes_AS_STRING(id), hash,
                                                              read_file, f, &a);
            else if (kind < 0)
                err = errno ? errno : EIO;
            fclose(f);
        }
        Py_END_ALLOW_THREADS
        self->busy = 0;
        if (err) {
            errno = err;
            PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
        } else if (kind == 1) {
            PyErr_Format(InvalidError, "%s: binary file (NUL byte)", PyBytes_AS_STRING(path));
        } else if ((r = done(self, st))) {
            Py_SETREF(r, added_tuple(&a));
        }
    }
    Py_DECREF(id);
    Py_DECREF(path);
    return r;
}

/* remove(id) */
static PyObject *Index_remove(IndexObject *self, PyObject *args)
{
    PyObject *id;
    if (!PyArg_ParseTuple(args, "O&", PyUnicode_FSConverter, &id))
        return NULL;
    PyObject *r = claim_as(self, 1) ? NULL : done(self, cari_remove(self->w, PyBytes_AS_STRING(id)));
    Py_DECREF(id);
    return r;
}

/* The problems a folder sync names, kept as "FILE:LINE: message" strings
 * for the report.  Filled by on_sync_problem (the sync's cari_warn_fn,
 * called one call at a time, never Python); the caller frees the strings
 * and the array. */
typedef struct {
    char **items;
    size_t n, cap;
    int nomem;
} sync_problems;

static void on_sync_problem(void *ctx, const char *file, size_t line, const char *msg)
{
    sync_problems *p = ctx;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        char **items = realloc(p->items, cap * sizeof *items);
        if (!items) {
            p->nomem = 1;
            return;
        }
        p->items = items;
        p->cap = cap;
    }
    char head[32] = "";
    if (line)
        snprintf(head, sizeof head, ":%zu", line);
    size_t size = (file ? strlen(file) : 0) + strlen(head) + strlen(msg) + 3;
    char *item = malloc(size);
    if (!item) {
        p->nomem = 1;
        return;
    }
    if (file)
        snprintf(item, size, "%s%s: %s", file, head, msg);
    else
        snprintf(item, size, "%s", msg);
    p->items[p->n++] = item;
}

/* sync_folders(paths: list, keep_missing=False)
 *   -> (added, changed, unchanged, removed, skipped, problems: [str])
 * cari_writer_sync_folders() over the paths; nothing committed. */
static PyObject *Index_sync_folders(IndexObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"paths", "keep_missing", NULL};
    PyObject *paths;
    int keep = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|p", names, &PyList_Type, &paths, &keep))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(paths);
    PyObject **enc;
    const char **cpaths = fs_paths(paths, &enc);
    PyObject *r = NULL;
    sync_problems probs = {0};
    cari_sync_counts c = {0};
    if (cpaths && !claim_as(self, 1)) {
        cari_sync_options so = CARI_SYNC_OPTIONS_INIT;
        so.flags = keep ? CARI_SYNC_KEEP_MISSING : 0;
        so.warn = on_sync_problem;
        so.warn_ctx = &probs;
        cari_status st;
        Py_BEGIN_ALLOW_THREADS
        st = cari_writer_sync_folders(self->w, cpaths, (size_t)n, &so, &c);
        Py_END_ALLOW_THREADS
        if ((r = done(self, st)) && probs.nomem)
            Py_SETREF(r, PyErr_NoMemory());
        if (r) {
            PyObject *list = strings((const char *const *)probs.items, probs.n);
            Py_SETREF(r, list ? Py_BuildValue("(nnnnnN)", (Py_ssize_t)c.added,
                                              (Py_ssize_t)c.changed, (Py_ssize_t)c.unchanged,
                                              (Py_ssize_t)c.removed, (Py_ssize_t)c.skipped, list)
                              : NULL);
        }
    }
    for (size_t i = 0; i < probs.n; i++)
        free(probs.items[i]);
    free(probs.items);
    free_fs_paths(cpaths, enc);
    return r;
}

/* set_group(group: str|None) */
static PyObject *Index_set_group(IndexObject *self, PyObject *args)
{
    PyObject *arg = Py_None, *group = NULL;
    if (!PyArg_ParseTuple(args, "|O", &arg))
        return NULL;
    if (arg != Py_None && !PyUnicode_FSConverter(arg, &group))
        return NULL;
    PyObject *r = claim_as(self, 1) ? NULL
                              : done(self, cari_set_group(self->w, group ? PyBytes_AS_STRING(group)
                                                                          : NULL));
    Py_XDECREF(group);
    return r;
}

/* set_bm25_b(b) */
static PyObject *Index_set_bm25_b(IndexObject *self, PyObject *args)
{
    double b;
    if (!PyArg_ParseTuple(args, "d", &b))
        return NULL;
    return claim_as(self, 1) ? NULL : done(self, cari_set_bm25_b(self->w, b));
}

/* commit() / compact(): may run long; the GIL is released. */
static PyObject *run_long(IndexObject *self, cari_status (*fn)(cari_writer *))
{
    if (claim_as(self, 1))
        return NULL;
    cari_status st;
    Py_BEGIN_ALLOW_THREADS
    st = fn(self->w);
    Py_END_ALLOW_THREADS
    return done(self, st);
}

static PyObject *Index_commit(IndexObject *self, PyObject *unused)
{
    (void)unused;
    return run_long(self, cari_commit);
}

static PyObject *Index_compact(IndexObject *self, PyObject *unused)
{
    (void)unused;
    return run_long(self, cari_compact);
}

static PyObject *Index_close(IndexObject *self, PyObject *unused)
{
    (void)unused;
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "an Index serves one thread at a time");
        return NULL;
    }
    cari_close(self->db);
    cari_writer_close(self->w);
    self->db = NULL;
    self->w = NULL;
    Py_RETURN_NONE;
}

/* take_warnings() -> list of (id: bytes, line, message) since the last call */
static PyObject *Index_take_warnings(IndexObject *self, PyObject *unused)
{
    (void)unused;
    pthread_mutex_lock(&self->warn_mu);
    char *w = self->warnings;
    size_t len = self->warn_len;
    self->warnings = NULL;
    self->warn_len = 0;
    pthread_mutex_unlock(&self->warn_mu);
    PyObject *list = PyList_New(0);
    for (size_t at = 0; list && at < len;) {
        char *nl = memchr(w + at, '\n', len - at), *t1 = memchr(w + at, '\t', len - at);
        char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
        PyObject *item = t2 ? Py_BuildValue("(y#ns#)", w + at, (Py_ssize_t)(t1 - w - at),
                                            (Py_ssize_t)strtol(t1 + 1, NULL, 10), t2 + 1,
                                            (Py_ssize_t)(nl - t2 - 1))
                            : NULL;
        if (!item || PyList_Append(list, item))
            Py_CLEAR(list);
        Py_XDECREF(item);
        at = (size_t)(nl - w) + 1;
    }
    free(w);
    return list;
}

static int on_article(void *ctx, const cari_article_info *a)
{
    PyObject *item = Py_BuildValue("(y n s s)", a->id, (Py_ssize_t)a->passages, a->hash,
                                   a->group);
    int bad = !item || PyList_Append(ctx, item);
    Py_XDECREF(item);
    return bad;
}

/* articles() -> list of (id: bytes, passages, hash, group) in id order */
static PyObject *Index_articles(IndexObject *self, PyObject *unused)
{
    (void)unused;
    if (claim(self))
        return NULL;
    PyObject *list = PyList_New(0);
    cari_status st = !list    ? CARI_OK
                     : self->w ? cari_writer_list_articles(self->w, on_article, list)
                               : cari_list_articles(self->db, on_article, list);
    self->busy = 0;
    if (!list || PyErr_Occurred() || st) {
        Py_XDECREF(list);
        return PyErr_Occurred() ? NULL : raise_status(st, errmsg(self));
    }
    return list;
}

/* stats() -> dict */
static PyObject *Index_stats(IndexObject *self, PyObject *unused)
{
    (void)unused;
    cari_stats s;
    if (claim_as(self, 0))
        return NULL;
    cari_status st = cari_get_stats(self->db, &s);
    if (!done(self, st))
        return NULL;
    return Py_BuildValue("{s:n,s:n,s:K,s:K,s:s,s:d}", "articles", (Py_ssize_t)s.articles,
                         "passages", (Py_ssize_t)s.passages, "terms", s.terms, "bytes", s.bytes,
                         "stemmer", s.stemmer, "bm25_b", s.bm25_b);
}

static void on_problem(void *ctx, const char *problem)
{
    PyObject *s = PyUnicode_DecodeUTF8(problem, (Py_ssize_t)strlen(problem), "replace");
    if (s)
        PyList_Append(ctx, s);
    Py_XDECREF(s);
}

/* check() -> list of problems (empty: the index is sound) */
static PyObject *Index_check(IndexObject *self, PyObject *unused)
{
    (void)unused;
    if (claim_as(self, 0))
        return NULL;
    PyObject *list = PyList_New(0);
    size_t n = 0;
    cari_status st = list ? cari_check(self->db, on_problem, list, &n) : CARI_OK;
    self->busy = 0;
    if (!list || PyErr_Occurred() || st) {
        Py_XDECREF(list);
        return PyErr_Occurred() ? NULL : raise_status(st, errmsg(self));
    }
    return list;
}

/* ---- searching ------------------------------------------------------------- */

static PyObject *text_of(const char *s, size_t len)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "replace");
}

static PyObject *spans(const cari_span *v, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *t = Py_BuildValue("(nn)", (Py_ssize_t)v[i].start, (Py_ssize_t)v[i].end);
        if (!t) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    return list;
}

/* A list of n UTF-8 strings. */
static PyObject *strings(const char *const *v, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *s = text_of(v[i], strlen(v[i]));
        if (!s) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

/* A string, or None for NULL. */
static PyObject *maybe_text(const char *s)
{
    return s ? text_of(s, strlen(s)) : Py_NewRef(Py_None);
}

/* Adds the article metadata of h to the hit dict d, as the searcher's
 * JSON has it (the date in ISO 8601 with its offset).  Returns 0 or -1. */
static int add_meta(PyObject *d, const cari_hit *h)
{
    char date[40];
    cari_format_date(&h->meta, date, sizeof date);
    PyObject *m = Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:N}", "date",
                                maybe_text(h->meta.has_date ? date : NULL), "url",
                                maybe_text(h->meta.url), "source", maybe_text(h->meta.source),
                                "authors", strings(h->meta.authors, h->meta.n_authors),
                                "categories", strings(h->meta.categories, h->meta.n_categories),
                                "lang", maybe_text(h->meta.lang));
    int rc = m ? PyDict_Update(d, m) : -1;
    Py_XDECREF(m);
    return rc;
}

/* The facets of res: a list of (name, [(value, count), ...]). */
static PyObject *facets(const cari_results *res)
{
    size_t n = cari_results_facet_count(res);
    PyObject *list = PyList_New(0);
    for (size_t k = 0; list && k < n; k++) {
        const cari_facet *f = cari_results_facet(res, k);
        PyObject *values = PyList_New(0);
        for (size_t i = 0; values && i < f->n_values; i++) {
            PyObject *v = Py_BuildValue("(Nn)", maybe_text(f->values[i].value),
                                        (Py_ssize_t)f->values[i].count);
            if (!v || PyList_Append(values, v))
                Py_CLEAR(values);
            Py_XDECREF(v);
        }
        PyObject *item = values ? Py_BuildValue("(sN)", f->name, values) : NULL;
        if (!item || PyList_Append(list, item))
            Py_CLEAR(list);
        Py_XDECREF(item);
    }
    return list;
}

/* One hit as a dict with the keys of the searcher's JSON (and the
 * snippet's highlights); explain and context only when asked for. */
static PyObject *hit_dict(const cari_hit *h)
{
    PyObject *d = Py_BuildValue(
        "{s:I,s:d,s:y,s:I,s:N,s:N,s:N,s:N,s:N}", "rank", h->rank, "score", h->score, "article",
        h->article, "passage", h->passage, "title",
        h->title ? text_of(h->title, strlen(h->title)) : Py_NewRef(Py_None), "text",
        text_of(h->text, h->text_len), "snippet", text_of(h->snippet, strlen(h->snippet)),
        "highlights", spans(h->highlights, h->n_highlights), "snippet_highlights",
        spans(h->snippet_highlights, h->n_snippet_highlights));
    if (d && add_meta(d, h))
        Py_CLEAR(d);
    if (d && h->explain) {
        PyObject *list = PyList_New(0);
        for (size_t i = 0; list && i < h->n_explain; i++) {
            const cari_explain *e = &h->explain[i];
            PyObject *p = Py_BuildValue(
                "{s:N,s:d,s:d,s:d,s:d,s:d,s:d,s:d}", "term", text_of(e->term, strlen(e->term)),
                "tf", e->tf, "df", e->df, "idf", e->idf, "length", e->length, "avg_length",
                e->avg_length, "factor", e->factor, "contribution", e->contribution);
            if (!p || PyList_Append(list, p))
                Py_CLEAR(list);
            Py_XDECREF(p);
        }
        if (!list || PyDict_SetItemString(d, "explain", list))
            Py_CLEAR(d);
        Py_XDECREF(list);
    }
    if (d && h->context) {
        PyObject *list = PyList_New(0);
        for (size_t i = 0; list && i < h->n_context; i++) {
            PyObject *c = Py_BuildValue("{s:I,s:N}", "passage", h->context[i].passage, "text",
                                        text_of(h->context[i].text, h->context[i].text_len));
            if (!c || PyList_Append(list, c))
                Py_CLEAR(list);
            Py_XDECREF(c);
        }
        if (!list || PyDict_SetItemString(d, "context", list))
            Py_CLEAR(d);
        Py_XDECREF(list);
    }
    return d;
}

/* search(query, limit, offset, match_all, per_article, exact_total,
 *        explain, context, synonyms, spelling, fix, keep_stopwords,
 *        title_weight, feedback, k1, snippets, rank, rerank_depth, model,
 *        since, until, sort, source, author, category, lang, facets, recent,
 *        now)
 *   -> (hits: list of dicts, total, suggestion or None, fixed, facets) */
static PyObject *Index_search(IndexObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"query",   "limit",       "offset",         "match_all",
                            "per_article", "exact_total", "explain",    "context",
                            "synonyms", "spelling",   "fix",            "keep_stopwords",
                            "title_weight", "feedback", "k1",           "snippets",
                            "rank", "rerank_depth", "model",            "since",
                            "until", "sort",        "source",           "author",
                            "category", "lang",     "facets",           "recent",
                            "now",      NULL};
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    const char *query;
    PyObject *syn = Py_None, *model = Py_None, *since = Py_None, *until = Py_None;
    PyObject *now = Py_None;
    int match_all = 0, exact = 0, explain = 0, spelling = 1, fix = 0, keep = 0, snippets = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s|IIpIppIOpppdIdpiIOOOizzzzzdO", names,
                                     &query, &o.limit, &o.offset, &match_all, &o.per_article,
                                     &exact, &explain, &o.context, &syn, &spelling, &fix, &keep,
                                     &o.title_weight, &o.feedback, &o.k1, &snippets, &o.rank,
                                     &o.rerank_depth, &model, &since, &until, &o.sort, &o.source,
                                     &o.author, &o.category, &o.lang, &o.facets,
                                     &o.recent_half_life, &now))
        return NULL;
    /* now: seconds since 1970, or None for the clock. */
    if (now != Py_None && (o.now = PyLong_AsLongLong(now)) == -1 && PyErr_Occurred())
        return NULL;
    /* since, until: seconds since 1970, or None for no bound. */
    if ((o.has_since = since != Py_None) && (o.since = PyLong_AsLongLong(since)) == -1 &&
        PyErr_Occurred())
        return NULL;
    if ((o.has_until = until != Py_None) && (o.until = PyLong_AsLongLong(until)) == -1 &&
        PyErr_Occurred())
        return NULL;
    if (model != Py_None && !PyObject_TypeCheck(model, &ModelType)) {
        PyErr_SetString(PyExc_TypeError, "model: a Model or None");
        return NULL;
    }
    o.model = model == Py_None ? NULL : ((ModelObject *)model)->model;
    if (syn != Py_None && !PyObject_TypeCheck(syn, &SynonymsType)) {
        PyErr_SetString(PyExc_TypeError, "synonyms: a Synonyms set or None");
        return NULL;
    }
    o.match_all = match_all, o.exact_total = exact, o.explain = explain;
    o.spelling = spelling, o.fix = fix, o.keep_stopwords = keep, o.no_snippets = !snippets;
    o.synonyms = syn == Py_None ? NULL : ((SynonymsObject *)syn)->syn;
    if (claim_as(self, 0))
        return NULL;
    cari_results *res = NULL;
    cari_status st;
    Py_INCREF(syn); /* kept alive while the GIL is released */
    Py_INCREF(model);
    Py_BEGIN_ALLOW_THREADS
    st = cari_search(self->db, query, &o, &res);
    Py_END_ALLOW_THREADS
    Py_DECREF(syn);
    Py_DECREF(model);
    if (!done(self, st))
        return NULL;
    size_t n = cari_results_count(res);
    PyObject *hits = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; hits && i < n; i++) {
        PyObject *h = hit_dict(cari_results_hit(res, i));
        if (!h) {
            Py_CLEAR(hits);
            break;
        }
        PyList_SET_ITEM(hits, (Py_ssize_t)i, h);
    }
    const char *sugg = cari_results_suggestion(res);
    PyObject *r = hits ? Py_BuildValue("(NnNON)", hits, (Py_ssize_t)cari_results_total(res),
                                       maybe_text(sugg),
                                       cari_results_fixed(res) ? Py_True : Py_False, facets(res))
                       : NULL;
    cari_results_free(res);
    return r;
}

static PyMethodDef Index_methods[] = {
    {"add_text", (PyCFunction)Index_add_text, METH_VARARGS, "add_text(id, text) -> (change, passages)"},
    {"add_article", (PyCFunction)Index_add_article, METH_VARARGS,
     "add_article(id, title, text) -> (change, passages)"},
    {"add_file", (PyCFunction)Index_add_file, METH_VARARGS,
     "add_file(id, path, html=False) -> (change, passages)"},
    {"remove", (PyCFunction)Index_remove, METH_VARARGS, "remove(id)"},
    {"sync_folders", (PyCFunction)(void (*)(void))Index_sync_folders, METH_VARARGS | METH_KEYWORDS,
     "sync_folders(paths, keep_missing=False) -> (added, changed, unchanged, removed, skipped, "
     "problems)"},
    {"set_group", (PyCFunction)Index_set_group, METH_VARARGS, "set_group(group=None)"},
    {"set_bm25_b", (PyCFunction)Index_set_bm25_b, METH_VARARGS, "set_bm25_b(b)"},
    {"commit", (PyCFunction)Index_commit, METH_NOARGS, "commit()"},
    {"compact", (PyCFunction)Index_compact, METH_NOARGS, "compact()"},
    {"close", (PyCFunction)Index_close, METH_NOARGS, "close()"},
    {"take_warnings", (PyCFunction)Index_take_warnings, METH_NOARGS,
     "take_warnings() -> [(id, line, message)]"},
    {"articles", (PyCFunction)Index_articles, METH_NOARGS,
     "articles() -> [(id, passages, hash, group)]"},
    {"stats", (PyCFunction)Index_stats, METH_NOARGS, "stats() -> dict"},
    {"check", (PyCFunction)Index_check, METH_NOARGS, "check() -> [problem]"},
    {"search", (PyCFunction)(void (*)(void))Index_search, METH_VARARGS | METH_KEYWORDS,
     "search(query, **options) -> (hits, total, suggestion, fixed)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject IndexType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cari._cari.Index",
    .tp_basicsize = sizeof(IndexObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "One handle on a cari index (cari_db).",
    .tp_new = Index_new,
    .tp_init = (initproc)Index_init,
    .tp_dealloc = (destructor)Index_dealloc,
    .tp_methods = Index_methods,
};

/* ---- the module ------------------------------------------------------------ */

static PyObject *mod_version(PyObject *m, PyObject *unused)
{
    (void)m, (void)unused;
    return PyUnicode_FromString(cari_version());
}

static PyObject *mod_index_format(PyObject *m, PyObject *unused)
{
    (void)m, (void)unused;
    return PyLong_FromLong(cari_index_format());
}

static PyObject *mod_xapian_version(PyObject *m, PyObject *unused)
{
    (void)m, (void)unused;
    return PyUnicode_FromString(cari_xapian_version());
}

static PyObject *mod_stemmer_signature(PyObject *m, PyObject *args)
{
    (void)m;
    int flags = 0;
    char sig[128];
    if (!PyArg_ParseTuple(args, "|i", &flags))
        return NULL;
    cari_status st = cari_stemmer_signature(sig, sizeof sig, flags);
    return st ? raise_status(st, NULL) : PyUnicode_FromString(sig);
}

/* parse_date(text) -> (seconds, has_time): a date as cari reads one
 * (cari_parse_date()); ValueError when it is none. */
static PyObject *mod_parse_date(PyObject *m, PyObject *args)
{
    (void)m;
    const char *text;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "s#", &text, &len))
        return NULL;
    cari_meta meta = {0};
    if (cari_parse_date(text, (size_t)len, &meta) != CARI_OK) {
        PyErr_Format(PyExc_ValueError, "not a date: %R", PyTuple_GET_ITEM(args, 0));
        return NULL;
    }
    return Py_BuildValue("(LO)", meta.date, meta.date_has_time ? Py_True : Py_False);
}

/* parse_span(text) -> seconds: a span as cari reads one
 * (cari_parse_span()); ValueError when it is none. */
static PyObject *mod_parse_span(PyObject *m, PyObject *args)
{
    (void)m;
    const char *text;
    long long seconds;
    if (!PyArg_ParseTuple(args, "s", &text))
        return NULL;
    if (cari_parse_span(text, &seconds) != CARI_OK) {
        PyErr_Format(PyExc_ValueError, "not a span: %R", PyTuple_GET_ITEM(args, 0));
        return NULL;
    }
    return PyLong_FromLongLong(seconds);
}

static PyMethodDef module_methods[] = {
    {"parse_span", mod_parse_span, METH_VARARGS,
     "parse_span(text) -> seconds: a span as cari reads one (7d, 12h)."},
    {"parse_date", mod_parse_date, METH_VARARGS,
     "parse_date(text) -> (seconds, has_time): a date as cari reads one."},
    {"version", mod_version, METH_NOARGS, "The library's version."},
    {"index_format", mod_index_format, METH_NOARGS, "The index format."},
    {"xapian_version", mod_xapian_version, METH_NOARGS, "The Xapian version."},
    {"stemmer_signature", mod_stemmer_signature, METH_VARARGS, "A stemmer's signature."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cari._cari", "The C binding under the cari package.", -1,
    module_methods, NULL, NULL, NULL, NULL,
};

/* Adds the exception `name` (a subclass of base) to m as *out. */
static int add_exception(PyObject *m, PyObject **out, const char *name, PyObject *base)
{
    char full[64];
    snprintf(full, sizeof full, "cari.%s", name);
    *out = PyErr_NewException(full, base, NULL);
    return *out ? PyModule_AddObjectRef(m, name, *out) : -1;
}

PyMODINIT_FUNC PyInit__cari(void)
{
    if (PyType_Ready(&IndexType) < 0 || PyType_Ready(&SynonymsType) < 0 ||
        PyType_Ready(&ModelType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    if (add_exception(m, &Error, "Error", PyExc_Exception) ||
        add_exception(m, &NotFoundError, "NotFoundError", Error) ||
        add_exception(m, &LockedError, "LockedError", Error) ||
        add_exception(m, &CorruptError, "CorruptError", Error) ||
        add_exception(m, &InvalidError, "InvalidError", Error) ||
        add_exception(m, &CariIOError, "IOError", Error) ||
        add_exception(m, &MismatchError, "MismatchError", Error) ||
        PyModule_AddObjectRef(m, "Index", (PyObject *)&IndexType) ||
        PyModule_AddObjectRef(m, "Synonyms", (PyObject *)&SynonymsType) ||
        PyModule_AddObjectRef(m, "Model", (PyObject *)&ModelType) ||
        PyModule_AddIntConstant(m, "RANK_LEARNED", CARI_RANK_LEARNED) ||
        PyModule_AddIntConstant(m, "RANK_BM25", CARI_RANK_BM25) ||
        PyModule_AddIntConstant(m, "SORT_DATE", CARI_SORT_DATE) ||
        PyModule_AddIntConstant(m, "STEM_SNOWBALL", CARI_OPEN_STEM_SNOWBALL) ||
        PyModule_AddIntConstant(m, "STEM_NONE", CARI_OPEN_STEM_NONE)) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
