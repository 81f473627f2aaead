/*
 * The bundled ranking model (data/rank-model.txt): as text, for
 * cari_model_default(), and as the model itself, compiled from that text
 * at build time by model2c.c, so that a search reads no model at start-up.
 */
#include "model.h"
#include "alloc.h"

extern const char cari_default_model[];
extern const size_t cari_default_model_len;
extern const cari_model cari_bundled_model;   /* cari_bundled_model.c */

cari_status cari_model_default(cari_model **out)
{
    return cari_model_parse(out, "data/rank-model.txt", cari_default_model,
                            cari_default_model_len);
}

const cari_model *cari_model_bundled(void)
{
    return &cari_bundled_model;
}
