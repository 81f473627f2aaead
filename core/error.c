/* Status names and the handles' error messages: the one error path
 * (error.h). */
#include "error.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stands for a message that could not be allocated. */
static char nomem_msg[] = "out of memory";

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

const char *cari_error_msg(const cari_error *e)
{
    return e->msg ? e->msg : e->fixed ? e->fixed : "";
}

void cari_clear_error(cari_error *e)
{
    if (e->msg != nomem_msg)
        free(e->msg);
    e->msg = NULL;
    e->fixed = NULL;
}

cari_status cari_fail_fixed(cari_error *e, cari_status st, const char *msg)
{
    cari_clear_error(e);
    e->fixed = msg;
    return st;
}

/* Keeps a copy of msg as e's message. */
static void keep(cari_error *e, const char *msg)
{
    cari_clear_error(e);
    e->msg = cari_strdup(msg);
    if (!e->msg)
        e->msg = nomem_msg;
}

cari_status cari_fail(cari_error *e, cari_status st, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    keep(e, buf);
    return st;
}

cari_status cari_fail_from(cari_error *e, cari_status st, const cari_error *src)
{
    if (e != src)
        keep(e, cari_error_msg(src));
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

cari_status cari_fail_xc(cari_error *e, xc_err *err, const char *what)
{
    cari_status st = cari_status_of_xc(err);
    cari_fail(e, st, "%s: %s", what, xc_err_msg(err));
    xc_err_free(err);
    return st;
}
