/* --version of cari's programs (see version.h). */
#include "version.h"

#include "cari.h"
#include "help.h"

int cari_cli_version(FILE *out, const char *prog)
{
    char sig[128];
    cari_status st = cari_stemmer_signature(sig, sizeof sig, 0);
    if (st) {
        fprintf(stderr, "%s: stemmer: %s\n", prog, cari_status_str(st));
        return 2;
    }
    fprintf(out, "%s %s\nindex format: %d\nstemmer: %s\nXapian: %s\n", prog,
            cari_version(), cari_index_format(), sig, cari_xapian_version());
    return cari_cli_flushed(out, prog);
}
