/* sim/time.h — virtual time: integer nanoseconds, parsing and formatting.
 *
 * LmTime is a signed 64-bit count of nanoseconds.  There is no floating-point
 * clock anywhere in the kernel: durations are parsed exactly (decimal
 * arithmetic, never through a double) and overflow is an error, never a wrap.
 *
 * Units: ns us ms s m h d y, with y = 365 d (DESIGN §6).  A duration is one or
 * more <number><unit> terms with units in strictly decreasing order
 * ("1h30m", "2d4h", "1.5s", "300ms", "1m0.5s").  A bare number without a unit
 * is an error: units are mandatory everywhere in lmsim.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 LmTime;

#define LM_TIME_MAX G_MAXINT64

#define LM_NS(n) ((LmTime) (n))
#define LM_US(n) ((LmTime) (n) * G_GINT64_CONSTANT (1000))
#define LM_MS(n) ((LmTime) (n) * G_GINT64_CONSTANT (1000000))
#define LM_S(n)  ((LmTime) (n) * G_GINT64_CONSTANT (1000000000))
#define LM_MIN(n) (LM_S (n) * 60)
#define LM_H(n)  (LM_S (n) * 3600)
#define LM_D(n)  (LM_H (n) * 24)
#define LM_Y(n)  (LM_D (n) * 365)

/* Seconds as a double, for reports and statistics only (never for the clock). */
#define LM_TIME_TO_S(t) ((double) (t) / 1e9)

#define LM_TIME_ERROR (lm_time_error_quark ())
GQuark lm_time_error_quark (void);

typedef enum {
  LM_TIME_ERROR_SYNTAX,    /* not a duration: garbage, missing unit, bad order */
  LM_TIME_ERROR_RANGE,     /* does not fit in 64-bit nanoseconds */
  LM_TIME_ERROR_PRECISION, /* finer than one nanosecond ("1.5ns") */
} LmTimeError;

/* Parses the whole of @text (no surrounding spaces) as a duration.
 * Returns FALSE and sets @error on garbage, overflow or sub-nanosecond
 * precision; *@out is left untouched then. Negative durations are not
 * accepted (a leading '-' is a syntax error). */
gboolean lm_time_parse (const char *text, LmTime *out, GError **error);

/* Canonical, exact, parseable form: "1h30m", "300ms", "1.5s", "0s",
 * "1y35d", "1d1h1m1.000000001s".  lm_time_parse (lm_time_to_string (t)) == t
 * for every t >= 0.  Returns a newly allocated string (transfer full). */
char *lm_time_to_string (LmTime t);

/* Human form for reports: "0 s", "850 ns", "12.5 µs", "812 ms", "1.25 s",
 * "42.1 s", "12m30s", "1h30m", "2d3h", "1y12d".  Sensible precision, not
 * exact.  Writes into @buf (always NUL-terminated) and returns @buf. */
#define LM_TIME_HUMAN_LEN 32
char *lm_time_human (LmTime t, char buf[LM_TIME_HUMAN_LEN]);

G_END_DECLS
