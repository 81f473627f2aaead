/* --help of cari's programs and the write check of short reports (see
 * help.h). */
#include "help.h"

int cari_cli_flushed(FILE *out, const char *prog)
{
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "%s: error writing stdout\n", prog);
        return 2;
    }
    return 0;
}

int cari_cli_help(FILE *out, const char *usage, const char *prog)
{
    fputs(usage, out);
    return cari_cli_flushed(out, prog);
}
