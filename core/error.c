/* Status names and the handle's error message: the one error path. */
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cari_status_str(cari_status st)
{
    switch (st) {
    case CARI_OK: return "ok";
    case CARI_ERROR: return "error";
    case CARI_NOMEM: return "out of memory";
    case CARI_NOTFOUND: return "no index";
    case CARI_LOCKED: return "index locked by another writer";
    case CARI_CORRUPT: return "index damaged or not a cari index";
    case CARI_INVALID: return "invalid argument";
    case CARI_IO: return "input/output error";
    case CARI_MISMATCH: return "index built by another stemmer";
    }
    return "unknown status";
}

const char *cari_errmsg(const cari_db *db)
{
    if (!db)
        return "out of memory";
    return db->errmsg ? db->errmsg : "";
}

void cari_clear_error(cari_db *db)
{
    free(db->errmsg);
    db->errmsg = NULL;
}

cari_status cari_fail(cari_db *db, cari_status st, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(db->errmsg);
    db->errmsg = strdup(buf);
    return st;
}

cari_status cari_fail_xc(cari_db *db, char *xc_err, const char *what)
{
    static const struct {
        const char *prefix;
        cari_status st;
    } kinds[] = {
        {XC_ERR_LOCK, CARI_LOCKED},     {XC_ERR_NOTFOUND, CARI_NOTFOUND},
        {XC_ERR_CORRUPT, CARI_CORRUPT}, {XC_ERR_VERSION, CARI_CORRUPT},
        {XC_ERR_QUERY, CARI_INVALID},   {XC_ERR_NETWORK, CARI_IO},
    };
    const char *msg = xc_err ? xc_err : "unknown error";
    cari_status st = CARI_ERROR;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (!strncmp(msg, kinds[i].prefix, n)) {
            st = kinds[i].st;
            msg += n;
            break;
        }
    }
    if (!strcmp(msg, "out of memory"))
        st = CARI_NOMEM;
    cari_fail(db, st, "%s: %s", what, msg);
    xc_free(xc_err);
    return st;
}

void cari_warn(cari_db *db, const char *article, size_t line, const char *msg)
{
    if (db->warn)
        db->warn(db->warn_ctx, article, line, msg);
}

void cari_set_warning_handler(cari_db *db, cari_warn_fn fn, void *ctx)
{
    db->warn = fn;
    db->warn_ctx = ctx;
}
