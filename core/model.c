/*
 * Learned ranking models: reading the text format (cari.h), refusing a
 * model of another feature set, and scoring a candidate's features.
 */
#include "model.h"
#include "alloc.h"

#include "fsutil.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cari_status fail(cari_model *m, cari_status st, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static cari_status fail(cari_model *m, cari_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->errmsg, sizeof m->errmsg, fmt, ap);
    va_end(ap);
    m->ok = 0;
    return st;
}

const char *cari_model_errmsg(const cari_model *m)
{
    return m ? m->errmsg : "out of memory";
}

void cari_model_free(cari_model *m)
{
    if (m)
        cari_trees_free(&m->trees);
    free(m);
}

/* Splits line[0..len) (no newline) at blanks into at most max fields,
 * NUL-terminating each in place.  Returns the number of fields. */
static size_t fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
        if (n == max)
            return max + 1;
        f[n++] = t;
    }
    return n;
}

static int number(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && end != s && !*end && *out == *out && *out - *out == 0;
}

/* The feature named `name`, or -1. */
static int feature_index(const char *name)
{
    for (size_t i = 0; i < CARI_F_COUNT; i++)
        if (!strcmp(cari_feature_name(i), name))
            return (int)i;
    return -1;
}

/* One body line of a linear model (format 1): "NAME WEIGHT MEAN SCALE". */
static cari_status linear_line(cari_model *m, const char *name, size_t line, char **f, size_t n,
                               int *seen)
{
    double w, mean, scale;
    if (n != 4 || !number(f[1], &w) || !number(f[2], &mean) || !number(f[3], &scale))
        return fail(m, CARI_INVALID, "%s:%zu: want \"NAME WEIGHT MEAN SCALE\"", name, line);
    if (scale <= 0)
        return fail(m, CARI_INVALID, "%s:%zu: scale must be positive", name, line);
    int i = feature_index(f[0]);
    if (i < 0)
        return fail(m, CARI_INVALID, "%s:%zu: unknown feature \"%s\"", name, line, f[0]);
    if (seen[i]++)
        return fail(m, CARI_INVALID, "%s:%zu: feature \"%s\" given twice", name, line, f[0]);
    m->weight[i] = w;
    m->mean[i] = mean;
    m->scale[i] = scale;
    return CARI_OK;
}

/* One body line of a tree model (format 2): "base SCORE", "tree NODES",
 * "ID FEATURE THRESHOLD YES NO MEAN" or "ID leaf SCORE".  *left counts the
 * nodes the current tree still needs. */
static cari_status tree_line(cari_model *m, const char *name, size_t line, char **f, size_t n,
                             size_t *left)
{
    cari_trees *t = &m->trees;
    const char *why = "malformed line";
    double v, thr, id, yes, no;
    if (n == 2 && !strcmp(f[0], "base")) {
        if (t->n_trees || !number(f[1], &v))
            return fail(m, CARI_INVALID, "%s:%zu: want \"base SCORE\" before the trees",
                        name, line);
        t->base = v;
        return CARI_OK;
    }
    if (n == 2 && !strcmp(f[0], "tree")) {
        if (*left)
            return fail(m, CARI_INVALID, "%s:%zu: the tree before has %zu nodes missing", name,
                        line, *left);
        if (!number(f[1], &v) || v < 1 || v > 1e6 || v != (double)(size_t)v)
            return fail(m, CARI_INVALID, "%s:%zu: want \"tree NODES\" (1 to 1000000)", name,
                        line);
        if (cari_trees_begin(t, (size_t)v))
            return fail(m, CARI_NOMEM, "out of memory");
        *left = (size_t)v;
        return CARI_OK;
    }
    if (!*left)
        return fail(m, CARI_INVALID, "%s:%zu: a node outside a tree (want \"tree NODES\")",
                    name, line);
    if (n < 3 || !number(f[0], &id) || id < 0 || id != (double)(size_t)id)
        return fail(m, CARI_INVALID, "%s:%zu: want \"ID FEATURE THRESHOLD YES NO MEAN\" or "
                    "\"ID leaf SCORE\"", name, line);
    int rc;
    if (n == 3 && !strcmp(f[1], "leaf")) {
        if (!number(f[2], &v))
            return fail(m, CARI_INVALID, "%s:%zu: bad leaf score", name, line);
        rc = cari_trees_set_leaf(t, (size_t)id, v, &why);
    } else {
        int feature = feature_index(f[1]);
        if (n != 6)
            return fail(m, CARI_INVALID, "%s:%zu: want \"ID FEATURE THRESHOLD YES NO MEAN\"",
                        name, line);
        if (feature < 0)
            return fail(m, CARI_INVALID, "%s:%zu: unknown feature \"%s\"", name, line, f[1]);
        if (!number(f[2], &thr) || !number(f[3], &yes) || !number(f[4], &no) ||
            !number(f[5], &v) || yes < 0 || no < 0 || yes != (double)(size_t)yes ||
            no != (double)(size_t)no)
            return fail(m, CARI_INVALID, "%s:%zu: want \"ID FEATURE THRESHOLD YES NO MEAN\"",
                        name, line);
        rc = cari_trees_set_split(t, (size_t)id, feature, (float)thr, (size_t)yes, (size_t)no,
                                  v, &why);
    }
    if (rc)
        return fail(m, CARI_INVALID, "%s:%zu: %s", name, line, why);
    if (!--*left && (rc = cari_trees_end(t, &why)))
        return rc == -2 ? fail(m, CARI_NOMEM, "out of memory")
                        : fail(m, CARI_INVALID, "%s:%zu: %s", name, line, why);
    return CARI_OK;
}

