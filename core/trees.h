/*
 * An ensemble of regression trees over the rank features (trees.c): the
 * second kind of learned ranking model (cari.h, "cari-rank-model 2").
 *
 * A tree is a list of nodes, node 0 its root.  A split sends a candidate
 * to `yes` when its feature's value is below the threshold (both compared
 * as 32-bit floats, as the trainer compared them) and to `no` otherwise;
 * a leaf holds a score.  A model's score is its base plus each tree's
 * leaf.  Every node also keeps the mean score of the leaves below it (the
 * trainer's weights), which splits the score among the features for
 * --explain: a split's feature gets the change from the node's mean to
 * its child's, so the base, the roots' means and the features' parts add
 * up to the score.
 */
#ifndef CARI_TREES_H
#define CARI_TREES_H

#include <stddef.h>
#include <stdint.h>

/* One node, as the score walks it (12 bytes: the walk stays in cache).
 * A tree's nodes are laid out so that a split's two children are next to
 * each other: the walk goes to `child` or `child + 1` without a branch. */
typedef struct {
    int32_t feature;     /* the feature a split reads; -1: a leaf */
    float threshold;     /* a split's threshold */
    uint32_t child;      /* a split's "below" child, as an index into the
                            model's nodes; the other one follows it */
} cari_tnode;

typedef struct {
    cari_tnode *node;    /* every tree's nodes, tree after tree */
    uint32_t *yes, *no;  /* per node while its tree is being read: the
                            children by id within the tree */
    double *value;       /* per node: a leaf's score, a split's mean */
    size_t n_nodes, cap_nodes;
    size_t *root;        /* per tree: its root's index in node */
    size_t n_trees, cap_trees;
    double base;         /* added to every score */
} cari_trees;

/* Starts a tree of n nodes (its nodes are then set with
 * cari_trees_set_split()/cari_trees_set_leaf(), by their ids 0..n-1, all
 * of them).  Returns 0, or -1 when out of memory. */
int cari_trees_begin(cari_trees *t, size_t n);

/* Sets node `id` of the last tree begun.  A split's children must be
 * later nodes of the same tree (ids id+1 .. n-1): this keeps every walk
 * finite.  Returns 0, or -1 with a reason in *why (a static string). */
int cari_trees_set_split(cari_trees *t, size_t id, int feature, float threshold, size_t yes,
                         size_t no, double mean, const char **why);
int cari_trees_set_leaf(cari_trees *t, size_t id, double score, const char **why);

/* Ends the last tree begun: checks that every node is set and reached
 * from the root once, and lays the nodes out for the walk.  Returns 0, -1
 * with a reason in *why (a static string) when the tree is malformed, or
 * -2 when out of memory. */
int cari_trees_end(cari_trees *t, const char **why);

/* The score of the feature values x; with `parts` not NULL, adds each
 * feature's part to parts[feature] (the caller zeroes it) and returns the
 * score all the same; *base_part, when not NULL, gets the base plus the
 * roots' means. */
double cari_trees_score(const cari_trees *t, const double *x, double *parts, double *base_part);

/* The scores of n candidates into out[0..n): x holds their feature values
 * as floats, `stride` floats from one candidate to the next.  Each score
 * is what cari_trees_score() gives (tree after tree, for all candidates
 * at once: a tree's nodes stay in cache). */
void cari_trees_score_many(const cari_trees *t, const float *x, size_t stride, size_t n,
                           double *out);

/* Frees the nodes (not t itself). */
void cari_trees_free(cari_trees *t);

#endif
