/* Regression trees over the rank features: see trees.h. */
#include "trees.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#define UNSET (-2)

/* Grows t's node arrays to hold `need` nodes.  Returns 0 or -1. */
static int reserve(cari_trees *t, size_t need)
{
    if (need <= t->cap_nodes)
        return 0;
    size_t cap = t->cap_nodes ? 2 * t->cap_nodes : 1024;
    while (cap < need)
        cap *= 2;
    cari_tnode *nd = cari_realloc(t->node, cap * sizeof *nd);
    if (!nd)
        return -1;
    t->node = nd;
    double *v = cari_realloc(t->value, cap * sizeof *v);
    if (!v)
        return -1;
    t->value = v;
    uint32_t *yes = cari_realloc(t->yes, cap * sizeof *yes);
    if (!yes)
        return -1;
    t->yes = yes;
    uint32_t *no = cari_realloc(t->no, cap * sizeof *no);
    if (!no)
        return -1;
    t->no = no;
    t->cap_nodes = cap;
    return 0;
}

int cari_trees_begin(cari_trees *t, size_t n)
{
    if (!n || n > UINT32_MAX / 4 || t->n_nodes + n > UINT32_MAX / 2)
        return -1;
    if (t->n_trees == t->cap_trees) {
        size_t cap = t->cap_trees ? 2 * t->cap_trees : 64;
        size_t *r = cari_realloc(t->root, cap * sizeof *r);
        if (!r)
            return -1;
        t->root = r;
        t->cap_trees = cap;
    }
    if (reserve(t, t->n_nodes + n))
        return -1;
    t->root[t->n_trees++] = t->n_nodes;
    for (size_t i = t->n_nodes; i < t->n_nodes + n; i++) {
        t->node[i] = (cari_tnode){UNSET, 0, 0};
        t->value[i] = 0;
    }
    t->n_nodes += n;
    return 0;
}

/* The index of the last tree's node `id`, or (size_t)-1 (with *why) when
 * it is out of range or already set. */
static size_t slot(const cari_trees *t, size_t id, const char **why)
{
    size_t from = t->n_trees ? t->root[t->n_trees - 1] : 0;
    if (!t->n_trees || id >= t->n_nodes - from) {
        *why = "node id out of range";
        return (size_t)-1;
    }
    if (t->node[from + id].feature != UNSET) {
        *why = "node given twice";
        return (size_t)-1;
    }
    return from + id;
}

int cari_trees_set_split(cari_trees *t, size_t id, int feature, float threshold, size_t yes,
                         size_t no, double mean, const char **why)
{
    size_t i = slot(t, id, why);
    if (i == (size_t)-1)
        return -1;
    size_t n = t->n_nodes - t->root[t->n_trees - 1];
    if (yes <= id || no <= id || yes >= n || no >= n || yes == no) {
        *why = "a split's children must be two later nodes of its tree";
        return -1;
    }
    if (feature < 0) {
        *why = "bad feature";
        return -1;
    }
    t->node[i] = (cari_tnode){feature, threshold, 0};
    t->yes[i] = (uint32_t)yes;
    t->no[i] = (uint32_t)no;
    t->value[i] = mean;
    return 0;
}

int cari_trees_set_leaf(cari_trees *t, size_t id, double score, const char **why)
{
    size_t i = slot(t, id, why);
    if (i == (size_t)-1)
        return -1;
    t->node[i] = (cari_tnode){-1, 0, 0};
    t->value[i] = score;
    return 0;
}

int cari_trees_end(cari_trees *t, const char **why)
{
    size_t from = t->n_trees ? t->root[t->n_trees - 1] : 0, n = t->n_nodes - from;
    for (size_t i = from; i < t->n_nodes; i++)
        if (t->node[i].feature == UNSET) {
            *why = "a node of the tree is missing";
            return -1;
        }
    /* Breadth first from the root: each split's children get the next two
     * places.  order[k]: the node (id) placed at k. */
    uint32_t *order = cari_malloc(n * sizeof *order);
    unsigned char *seen = cari_calloc(n, 1);
    cari_tnode *nd = cari_malloc(n * sizeof *nd);
    double *val = cari_malloc(n * sizeof *val);
    int rc = 0;
    if (!order || !seen || !nd || !val)
        rc = -2;
    size_t placed = 1;
    if (!rc) {
        order[0] = 0;
        seen[0] = 1;
    }
    for (size_t k = 0; k < placed && !rc; k++) {
        size_t old = from + order[k];
        nd[k] = t->node[old];
        val[k] = t->value[old];
        if (t->node[old].feature < 0)
            continue;
        uint32_t y = t->yes[old], o = t->no[old];
        if (seen[y] || seen[o]) {
            *why = "a node is the child of two splits";
            rc = -1;
            break;
        }
        seen[y] = seen[o] = 1;
        nd[k].child = (uint32_t)(from + placed);
        order[placed++] = y;
        order[placed++] = o;
    }
    if (!rc && placed != n) {
        *why = "a node of the tree is not reached from its root";
        rc = -1;
    }
    if (!rc) {
        memcpy(t->node + from, nd, n * sizeof *nd);
        memcpy(t->value + from, val, n * sizeof *val);
    }
    free(order), free(seen), free(nd), free(val);
    return rc;
}

double cari_trees_score(const cari_trees *t, const double *x, double *parts, double *base_part)
{
    double s = t->base, base = t->base;
    const cari_tnode *node = t->node;
    for (size_t k = 0; k < t->n_trees; k++) {
        size_t i = t->root[k];
        base += t->value[i];
        while (node[i].feature >= 0) {
            const cari_tnode *nd = &node[i];
            size_t next = nd->child + !((float)x[nd->feature] < nd->threshold);
            if (parts)
                parts[nd->feature] += t->value[next] - t->value[i];
            i = next;
        }
        s += t->value[i];
    }
    if (base_part)
        *base_part = base;
    return s;
}

void cari_trees_score_many(const cari_trees *t, const float *x, size_t stride, size_t n,
                           double *out)
{
    const cari_tnode *node = t->node;
    for (size_t c = 0; c < n; c++)
        out[c] = t->base;
    for (size_t k = 0; k < t->n_trees; k++) {
        size_t root = t->root[k];
        for (size_t c = 0; c < n; c++) {
            const float *xc = x + c * stride;
            size_t i = root;
            while (node[i].feature >= 0)
                i = node[i].child + !(xc[node[i].feature] < node[i].threshold);
            out[c] += t->value[i];
        }
    }
}

void cari_trees_free(cari_trees *t)
{
    free(t->node);
    free(t->value);
    free(t->yes);
    free(t->no);
    free(t->root);
    memset(t, 0, sizeof *t);
}
