/*
 * model2c: compiles a ranking model file into C (a build tool, run by
 * core/CMakeLists.txt on data/rank-model.txt).  It reads the file with the
 * library's own reader (model.c), so a model the library would refuse
 * fails the build, and writes the model as initialised data: the library
 * then has its bundled model without reading text at start-up (a tree
 * model is thousands of numbers).  Floating-point numbers are written in
 * hexadecimal, so the compiled model is the parsed one bit for bit.
 *
 * usage: model2c MODEL-FILE OUTPUT.c        exit 0, or 1 with a message
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>

/* Writes the numbers v[0..n) as a C initialiser list. */
static void doubles(FILE *f, const double *v, size_t n)
{
    fputc('{', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s%a", i ? "," : "", i % 4 ? " " : "\n        ", v[i]);
    fputs(n ? "}" : "0}", f);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: model2c MODEL-FILE OUTPUT.c\n", stderr);
        return 1;
    }
    cari_model *m = NULL;
    if (cari_model_load(&m, argv[1])) {
        fprintf(stderr, "model2c: %s\n", cari_model_errmsg(m));
        cari_model_free(m);
        return 1;
    }
    FILE *f = fopen(argv[2], "w");
    if (!f) {
        perror(argv[2]);
        cari_model_free(m);
        return 1;
    }
    const cari_trees *t = &m->trees;
    fprintf(f, "/* Generated from %s by core/model2c.c: the bundled ranking model. */\n"
               "#include \"model.h\"\n\n",
            argv[1]);
    fprintf(f, "static cari_tnode nodes[] = {");
    for (size_t i = 0; i < t->n_nodes; i++)
        fprintf(f, "\n    {%d, %af, %u},", (int)t->node[i].feature, (double)t->node[i].threshold,
                (unsigned)t->node[i].child);
    fprintf(f, "%s};\n", t->n_nodes ? "\n" : "{0, 0, 0}");
    fprintf(f, "static double values[] = ");
    doubles(f, t->value, t->n_nodes);
    fprintf(f, ";\nstatic size_t roots[] = {");
    for (size_t k = 0; k < t->n_trees; k++)
        fprintf(f, "%s%s%zu", k ? "," : "", k % 10 ? " " : "\n    ", t->root[k]);
    fprintf(f, "%s};\n\n", t->n_trees ? "\n" : "0");
    fprintf(f, "extern const cari_model cari_bundled_model;\n"
               "const cari_model cari_bundled_model = {\n"
               "    .kind = %d,\n    .weight = ", m->kind);
    doubles(f, m->weight, CARI_F_COUNT);
    fprintf(f, ",\n    .mean = ");
    doubles(f, m->mean, CARI_F_COUNT);
    fprintf(f, ",\n    .scale = ");
    doubles(f, m->scale, CARI_F_COUNT);
    fprintf(f,
            ",\n    .trees = {.node = nodes, .value = values, .n_nodes = %zu, .cap_nodes = %zu,\n"
            "              .root = roots, .n_trees = %zu, .cap_trees = %zu, .base = %a},\n"
            "    .ok = 1,\n"
            "};\n",
            t->n_nodes, t->n_nodes, t->n_trees, t->n_trees, t->base);
    cari_model_free(m);
    if (ferror(f) | fclose(f)) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
