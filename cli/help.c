/* --help of cari's programs and the write check of short reports (see
 * help.h). */
#include "help.h"

#include <getopt.h>
#include <string.h>

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

int cari_cli_bad_option(const char *prog, int c, char *const argv[])
{
    /* A long option is the word getopt has just passed (shown up to its
     * '='); a short one, within a cluster maybe, names itself in optopt. */
    const char *word = optind > 0 ? argv[optind - 1] : "";
    char shortopt[3] = {'-', (char)optopt, '\0'};
    int is_long = !strncmp(word, "--", 2);
    const char *opt = is_long || c == ':' || optopt <= 0 || optopt > 127 ? word : shortopt;
    int len = (int)strcspn(opt, "=");
    const char *what = c == ':'                         ? "needs a value"
                       : is_long && optopt && opt[len] ? "takes no value"
                                                       : NULL;
    if (what)
        fprintf(stderr, "%s: option '%.*s' %s (try --help)\n", prog, len, opt, what);
    else
        fprintf(stderr, "%s: unknown option '%.*s' (try --help)\n", prog, len, opt);
    return 2;
}
