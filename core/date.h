/* Publication dates as Indonesian news sites print them. */
#ifndef CARI_DATE_H
#define CARI_DATE_H

#include <stddef.h>

/* A point in time and the zone it was written in. */
typedef struct {
    long long seconds;   /* since 1970-01-01T00:00:00Z */
    int offset;          /* minutes east of UTC (WIB: 420) */
    int has_time;        /* 0: a day only (its 00:00 in that zone) */
} cari_date;

/* Why a date could not be read (0: it could). */
enum {
    CARI_DATE_OK = 0,
    CARI_DATE_SYNTAX = 1,   /* not a date in any accepted form */
    CARI_DATE_RANGE = 2     /* a date-like text with a field out of range
                               (month 13, 31 April, 25:00, year 0) */
};

/* Reads text[0..len) as one date, the whole text (white space around it
 * ignored):
 *   ISO 8601          2025-01-12, 2025-01-12T14:30:05+07:00, ...Z,
 *                     2025-01-12 14:30, fractions of seconds dropped;
 *                     2025/01/12 14:30:00 (as some sites' meta tags)
 *   day month year    12 Januari 2025, 12 Jan 2025, 12 January 2025
 *   month day, year   January 12, 2025
 *   day/month/year    12/01/2025, 12-01-2025 (the day first)
 * each optionally after a day name ("Senin, ") and before a time
 * ("14:30", "14.30", ", 14:30:05", "pukul 14.30") and a zone: WIB, WITA,
 * WIT (UTC+7, +8, +9), UTC, GMT, Z, +07:00, +0700.  A date without a zone
 * is taken as WIB, the zone of most Indonesian news.  Years run from 1 to
 * 9999.  Returns CARI_DATE_OK and fills *out, or why not. */
int cari_date_parse(const char *text, size_t len, cari_date *out);

/* Writes d as ISO 8601 in its own zone ("2025-01-12T14:30:00+07:00"; a
 * day only as "2025-01-12") into buf (at least 32 bytes).  Returns the
 * length written. */
size_t cari_date_format(const cari_date *d, char *buf, size_t cap);

/* The year (in the date's own zone) of d. */
int cari_date_year(const cari_date *d);

/* Seconds since the epoch of a civil date-time taken as UTC (any year
 * from 1 to 9999; the fields are not checked). */
long long cari_date_epoch(int year, int month, int day, int hour, int min, int sec);

/* The civil year and month (1 to 12) of `seconds` since the epoch, seen
 * from a zone `offset` minutes east of UTC. */
void cari_date_month(long long seconds, int offset, int *year, int *month);

#endif
