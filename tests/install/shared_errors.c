/* libcari.so hides its C++ (cari.map makes even the typeinfo of the Xapian
 * classes it instantiates local): check that Xapian's exceptions, thrown
 * inside libxapian.so, are still caught and turned into a status and a
 * message.  Usage: shared_errors TMPDIR (a folder it may write in). */
#define _POSIX_C_SOURCE 200809L
#include <cari.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int failed;

static void expect(const char *what, cari_status got, cari_status want,
                   const char *msg, const char *in_msg)
{
    if (got != want || !strstr(msg, in_msg)) {
        fprintf(stderr, "FAIL: %s: status %d (%s), wanted %d; message \"%s\", "
                        "wanted one with \"%s\"\n",
                what, (int)got, cari_status_str(got), (int)want, msg, in_msg);
        failed = 1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s TMPDIR\n", argv[0]);
        return 2;
    }
    char path[4096];
    cari_db *db;
    cari_status st;

    /* A glass database whose version file is garbage: Xapian throws
     * DatabaseCorruptError or DatabaseVersionError from libxapian.so. */
    snprintf(path, sizeof path, "%s/bad", argv[1]);
    if (mkdir(argv[1], 0777) != 0 && errno != EEXIST) {
        perror(argv[1]);
        return 2;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        perror(path);
        return 2;
    }
    char file[4200];
    snprintf(file, sizeof file, "%s/iamglass", path);
    FILE *f = fopen(file, "wb");
    if (!f) {
        perror(file);
        return 2;
    }
    fputs("not a glass version file, not at all\n", f);
    fclose(f);
    st = cari_open(&db, path, CARI_OPEN_READ);
    expect("open a damaged index", st, CARI_CORRUPT, cari_errmsg(db), "Database");
    cari_close(db);

    /* No index at all: cari's own check, no exception. */
    snprintf(path, sizeof path, "%s/missing", argv[1]);
    st = cari_open(&db, path, CARI_OPEN_READ);
    expect("open a missing index", st, CARI_NOTFOUND, cari_errmsg(db), "missing");
    cari_close(db);

    if (!failed)
        printf("ok\n");
    return failed;
}
