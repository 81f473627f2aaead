/* --help of cari's programs, and the write check every short report to
 * stdout (--help, --version) ends with. */
#ifndef CARI_CLI_HELP_H
#define CARI_CLI_HELP_H

#include <stdio.h>

/* Flushes out and checks that everything written to it arrived (a full
 * disk, a closed pipe).  Returns 0, or 2 after the one-line message
 * "PROG: error writing stdout" on stderr. */
int cari_cli_flushed(FILE *out, const char *prog);

/* Writes `usage` (prog's help text) to out.  Returns 0, or 2 as
 * cari_cli_flushed() when it cannot be written. */
int cari_cli_help(FILE *out, const char *usage, const char *prog);

#endif
