/* sim/time.c — virtual time: exact parsing and formatting of durations.
 *
 * A duration is one or more <number><unit> terms, units strictly decreasing
 * (y d h m s ms us ns; y = 365 d).  Parsing is exact integer arithmetic on
 * the decimal digits — never a double — so "0.1s" is 100000000 ns exactly,
 * overflow beyond G_MAXINT64 ns is a RANGE error (never a wrap) and a value
 * finer than 1 ns is a PRECISION error.
 *
 * A term's fraction 0.F (F with k digits, trailing zeros dropped) is worth
 * unit * F / 10^k ns.  With g = gcd (unit, 10^k) this is an integer exactly
 * when (10^k / g) divides F, and then equals (F / (10^k / g)) * (unit / g),
 * which is below one unit, so nothing overflows.  Every unit has at most
 * 2^16 and 5^12 as factors, so a fraction with more than 16 significant
 * digits can never be exact.
 *
 * Error messages carry no file:line:col prefix: the scenario parser adds
 * the location.
 */
#include <stdarg.h>
#include <string.h>
#include "sim/time.h"

G_DEFINE_QUARK (lm-time-error-quark, lm_time_error)

typedef struct {
  const char *name;
  guint64 ns;
} Unit;

/* Largest first: a later term must have a strictly larger index. */
static const Unit units[] = {
  { "y", 31536000000000000u }, { "d", 86400000000000u }, { "h", 3600000000000u },
  { "m", 60000000000u },       { "s", 1000000000u },     { "ms", 1000000u },
  { "us", 1000u },             { "ns", 1u },
};
#define N_UNITS G_N_ELEMENTS (units)
#define UNIT_S 4
G_STATIC_ASSERT (N_UNITS == 8);

#define UNIT_LIST "ns, us, ms, s, m, h, d or y"
#define EXAMPLE   "e.g. 90s or 1h30m"
#define MAX_FRAC_DIGITS 18 /* 10^18 fits in guint64; > 16 is never exact */

/* One lexed term; pointers into the parsed text. */
typedef struct {
  const char *start;      /* the whole term */
  const char *digits;     /* integer part */
  gsize n_digits;
  const char *frac;       /* fraction digits (after '.'), trailing zeros dropped */
  gsize n_frac;
  int unit;               /* index into units[] */
} Term;

/* The input for a message: at most 60 bytes, control characters escaped,
 * valid UTF-8.  (transfer full) */
static char *
shown (const char *text)
{
  GString *s = g_string_new (NULL);
  gsize i;
  for (i = 0; text[i] != '\0' && i < 60; i++)
    {
      guchar c = (guchar) text[i];
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_c (s, (char) c);
    }
  if (text[i] != '\0')
    g_string_append (s, "…");
  char *valid = g_utf8_make_valid (s->str, -1);
  g_string_free (s, TRUE);
  return valid;
}

static gboolean fail (GError **error, LmTimeError code, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);

/* Sets @error (domain LM_TIME_ERROR) and returns FALSE. */
static gboolean
fail (GError **error, LmTimeError code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error_literal (error, LM_TIME_ERROR, code, msg);
  g_free (msg);
  return FALSE;
}

static gboolean
is_unit_char (char c)
{
  return g_ascii_isalpha (c) || (guchar) c >= 0x80;
}

static int
find_unit (const char *name, gsize len)
{
  for (gsize i = 0; i < N_UNITS; i++)
    if (strlen (units[i].name) == len && strncmp (units[i].name, name, len) == 0)
      return (int) i;
  return -1;
}

