/* Errors by kind: each kind of xapian-c error maps to one status, and a
 * failure records that status with the error's message. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "error.h"

typedef struct {
    xc_err_kind kind;
    cari_status status;
} kind_case;

ParameterizedTestParameters(errors, kind_maps_to_status)
{
    static kind_case cases[] = {
        {XC_ERR_OTHER, CARI_ERROR},      {XC_ERR_NOMEM, CARI_NOMEM},
        {XC_ERR_LOCK, CARI_LOCKED},      {XC_ERR_NOTFOUND, CARI_NOTFOUND},
        {XC_ERR_CORRUPT, CARI_CORRUPT},  {XC_ERR_VERSION, CARI_CORRUPT},
        {XC_ERR_QUERY, CARI_INVALID},    {XC_ERR_NETWORK, CARI_IO},
        {XC_ERR_UNSUPPORTED, CARI_INVALID},
    };
    return cr_make_param_array(kind_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(kind_case *c, errors, kind_maps_to_status)
{
    cari_error e = {NULL};
    xc_err *x = xc_err_new(c->kind, "SomeError: what happened");
    cr_expect_eq(cari_status_of_xc(x), c->status);
    cr_expect_eq(cari_fail_xc(&e, x, "idx"), c->status); /* frees x */
    cr_expect_str_eq(cari_error_msg(&e), "idx: SomeError: what happened");
    cari_clear_error(&e);
}

/* The stand-in for an error that could not be allocated still reads as
 * out of memory. */
Test(errors, nomem_error_is_nomem)
{
    cari_error e = {NULL};
    cr_expect_eq(cari_fail_xc(&e, xc_err_new(XC_ERR_NOMEM, "out of memory"), "idx"),
                 CARI_NOMEM);
    cr_expect_str_eq(cari_error_msg(&e), "idx: out of memory");
    cari_clear_error(&e);
}
