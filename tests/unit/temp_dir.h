/* A temporary folder for the unit tests that write files: temp_dir_make()
 * creates it from a mkdtemp(3) template ("/tmp/cari-NAME-XXXXXX") into
 * `dir` and sets `index_path` to DIR/index; remove_dir() (a suite's .fini)
 * removes it and everything in it.  Header-only: each test binary
 * includes it once.  Failures fail the test. */
#ifndef CARI_TEST_TEMP_DIR_H
#define CARI_TEST_TEMP_DIR_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

static char dir[64], index_path[128];

static inline void temp_dir_make(const char *tmpl)
{
    snprintf(dir, sizeof dir, "%s", tmpl);
    cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", tmpl);
    snprintf(index_path, sizeof index_path, "%s/index", dir);
}

static inline void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

#endif