/* A hint for the unit names people type out of habit. */
static const char *
unit_hint (const char *name, gsize len)
{
  static const char *const hints[][2] = {
    { "min", "m" }, { "mins", "m" }, { "sec", "s" }, { "secs", "s" },
    { "hr", "h" }, { "hrs", "h" }, { "hour", "h" }, { "hours", "h" },
    { "day", "d" }, { "days", "d" }, { "yr", "y" }, { "year", "y" },
    { "years", "y" }, { "µs", "us" }, { "μs", "us" }, { "S", "s" },
    { "M", "m" }, { "H", "h" }, { "D", "d" }, { "Y", "y" }, { "MS", "ms" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (hints); i++)
    if (strlen (hints[i][0]) == len && strncmp (hints[i][0], name, len) == 0)
      return hints[i][1];
  return NULL;
}

/* The error for a character that cannot start or continue a term. */
static gboolean
bad_char (const char *text, const char *p, GError **error)
{
  g_autofree char *t = shown (text);
  if (g_ascii_isspace (*p))
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "unexpected space in '%s' (write a duration without spaces, %s)", t, EXAMPLE);
  if (*p == '-' && p == text)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "negative duration '%s' (durations are 0 or more, %s)", t, EXAMPLE);
  if (*p == '.' && (p == text || is_unit_char (p[-1])))
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "a number in '%s' starts with '.' (write a digit before it, e.g. 0.5s)", t);
  if (*p == ',' && p > text && g_ascii_isdigit (p[-1]))
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "a ',' in '%s' (write decimals with '.', e.g. 1.5s)", t);
  if (p == text)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "'%s' is not a duration (expected a number and a unit, %s)", t, EXAMPLE);
  g_autofree char *c = shown ((char[]) { *p, '\0' });
  return fail (error, LM_TIME_ERROR_SYNTAX,
               "unexpected '%s' in '%s' (expected a number and a unit, %s)", c, t, EXAMPLE);
}

/* Lexes digits [ '.' digits ] at *@p into @term. */
static gboolean
lex_number (const char *text, const char **p, Term *term, GError **error)
{
  const char *q = *p;
  if (!g_ascii_isdigit (*q))
    return bad_char (text, q, error);
  term->digits = q;
  while (g_ascii_isdigit (*q))
    q++;
  term->n_digits = (gsize) (q - term->digits);
  term->frac = q;
  term->n_frac = 0;
  if (*q == '.')
    {
      q++;
      if (!g_ascii_isdigit (*q))
        {
          g_autofree char *t = shown (text);
          return fail (error, LM_TIME_ERROR_SYNTAX,
                       "a '.' in '%s' is not followed by a digit (e.g. 1.5s)", t);
        }
      term->frac = q;
      while (g_ascii_isdigit (*q))
        q++;
      const char *end = q;
      while (end > term->frac && end[-1] == '0')
        end--;
      term->n_frac = (gsize) (end - term->frac);
    }
  *p = q;
  return TRUE;
}

/* The error for a number with no unit after it; suggests the next unit. */
static gboolean
missing_unit (const char *text, const Term *term, int last_unit, GError **error)
{
  g_autofree char *t = shown (text);
  g_autofree char *n = shown (term->digits);   /* the number ends the text */
  if (term->start == text)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "'%s' needs a unit, e.g. %ss (units: " UNIT_LIST ")", t, n);
  if (last_unit + 1 >= (int) N_UNITS)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "'%s' ends with %s, which has no unit (nothing is smaller than ns)", t, n);
  const char *next = units[last_unit + 1].name;
  return fail (error, LM_TIME_ERROR_SYNTAX,
               "'%s' needs a unit after %s, e.g. %s%s (units: " UNIT_LIST ")", t, n, t, next);
}

/* The error for the unit @u (@len bytes), unknown (@unit < 0) or not
 * smaller than the previous term's @last_unit. */
static gboolean
bad_unit (const char *text, const char *u, gsize len, int unit, int last_unit, GError **error)
{
  g_autofree char *t = shown (text);
  g_autofree char *name = g_strndup (u, len);
  g_autofree char *shown_name = shown (name);
  const char *hint = unit_hint (u, len);
  if (unit < 0 && hint != NULL)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "unknown unit '%s' in '%s' (did you mean '%s'? expected " UNIT_LIST ")",
                 shown_name, t, hint);
  if (unit < 0)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "unknown unit '%s' in '%s' (expected " UNIT_LIST ")", shown_name, t);
  if (unit == last_unit)
    return fail (error, LM_TIME_ERROR_SYNTAX,
                 "unit '%s' appears twice in '%s' (write each unit once, e.g. 1m30s)", name, t);
  return fail (error, LM_TIME_ERROR_SYNTAX,
               "units out of order in '%s': '%s' after '%s' (write the largest unit first, "
               "e.g. 1h30m)", t, name, units[last_unit].name);
}

/* Lexes one <number><unit> term at *@p and checks the unit's order. */
static gboolean
lex_term (const char *text, const char **p, Term *term, int last_unit, GError **error)
{
  term->start = *p;
  if (!lex_number (text, p, term, error))
    return FALSE;
  const char *u = *p;
  while (is_unit_char (**p))
    (*p)++;
  gsize len = (gsize) (*p - u);
  if (len == 0)
    return **p == '\0' ? missing_unit (text, term, last_unit, error) : bad_char (text, *p, error);
  term->unit = find_unit (u, len);
  if (term->unit < 0 || term->unit <= last_unit)
    return bad_unit (text, u, len, term->unit, last_unit, error);
  return TRUE;
}

