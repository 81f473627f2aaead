/* What this build of cari is: its version, index format, stemmer and the
 * Xapian it runs on (for --version and bug reports). */
#include "signature.h"
#include "xc.h"

#include <stdlib.h>
#include <string.h>

#define CARI_STR2(x) #x
#define CARI_STR(x) CARI_STR2(x)

const char *cari_version(void)
{
    return CARI_STR(CARI_VERSION_MAJOR) "." CARI_STR(CARI_VERSION_MINOR) "."
           CARI_STR(CARI_VERSION_PATCH);
}

int cari_index_format(void)
{
    return atoi(CARI_FORMAT_VERSION);
}

cari_status cari_stemmer_signature(char *out, size_t cap, int flags)
{
    stemmer_id *s = stemmer_id_new(cari_stemmer_mode(flags));
    if (!s)
        return CARI_NOMEM;
    const char *sig = stemmer_id_signature(s);
    size_t len = strlen(sig);
    cari_status st = CARI_INVALID;
    if (out && len < cap) {
        memcpy(out, sig, len + 1);
        st = CARI_OK;
    }
    stemmer_id_delete(s);
    return st;
}

const char *cari_xapian_version(void)
{
    return xc_version();
}
