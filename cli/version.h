/* --version of cari's programs: one report, the same in each. */
#ifndef CARI_CLI_VERSION_H
#define CARI_CLI_VERSION_H

#include <stdio.h>

/* Writes `prog`'s --version report to out: the program and library
 * version, the index format, the default stemmer's signature and the
 * Xapian version, one per line.  Returns 0, or 2 after a one-line message
 * on stderr when the stemmer cannot be created or out cannot be written. */
int cari_cli_version(FILE *out, const char *prog);

#endif
