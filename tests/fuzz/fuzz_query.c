/* Fuzzes the query parser and search: any bytes as a query against a
 * small index built once.  Every query either runs or fails cleanly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cari.h"

static cari_db *db;

static void setup(void)
{
    cari_writer *w_w;
    char dir[] = "/tmp/cari-fuzz-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[64];
    snprintf(path, sizeof path, "%s/idx", dir);
    const char *text = "Judul Uji\n\nTentara dilatih menerbangkan drone.\n"
                       "Harga beras naik 2,5 persen, 11.000 ton dikirim.\n";
    if (cari_writer_open(&w_w, path, NULL) ||
        cari_add_text(w_w, "a.txt", text, strlen(text), NULL) || cari_commit(w_w))
        abort();
    cari_writer_close(w_w);
    if (cari_open(&db, path, CARI_OPEN_READ))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    char *q = malloc(size + 1);
    memcpy(q, data, size);
    q[size] = '\0';
    cari_results *res = NULL;
    cari_status st = cari_search(db, q, NULL, &res);
    if (st == CARI_OK) {
        for (size_t i = 0; i < cari_results_count(res); i++) {
            const cari_hit *h = cari_results_hit(res, i);
            for (size_t k = 0; k < h->n_highlights; k++)
                if (h->highlights[k].end > h->text_len)
                    abort();
        }
    } else if (st != CARI_INVALID) {
        abort();
    }
    cari_results_free(res);

    /* Again with everything the searcher can ask for: synonyms, spelling
     * and its fix, explain (whose parts must add up), context, collapse. */
    static cari_synonyms *syn;
    if (!syn && (cari_synonyms_new(&syn) || cari_synonyms_add_default(syn)))
        abort();
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.synonyms = syn;
    o.spelling = o.fix = o.explain = 1;
    o.context = 1;
    o.per_article = 1;
    o.exact_total = 1;
    res = NULL;
    st = cari_search(db, q, &o, &res);
    if (st == CARI_OK) {
        for (size_t i = 0; i < cari_results_count(res); i++) {
            const cari_hit *h = cari_results_hit(res, i);
            double sum = 0;
            for (size_t k = 0; k < h->n_explain; k++)
                sum += h->explain[k].contribution;
            if (sum - h->score > 1e-9 || h->score - sum > 1e-9)
                abort();
        }
    } else if (st != CARI_INVALID) {
        abort();
    }
    cari_results_free(res);
    free(q);
    return 0;
}
