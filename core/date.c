/* Publication dates: see date.h.  A small hand-written scanner: the forms
 * are few and fixed, and strptime() knows neither Indonesian month names
 * nor WIB. */
#include "date.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *p, *end;
} scan;

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Skips spaces, tabs, line ends and no-break spaces (U+00A0). */
static void skip_space(scan *s)
{
    while (s->p < s->end) {
        if (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
            s->p++;
        else if (s->end - s->p >= 2 && (unsigned char)s->p[0] == 0xC2 &&
                 (unsigned char)s->p[1] == 0xA0)
            s->p += 2;
        else
            break;
    }
}

/* Reads up to `max` digits.  Returns how many were read (0: none), the
 * number in *out. */
static int number(scan *s, int max, int *out)
{
    int n = 0, v = 0;
    while (s->p < s->end && is_digit(*s->p) && n < max) {
        v = v * 10 + (*s->p - '0');
        s->p++;
        n++;
    }
    *out = v;
    return n;
}

/* The ASCII word at s->p (letters and an inner apostrophe), lower-cased
 * into w (at most cap - 1 letters; a longer word gives ""); not consumed.
 * Returns its length in the text. */
static size_t peek_word(const scan *s, char *w, size_t cap)
{
    size_t n = 0, k = 0;
    while (s->p + n < s->end &&
           (is_alpha(s->p[n]) || (s->p[n] == '\'' && n > 0 && s->p + n + 1 < s->end &&
                                  is_alpha(s->p[n + 1])))) {
        if (k + 1 < cap)
            w[k++] = (char)lower(s->p[n]);
        n++;
    }
    w[n < cap ? k : 0] = '\0';
    return n;
}

/* The month a name or abbreviation stands for (Indonesian or English),
 * 0 when it is none. */
static int month_of(const char *w)
{
    static const struct {
        const char *name;
        int month;
    } months[] = {
        {"januari", 1},    {"january", 1},   {"jan", 1},       {"februari", 2},
        {"pebruari", 2},   {"february", 2},  {"feb", 2},       {"peb", 2},
        {"maret", 3},      {"march", 3},     {"mar", 3},       {"april", 4},
        {"apr", 4},        {"mei", 5},       {"may", 5},       {"juni", 6},
        {"june", 6},       {"jun", 6},       {"juli", 7},      {"july", 7},
        {"jul", 7},        {"agustus", 8},   {"august", 8},    {"agu", 8},
        {"agt", 8},        {"ags", 8},       {"agst", 8},      {"aug", 8},
        {"september", 9},  {"sept", 9},      {"sep", 9},       {"oktober", 10},
        {"october", 10},   {"okt", 10},      {"oct", 10},      {"november", 11},
        {"nopember", 11},  {"nov", 11},      {"nop", 11},      {"desember", 12},
        {"december", 12},  {"des", 12},      {"dec", 12},
    };
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
        if (!strcmp(w, months[i].name))
            return months[i].month;
    return 0;
}

static int is_day_name(const char *w)
{
    static const char *const days[] = {
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        if (!strcmp(w, days[i]))
            return 1;
    return 0;
}

/* Reads a month name (and a dot after an abbreviation).  Returns the
 * month, or 0 (nothing consumed). */
static int month_name(scan *s)
{
    char w[16];
    size_t n = peek_word(s, w, sizeof w);
    int m = n ? month_of(w) : 0;
    if (m) {
        s->p += n;
        if (s->p < s->end && *s->p == '.')
            s->p++;
    }
    return m;
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

long long cari_date_epoch(int year, int month, int day, int hour, int min, int sec)
{
    /* Days from civil (H. Hinnant's algorithm), proleptic Gregorian. */
    long long y = year - (month <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    return days * 86400 + hour * 3600LL + min * 60LL + sec;
}

/* The civil date of `days` since 1970-01-01. */
static void civil(long long days, int *y, int *m, int *d)
{
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads "HH:MM[:SS[.fff]]" or "HH.MM[.SS]".  Returns 1 when a time was
 * read, 0 when none is there (nothing consumed), -1 when malformed. */
static int read_time(scan *s, int *h, int *mi, int *sec)
{
    const char *start = s->p;
    if (!number(s, 2, h))
        return 0;
    if (s->p >= s->end || (*s->p != ':' && *s->p != '.')) {
        s->p = start;
        return 0;
    }
    char sep = *s->p++;
    if (number(s, 2, mi) != 2)
        return -1;
    *sec = 0;
    if (s->p + 1 < s->end && *s->p == sep && is_digit(s->p[1])) {
        s->p++;
        if (number(s, 2, sec) != 2)
            return -1;
        if (sep == ':' && s->p + 1 < s->end && (*s->p == '.' || *s->p == ',') &&
            is_digit(s->p[1])) {
            int ignored;
            s->p++;
            while (number(s, 9, &ignored) == 9) /* fractions dropped */
                ;
        }
    }
    return 1;
}

/* Reads a zone: Z, +HH:MM, +HHMM, +HH, WIB, WITA, WIT, UTC, GMT (a
 * "UTC+7" form too).  Returns 1 with the offset in minutes, 0 when none
 * is there (nothing consumed), -1 when malformed. */
static int read_zone(scan *s, int *offset)
{
    char w[8];
    size_t n = peek_word(s, w, sizeof w);
    int named = -1;
    if (!strcmp(w, "z") || !strcmp(w, "utc") || !strcmp(w, "gmt"))
        named = 0;
    else if (!strcmp(w, "wib"))
        named = 7 * 60;
    else if (!strcmp(w, "wita"))
        named = 8 * 60;
    else if (!strcmp(w, "wit"))
        named = 9 * 60;
    if (n && named < 0)
        return 0;
    if (n) {
        s->p += n;
        *offset = named;
        if (named || s->p >= s->end || (*s->p != '+' && *s->p != '-'))
            return 1;
    }
    if (s->p >= s->end || (*s->p != '+' && *s->p != '-'))
        return 0;
    int sign = *s->p++ == '-' ? -1 : 1, hh, mm = 0;
    int digits = number(s, 2, &hh);
    if (!digits)
        return -1;
    if (s->p < s->end && *s->p == ':')
        s->p++;
    if (digits == 2 && s->p < s->end && is_digit(*s->p) && number(s, 2, &mm) != 2)
        return -1;
    if (hh > 14 || mm > 59)
        return -1;
    *offset = sign * (hh * 60 + mm);
    return 1;
}

/* Reads the calendar date at s->p (after any day name): ISO, day month
 * year, month day year, or day/month/year.  Returns CARI_DATE_OK with the
 * fields set, or why not.  *iso says whether it was ISO (a 'T' may
 * follow). */
static int read_day(scan *s, int *y, int *m, int *d, int *iso)
{
    int a, b;
    *iso = 0;
    if (s->p < s->end && is_digit(*s->p)) {
        int digits = number(s, 5, &a);
        if (digits == 4 && s->p < s->end && (*s->p == '-' || *s->p == '/')) {
            char sep = *s->p++; /* 2025-01-12, or 2025/01/12 (meta tags) */
            *y = a;
            if (number(s, 2, m) != 2 || s->p >= s->end || *s->p++ != sep ||
                number(s, 2, d) != 2)
                return CARI_DATE_SYNTAX;
            *iso = 1;
            return CARI_DATE_OK;
        }
        if (digits > 2)
            return CARI_DATE_SYNTAX;
        *d = a;
        if (s->p < s->end && (*s->p == '/' || *s->p == '-' || *s->p == '.') &&
            s->p + 1 < s->end && is_digit(s->p[1])) { /* 12/01/2025 */
            char sep = *s->p++;
            if (!number(s, 2, m) || s->p >= s->end || *s->p++ != sep || number(s, 5, y) != 4)
                return CARI_DATE_SYNTAX;
            return CARI_DATE_OK;
        }
        skip_space(s);
        if (!(*m = month_name(s))) /* 12 Januari 2025 */
            return CARI_DATE_SYNTAX;
        skip_space(s);
        return number(s, 5, y) == 4 ? CARI_DATE_OK : CARI_DATE_SYNTAX;
    }
    if (!(*m = month_name(s))) /* January 12, 2025 */
        return CARI_DATE_SYNTAX;
    skip_space(s);
    if (!number(s, 2, &b))
        return CARI_DATE_SYNTAX;
    *d = b;
    if (s->p < s->end && *s->p == ',')
        s->p++;
    skip_space(s);
    return number(s, 5, y) == 4 ? CARI_DATE_OK : CARI_DATE_SYNTAX;
}

/* Skips what may stand between a date and its time: ",", "|", "-", "T"
 * (ISO), "pukul", "jam", "at". */
static void skip_to_time(scan *s, int iso)
{
    if (iso && s->p + 1 < s->end && (*s->p == 'T' || *s->p == 't') && is_digit(s->p[1])) {
        s->p++;
        return;
    }
    skip_space(s);
    if (s->p < s->end && (*s->p == ',' || *s->p == '|' || *s->p == '-'))
        s->p++;
    skip_space(s);
    char w[8];
    size_t n = peek_word(s, w, sizeof w);
    if (n && (!strcmp(w, "pukul") || !strcmp(w, "jam") || !strcmp(w, "at"))) {
        s->p += n;
        skip_space(s);
    }
}

int cari_date_parse(const char *text, size_t len, cari_date *out)
{
    scan s = {text, text + len};
    char w[16];
    skip_space(&s);
    size_t n = peek_word(&s, w, sizeof w);
    if (n && is_day_name(w)) { /* "Senin, " */
        s.p += n;
        if (s.p < s.end && *s.p == ',')
            s.p++;
        skip_space(&s);
    }
    int y = 0, m = 0, d = 0, h = 0, mi = 0, sec = 0, iso, offset = 7 * 60;
    int rc = read_day(&s, &y, &m, &d, &iso);
    if (rc)
        return rc;
    const char *after_day = s.p;
    skip_to_time(&s, iso);
    int has_time = read_time(&s, &h, &mi, &sec);
    if (has_time < 0)
        return CARI_DATE_SYNTAX;
    if (!has_time)
        s.p = after_day;
    if (has_time && iso && s.p < s.end && (*s.p == 'Z' || *s.p == 'z' || *s.p == '+' ||
                                            *s.p == '-')) {
        if (read_zone(&s, &offset) < 0)
            return CARI_DATE_SYNTAX;
    } else {
        const char *before = s.p;
        skip_space(&s);
        int z = read_zone(&s, &offset);
        if (z < 0)
            return CARI_DATE_SYNTAX;
        if (!z)
            s.p = before;
    }
    skip_space(&s);
    if (s.p != s.end)
        return CARI_DATE_SYNTAX;
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) ||
        h > 23 || mi > 59 || sec > 60)
        return CARI_DATE_RANGE;
    if (sec == 60) /* a leap second reads as the second before it */
        sec = 59;
    out->seconds = cari_date_epoch(y, m, d, h, mi, sec) - offset * 60LL;
    out->offset = offset;
    out->has_time = has_time;
    return CARI_DATE_OK;
}

size_t cari_date_format(const cari_date *dt, char *buf, size_t cap)
{
    long long local = dt->seconds + dt->offset * 60LL;
    long long days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    long long rest = local - days * 86400;
    int y, m, d;
    civil(days, &y, &m, &d);
    int n;
    if (!dt->has_time) {
        n = snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    } else {
        int off = dt->offset < 0 ? -dt->offset : dt->offset;
        n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d,
                     (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60),
                     dt->offset < 0 ? '-' : '+', off / 60, off % 60);
    }
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

int cari_date_year(const cari_date *dt)
{
    int y, m;
    cari_date_month(dt->seconds, dt->offset, &y, &m);
    return y;
}

void cari_date_month(long long seconds, int offset, int *year, int *month)
{
    long long local = seconds + offset * 60LL;
    long long days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int d;
    civil(days, year, month, &d);
}