/* Parses one model into m (zeroed by the caller).  Returns a status. */
static cari_status parse(cari_model *m, const char *name, const char *text, size_t len)
{
    int seen[CARI_F_COUNT] = {0};
    int state = 0;   /* 0: want the format line, 1: the feature set, 2: the body */
    size_t line = 0, pos = 0, left = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        char buf[512];
        size_t l = end - pos;
        if (l >= sizeof buf)
            return fail(m, CARI_INVALID, "%s:%zu: line too long", name, line);
        memcpy(buf, text + pos, l);
        buf[l] = '\0';
        pos = end + 1;
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *f[7];
        size_t n = fields(buf, f, 6);
        if (n == 0)
            continue;
        if (state == 0) {
            if (n != 2 || strcmp(f[0], "cari-rank-model") ||
                (strcmp(f[1], "1") && strcmp(f[1], "2")))
                return fail(m, CARI_INVALID,
                            "%s:%zu: not a cari ranking model (want \"cari-rank-model 1\" "
                            "or \"cari-rank-model 2\")",
                            name, line);
            m->kind = f[1][0] - '0';
            state = 1;
        } else if (state == 1) {
            char *e;
            long v = n == 2 && !strcmp(f[0], "feature-set") ? strtol(f[1], &e, 10) : -1;
            if (v < 0 || *e)
                return fail(m, CARI_INVALID, "%s:%zu: want \"feature-set N\"", name, line);
            if (v != CARI_FEATURE_SET)
                return fail(m, CARI_MISMATCH,
                            "%s: model of feature set %ld, this cari computes feature set %d:"
                            " train a new one (cari-train)",
                            name, v, CARI_FEATURE_SET);
            state = 2;
        } else {
            cari_status st = m->kind == CARI_MODEL_LINEAR
                                 ? linear_line(m, name, line, f, n, seen)
                                 : tree_line(m, name, line, f, n, &left);
            if (st)
                return st;
        }
    }
    if (state < 2)
        return fail(m, CARI_INVALID, "%s: %s", name,
                    state ? "no \"feature-set N\" line" : "empty: not a cari ranking model");
    if (m->kind == CARI_MODEL_LINEAR) {
        for (size_t i = 0; i < CARI_F_COUNT; i++)
            if (!seen[i])
                return fail(m, CARI_INVALID, "%s: feature \"%s\" missing", name,
                            cari_feature_name(i));
    } else if (left) {
        return fail(m, CARI_INVALID, "%s: the last tree has %zu nodes missing", name, left);
    } else if (!m->trees.n_trees) {
        return fail(m, CARI_INVALID, "%s: no trees", name);
    }
    m->ok = 1;
    return CARI_OK;
}

cari_status cari_model_parse(cari_model **out, const char *name, const char *text, size_t len)
{
    cari_model *m = *out = cari_calloc(1, sizeof *m);
    if (!m)
        return CARI_NOMEM;
    return parse(m, name ? name : "model", text, len);
}

cari_status cari_model_load(cari_model **out, const char *path)
{
    cari_model *m = *out = cari_calloc(1, sizeof *m);
    if (!m)
        return CARI_NOMEM;
    char *text;
    size_t len;
    int rc = cari_read_file(path, &text, &len);
    if (rc)
        return fail(m, rc == ENOMEM ? CARI_NOMEM : CARI_IO, "%s: %s", path, strerror(rc));
    cari_status st = parse(m, path, text, len);
    free(text);
    return st;
}

double cari_model_parts(const cari_model *m, const double *x, double *parts, double *base)
{
    if (base)
        *base = 0;
    if (m->kind == CARI_MODEL_TREES) {
        if (parts)
            memset(parts, 0, CARI_F_COUNT * sizeof *parts);
        return cari_trees_score(&m->trees, x, parts, base);
    }
    double s = 0;
    for (size_t i = 0; i < CARI_F_COUNT; i++) {
        double c = m->weight[i] * (x[i] - m->mean[i]) / m->scale[i];
        if (parts)
            parts[i] = c;
        s += c;
    }
    return s;
}

int cari_model_score_all(const cari_model *m, const double *x, size_t stride, size_t n,
                         double *out)
{
    if (m->kind != CARI_MODEL_TREES) {
        for (size_t c = 0; c < n; c++)
            out[c] = cari_model_parts(m, (const double *)((const char *)x + c * stride), NULL,
                                      NULL);
        return 0;
    }
    float *xf = cari_malloc((n ? n : 1) * CARI_F_COUNT * sizeof *xf);
    if (!xf)
        return -1;
    for (size_t c = 0; c < n; c++) {
        const double *xc = (const double *)((const char *)x + c * stride);
        for (size_t f = 0; f < CARI_F_COUNT; f++)
            xf[c * CARI_F_COUNT + f] = (float)xc[f];
    }
    cari_trees_score_many(&m->trees, xf, CARI_F_COUNT, n, out);
    free(xf);
    return 0;
}

double cari_model_score(const cari_model *m, const double *features)
{
    return m && m->ok && features ? cari_model_parts(m, features, NULL, NULL) : 0;
}

int cari_model_has_base(const cari_model *m)
{
    return m->kind == CARI_MODEL_TREES;
}
