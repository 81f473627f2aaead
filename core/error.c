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

cari_status cari_status_of_xc(const xc_err *e)
{
    switch (xc_err_kind_of(e)) {
    case XC_ERR_NOMEM: return CARI_NOMEM;
    case XC_ERR_LOCK: return CARI_LOCKED;
    case XC_ERR_NOTFOUND: return CARI_NOTFOUND;
    case XC_ERR_CORRUPT: return CARI_CORRUPT;
    case XC_ERR_VERSION: return CARI_CORRUPT;
    case XC_ERR_QUERY: return CARI_INVALID;
    case XC_ERR_NETWORK: return CARI_IO;
    case XC_ERR_UNSUPPORTED: return CARI_INVALID;
    case XC_ERR_OTHER: break;
    }
    return CARI_ERROR;
}

cari_status cari_fail_xc(cari_db *db, xc_err *err, const char *what)
{
    cari_status st = cari_status_of_xc(err);
    cari_fail(db, st, "%s: %s", what, xc_err_msg(err));
    xc_err_free(err);
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
