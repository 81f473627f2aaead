/* The one error path of libcari: every handle (reader, writer, a build
 * worker's store) keeps its last failure in a cari_error, and every
 * failure goes through cari_fail() or, for xapian-c's errors,
 * cari_fail_xc(). */
#ifndef CARI_ERROR_H
#define CARI_ERROR_H

#include "cari.h"
#include "xc.h"

typedef struct {
    char *msg;          /* the last failure's message, NULL when none */
    const char *fixed;  /* a message that needed no memory, when msg is NULL */
} cari_error;

/* Records `st` with a printf-style message in e and returns st.  When
 * the message cannot be allocated, the status still returns and the
 * message reads "out of memory". */
cari_status cari_fail(cari_error *e, cari_status st, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The status of a xapian-c error's kind: the one place kinds map to
 * statuses. */
cari_status cari_status_of_xc(const xc_err *err);

/* Records a xapian-c error (which it frees) in e, its message prefixed
 * by `what`.  Returns its status (cari_status_of_xc()). */
cari_status cari_fail_xc(cari_error *e, xc_err *err, const char *what);

/* Records `st` with `msg`, a string that outlives e (a literal), kept
 * without allocating: for a failure whose message must survive running
 * out of memory.  Returns st. */
cari_status cari_fail_fixed(cari_error *e, cari_status st, const char *msg);

/* Copies another handle's failure: records `st` with src's message. */
cari_status cari_fail_from(cari_error *e, cari_status st, const cari_error *src);

/* The message ("" when none; "out of memory" when it could not be kept). */
const char *cari_error_msg(const cari_error *e);

/* Forgets the last failure. */
void cari_clear_error(cari_error *e);

#endif