static guint64
gcd64 (guint64 a, guint64 b)
{
  while (b != 0)
    {
      guint64 r = a % b;
      a = b;
      b = r;
    }
  return a;
}

static gboolean
too_large (const char *text, GError **error)
{
  g_autofree char *t = shown (text);
  return fail (error, LM_TIME_ERROR_RANGE,
               "duration '%s' is too large (at most 292y)", t);
}

/* The fraction's worth in ns, exactly, or a PRECISION error. */
static gboolean
frac_value (const char *text, const Term *term, guint64 *ns, GError **error)
{
  guint64 unit = units[term->unit].ns, f = 0, pow10 = 1;
  *ns = 0;
  if (term->n_frac == 0)
    return TRUE;
  if (term->n_frac <= MAX_FRAC_DIGITS)
    {
      for (gsize i = 0; i < term->n_frac; i++)
        {
          f = f * 10 + (guint64) (term->frac[i] - '0');
          pow10 *= 10;
        }
      guint64 g = gcd64 (unit, pow10);
      guint64 den = pow10 / g;
      if (f % den == 0)
        {
          *ns = (f / den) * (unit / g);
          return TRUE;
        }
    }
  g_autofree char *t = shown (text);
  return fail (error, LM_TIME_ERROR_PRECISION,
               "'%s' is finer than one nanosecond (lmsim counts whole nanoseconds)", t);
}

/* The term's worth in ns; RANGE error beyond LM_TIME_MAX. */
static gboolean
term_value (const char *text, const Term *term, guint64 *ns, GError **error)
{
  guint64 unit = units[term->unit].ns, whole = 0, frac;
  gboolean big = FALSE;
  for (gsize i = 0; i < term->n_digits && !big; i++)
    {
      guint64 d = (guint64) (term->digits[i] - '0');
      if (whole > (G_MAXUINT64 - d) / 10)
        big = TRUE;
      else
        whole = whole * 10 + d;
    }
  if (!frac_value (text, term, &frac, error))
    return FALSE;
  if (big || whole > ((guint64) LM_TIME_MAX - frac) / unit)
    return too_large (text, error);
  *ns = whole * unit + frac;
  return TRUE;
}

gboolean
lm_time_parse (const char *text, LmTime *out, GError **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*text == '\0')
    return fail (error, LM_TIME_ERROR_SYNTAX, "empty duration (expected %s)", EXAMPLE);
  const char *p = text;
  guint64 total = 0;
  int last_unit = -1;
  while (*p != '\0')
    {
      Term term = { 0 };
      guint64 ns = 0;
      if (!lex_term (text, &p, &term, last_unit, error)
          || !term_value (text, &term, &ns, error))
        return FALSE;
      if (ns > (guint64) LM_TIME_MAX - total)
        return too_large (text, error);
      total += ns;
      last_unit = term.unit;
    }
  *out = (LmTime) total;
  return TRUE;
}

/* Appends @frac (0 <= frac < 10^@width) as ".ddd" with trailing zeros
 * trimmed; nothing when it is 0. */
static void
append_fraction (GString *s, guint64 frac, int width)
{
  if (frac == 0)
    return;
  while (frac % 10 == 0)
    {
      frac /= 10;
      width--;
    }
  g_string_append_printf (s, ".%0*" G_GUINT64_FORMAT, width, frac);
}

