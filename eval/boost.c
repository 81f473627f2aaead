/* Fitting regression trees with XGBoost: see boost.h. */
#include "boost.h"
#include "fail.h"
#include "strbuf.h"

#include <cari.h>

#include <xgboost/c_api.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 4096

void boost_params_init(boost_params *p)
{
    p->trees = 200;
    p->depth = 4;
    p->eta = 0.1;
    p->subsample = 0.8;
    p->colsample = 0.8;
    p->threads = 2;
}

typedef struct {
    int set, leaf;
    unsigned feature, yes, no;
    double threshold, value, cover;
} dnode;

int boost_convert_tree(const char *dump, size_t n_features, char **buf, size_t *len, char **err)
{
    dnode *nd = calloc(MAX_NODES, sizeof *nd);
    if (!nd)
        return eval_fail(err, "out of memory");
    size_t n = 0;
    int rc = 0;
    for (const char *p = dump; *p && !rc;) {
        const char *eol = strchr(p, '\n');
        size_t l = eol ? (size_t)(eol - p) : strlen(p);
        char line[512];
        if (l >= sizeof line) {
            rc = eval_fail(err, "XGBoost dump: line too long");
            break;
        }
        memcpy(line, p, l);
        line[l] = '\0';
        p += l + (eol != NULL);
        const char *s = line + strspn(line, "\t ");
        if (!*s)
            continue;
        unsigned id, f, yes, no, miss;
        double thr, v, gain, cover;
        int used = 0;
        dnode d = {1, 0, 0, 0, 0, 0, 0, 0};
        if (sscanf(s, "%u:leaf=%lf,cover=%lf%n", &id, &v, &cover, &used) == 3 && !s[used]) {
            d.leaf = 1;
            d.value = v;
            d.cover = cover;
        } else if (sscanf(s, "%u:[f%u<%lf] yes=%u,no=%u,missing=%u,gain=%lf,cover=%lf%n", &id,
                          &f, &thr, &yes, &no, &miss, &gain, &cover, &used) == 8 &&
                   !s[used]) {
            d.feature = f;
            d.threshold = thr;
            d.yes = yes;
            d.no = no;
            d.cover = cover;
            if (f >= n_features)
                rc = eval_fail(err, "XGBoost dump: feature %u out of range", f);
            else if (yes <= id || no <= id || yes >= MAX_NODES || no >= MAX_NODES)
                rc = eval_fail(err, "XGBoost dump: node %u's children are not later nodes", id);
        } else {
            rc = eval_fail(err, "XGBoost dump: cannot read \"%s\"", s);
        }
        if (!rc && (id >= MAX_NODES || nd[id].set))
            rc = eval_fail(err, "XGBoost dump: node %u out of range or twice", id);
        if (!rc) {
            nd[id] = d;
            if (id + 1 > n)
                n = id + 1;
        }
    }
    /* Every node, and the splits' means from their children's (later). */
    for (size_t i = n; i-- > 0 && !rc;) {
        dnode *d = &nd[i];
        size_t missing = !d->set                                ? i
                         : d->leaf                              ? SIZE_MAX
                         : d->yes >= n || !nd[d->yes].set ? d->yes
                         : d->no >= n || !nd[d->no].set   ? d->no
                                                                : SIZE_MAX;
        if (missing != SIZE_MAX)
            rc = eval_fail(err, "XGBoost dump: node %zu missing", missing);
        else if (!d->leaf) {
            double cy = nd[d->yes].cover, cn = nd[d->no].cover;
            d->value = cy + cn > 0 ? (cy * nd[d->yes].value + cn * nd[d->no].value) / (cy + cn)
                                   : (nd[d->yes].value + nd[d->no].value) / 2;
        }
    }
    if (!rc && !n)
        rc = eval_fail(err, "XGBoost dump: an empty tree");
    if (!rc && eval_appendf(buf, len, "tree %zu\n", n))
        rc = eval_fail(err, "out of memory");
    for (size_t i = 0; i < n && !rc; i++) {
        const dnode *d = &nd[i];
        int bad = d->leaf ? eval_appendf(buf, len, "%zu leaf %.17g\n", i, d->value)
                          : eval_appendf(buf, len, "%zu %s %.9g %u %u %.17g\n", i,
                                   cari_feature_name(d->feature), d->threshold, d->yes, d->no,
                                   d->value);
        if (bad)
            rc = eval_fail(err, "out of memory");
    }
    free(nd);
    return rc;
}

