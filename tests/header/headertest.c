/* Compiles include/cari.h alone (twice, for the include guard) as strict C
 * and as C++, as libgit2's headertest does: see tests/header/CMakeLists.txt.
 * The uses below make the compiler check the declarations, not just parse
 * them. */
#include "cari.h"
#include "cari.h"

int headertest_use(void);

int headertest_use(void)
{
    cari_search_options opts;
    cari_search_options_init(&opts, CARI_SEARCH_OPTIONS_VERSION);
#ifndef __cplusplus
    cari_search_options defaults = CARI_SEARCH_OPTIONS_INIT;
    opts.limit += defaults.limit;
#endif
    cari_status (*open_fn)(cari_db **, const char *, int) = cari_open;
    cari_status (*writer_fn)(cari_writer **, const char *, const cari_write_options *) =
        cari_writer_open;
    cari_write_options wopts;
    cari_write_options_init(&wopts, CARI_WRITE_OPTIONS_VERSION);
    const cari_hit *(*hit_fn)(const cari_results *, size_t) =
        cari_results_hit;
    cari_hasher h;
    char hex[CARI_HASH_LEN + 1];
    cari_hash_init(&h);
    cari_hash_final(&h, hex);
    return (open_fn != 0) + (writer_fn != 0) + (hit_fn != 0) + (int)opts.limit +
           hex[0] + (int)CARI_OK + CARI_WRITE_REBUILD + (int)wopts.threads;
}
