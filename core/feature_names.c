/* The rank features' names (cari.h): apart from rank_features.c so that
 * the build's model compiler (model2c.c) can read model files. */
#include "rank_features.h"

static const char *const feature_names[CARI_F_COUNT] = {
    "bm25", "bm25_rel", "title_bm25", "cover", "cover_exact", "all_words", "pairs",
    "pairs_exact", "triples", "run", "window", "who", "when", "how_many", "where",
    "why", "answer_near", "first", "position", "length", "proximity", "lead", "rarest",
    "density", "bm25_exact",
};

size_t cari_feature_count(void) { return CARI_F_COUNT; }

const char *cari_feature_name(size_t i)
{
    return i < CARI_F_COUNT ? feature_names[i] : NULL;
}