/* XGBoost's last error as ours. */
static int xgb_fail(char **err, const char *what)
{
    return eval_fail(err, "XGBoost: %s: %s", what, XGBGetLastError());
}

int boost_fit(const train_query *q, size_t nq, const unsigned char *use, size_t F,
              const boost_params *p, char **out, char **err)
{
    *out = NULL;
    *err = NULL;
    /* The rows: every candidate of the used queries that have a judged one. */
    size_t rows = 0, groups = 0;
    for (size_t i = 0; i < nq; i++) {
        int judged = 0;
        for (size_t c = 0; c < q[i].n; c++)
            judged |= q[i].gain[c] > 0;
        if ((!use || use[i]) && judged) {
            rows += q[i].n;
            groups++;
        }
    }
    if (!rows)
        return eval_fail(err, "no question has a judged passage among its candidates");
    float *x = malloc(rows * F * sizeof *x), *label = malloc(rows * sizeof *label);
    unsigned *group = malloc(groups * sizeof *group);
    if (!x || !label || !group) {
        free(x), free(label), free(group);
        return eval_fail(err, "out of memory");
    }
    size_t r = 0, g = 0;
    for (size_t i = 0; i < nq; i++) {
        int judged = 0;
        for (size_t c = 0; c < q[i].n; c++)
            judged |= q[i].gain[c] > 0;
        if ((use && !use[i]) || !judged)
            continue;
        for (size_t c = 0; c < q[i].n; c++, r++) {
            for (size_t f = 0; f < F; f++)
                x[r * F + f] = (float)q[i].x[c * F + f];
            label[r] = (float)q[i].gain[c];
        }
        group[g++] = (unsigned)q[i].n;
    }
    DMatrixHandle dm = NULL;
    BoosterHandle b = NULL;
    int rc = 0;
    char num[64];
    if (XGDMatrixCreateFromMat(x, rows, F, NAN, &dm))
        rc = xgb_fail(err, "matrix");
    else if (XGDMatrixSetFloatInfo(dm, "label", label, rows) ||
             XGDMatrixSetUIntInfo(dm, "group", group, groups))
        rc = xgb_fail(err, "labels");
    else if (XGBoosterCreate(&dm, 1, &b))
        rc = xgb_fail(err, "booster");
    struct { const char *name; double v; int is_int; } params[] = {
        {"eta", p->eta, 0}, {"max_depth", p->depth, 1}, {"subsample", p->subsample, 0},
        {"colsample_bytree", p->colsample, 0}, {"nthread", p->threads, 1}, {"seed", 0, 1},
    };
    if (!rc && (XGBoosterSetParam(b, "objective", "rank:pairwise") ||
                XGBoosterSetParam(b, "verbosity", "0")))
        rc = xgb_fail(err, "parameters");
    for (size_t k = 0; k < sizeof params / sizeof params[0] && !rc; k++) {
        if (params[k].is_int)
            snprintf(num, sizeof num, "%u", (unsigned)params[k].v);
        else
            snprintf(num, sizeof num, "%.17g", params[k].v);
        if (XGBoosterSetParam(b, params[k].name, num))
            rc = xgb_fail(err, params[k].name);
    }
    for (unsigned it = 0; it < p->trees && !rc; it++)
        if (XGBoosterUpdateOneIter(b, (int)it, dm))
            rc = xgb_fail(err, "training");
    bst_ulong n_trees = 0;
    const char **dump = NULL;
    /* The dump on this thread alone: it is quick, and the strings are then
     * written where they are read (ThreadSanitizer cannot see OpenMP's
     * hand-over between threads). */
    if (!rc && XGBoosterSetParam(b, "nthread", "1"))
        rc = xgb_fail(err, "nthread");
    if (!rc && XGBoosterDumpModelEx(b, "", 1, "text", &n_trees, &dump))
        rc = xgb_fail(err, "dump");
    char *buf = NULL;
    size_t len = 0;
    if (!rc && eval_appendf(&buf, &len, "base 0\n"))
        rc = eval_fail(err, "out of memory");
    for (bst_ulong t = 0; t < n_trees && !rc; t++)
        rc = boost_convert_tree(dump[t], F, &buf, &len, err);
    if (b)
        XGBoosterFree(b);
    if (dm)
        XGDMatrixFree(dm);
    free(x), free(label), free(group);
    if (rc) {
        free(buf);
        return -1;
    }
    *out = buf;
    return 0;
}