/* @v below one second, as ms/us/ns with an exact decimal fraction. */
static void
append_subsecond (GString *s, guint64 v)
{
  static const struct { guint64 ns; int width; const char *name; } sub[] = {
    { 1000000, 6, "ms" }, { 1000, 3, "us" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (sub); i++)
    if (v >= sub[i].ns)
      {
        g_string_append_printf (s, "%" G_GUINT64_FORMAT, v / sub[i].ns);
        append_fraction (s, v % sub[i].ns, sub[i].width);
        g_string_append (s, sub[i].name);
        return;
      }
  g_string_append_printf (s, "%" G_GUINT64_FORMAT "ns", v);
}

char *
lm_time_to_string (LmTime t)
{
  GString *s = g_string_new (NULL);
  guint64 v = t < 0 ? -(guint64) t : (guint64) t;
  if (t < 0)
    g_string_append_c (s, '-');
  if (v == 0)
    g_string_append (s, "0s");
  else if (v < units[UNIT_S].ns)
    append_subsecond (s, v);
  else
    {
      for (int i = 0; i < UNIT_S; i++)
        if (v >= units[i].ns)
          {
            g_string_append_printf (s, "%" G_GUINT64_FORMAT "%s", v / units[i].ns, units[i].name);
            v %= units[i].ns;
          }
      if (v > 0)
        {
          g_string_append_printf (s, "%" G_GUINT64_FORMAT, v / units[UNIT_S].ns);
          append_fraction (s, v % units[UNIT_S].ns, 9);
          g_string_append_c (s, 's');
        }
    }
  return g_string_free (s, FALSE);
}

/* @v (1 ns .. 1 min) with three significant digits: "850 ns", "12.5 µs". */
static void
human_short (char *buf, gsize size, guint64 v)
{
  static const struct { guint64 ns; const char *name; } scale[] = {
    { 1, "ns" }, { 1000, "µs" }, { 1000000, "ms" }, { 1000000000, "s" },
  };
  if (v < 1000)
    {
      g_snprintf (buf, size, "%" G_GUINT64_FORMAT " ns", v);
      return;
    }
  gsize i = 0;
  while (i + 1 < G_N_ELEMENTS (scale) && v >= scale[i + 1].ns)
    i++;
  /* decimals so that the integer part has 1..3 digits */
  guint64 whole = v / scale[i].ns;
  int dec = whole >= 100 ? 0 : whole >= 10 ? 1 : 2;
  guint64 q = scale[i].ns / (dec == 0 ? 1 : dec == 1 ? 10 : 100);
  guint64 r = (v + q / 2) / q;               /* 3 significant digits */
  if (r >= 1000 && dec > 0)
    {
      r /= 10;                               /* 9.996 -> 10.0 */
      dec--;
    }
  else if (r >= 1000)
    {
      r = 100;                               /* 999.6 ms -> 1.00 s */
      dec = 2;
      i++;
    }
  guint64 p10 = dec == 0 ? 1 : dec == 1 ? 10 : 100;
  guint64 ip = r / p10, fp = r % p10;
  while (dec > 0 && fp % 10 == 0)
    {
      fp /= 10;
      dec--;
    }
  if (dec > 0)
    g_snprintf (buf, size, "%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT " %s",
                ip, dec, fp, scale[i].name);
  else
    g_snprintf (buf, size, "%" G_GUINT64_FORMAT " %s", ip, scale[i].name);
}

/* @v (>= 1 min): the two largest units, rounded half up to the second one.
 * Since v < units[i-1] and units[i-1] is a multiple of the smaller unit, a
 * carry lands exactly on one of the next larger unit ("59m59.6s" -> "1h"). */
static void
human_long (char *buf, gsize size, guint64 v)
{
  if (v < units[3].ns)
    v = units[3].ns;   /* 59.95 s .. 1 min: "60 s" would not be three digits */
  int i = 0;
  while (v < units[i].ns)
    i++;
  guint64 small = units[i + 1].ns;
  guint64 rounded = (v + small / 2) / small * small;
  if (i > 0 && rounded >= units[i - 1].ns)
    {
      g_snprintf (buf, size, "1%s", units[i - 1].name);
      return;
    }
  guint64 a = rounded / units[i].ns, b = rounded % units[i].ns / small;
  if (b == 0)
    g_snprintf (buf, size, "%" G_GUINT64_FORMAT "%s", a, units[i].name);
  else
    g_snprintf (buf, size, "%" G_GUINT64_FORMAT "%s%" G_GUINT64_FORMAT "%s",
                a, units[i].name, b, units[i + 1].name);
}

char *
lm_time_human (LmTime t, char buf[LM_TIME_HUMAN_LEN])
{
  g_return_val_if_fail (buf != NULL, NULL);
  guint64 v = t < 0 ? -(guint64) t : (guint64) t;
  gsize off = 0;
  if (t < 0)
    buf[off++] = '-';
  if (v == 0)
    g_strlcpy (buf, "0 s", LM_TIME_HUMAN_LEN);
  else if (v < (guint64) LM_MS (59950))     /* would not round to "60 s" */
    human_short (buf + off, LM_TIME_HUMAN_LEN - off, v);
  else
    human_long (buf + off, LM_TIME_HUMAN_LEN - off, v);
  return buf;
}
