/* The version functions of cari.h: the library's version is the header's,
 * each stemmer's signature, the bounds of the signature buffer. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "cari.h"

Test(version, library_matches_header)
{
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", CARI_VERSION_MAJOR, CARI_VERSION_MINOR,
             CARI_VERSION_PATCH);
    cr_assert_str_eq(cari_version(), want);
}

Test(version, index_format_is_positive)
{
    cr_assert_gt(cari_index_format(), 0);
}

Test(version, xapian_version_is_1_4)
{
    cr_assert_eq(strncmp(cari_xapian_version(), "1.4.", 4), 0, "got %s",
                 cari_xapian_version());
}

/* Each stemmer flag and the start of the signature an index records. */
static const struct {
    int flags;
    char prefix[32];
} sigs[] = {
    {0, "stemmer-id/"},
    {CARI_OPEN_STEM_SNOWBALL, "snowball-indonesian"},
    {CARI_OPEN_STEM_NONE, "none"},
};

Test(version, stemmer_signatures)
{
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        char out[128];
        cr_assert_eq(cari_stemmer_signature(out, sizeof out, sigs[i].flags), CARI_OK);
        cr_assert_eq(strncmp(out, sigs[i].prefix, strlen(sigs[i].prefix)), 0,
                     "flags %d: got %s", sigs[i].flags, out);
    }
}

Test(version, stemmer_signature_too_small)
{
    char out[5] = "xxxx";
    cr_assert_eq(cari_stemmer_signature(out, sizeof out, 0), CARI_INVALID);
    cr_assert_eq(cari_stemmer_signature(NULL, 0, 0), CARI_INVALID);
    char exact[sizeof "none"];
    cr_assert_eq(cari_stemmer_signature(exact, sizeof exact, CARI_OPEN_STEM_NONE), CARI_OK);
    cr_assert_str_eq(exact, "none");
    cr_assert_eq(cari_stemmer_signature(exact, sizeof exact - 1, CARI_OPEN_STEM_NONE),
                 CARI_INVALID);
}
