/* sim/scenario-values.c — typed values with units, read from tokens, and
 * their canonical text.
 *
 * Durations: sim/time.h (ns us ms s m h d y).  Rates: bps Kbps Mbps Gbps,
 * sizes: B KB MB (powers of 1000, DESIGN §6), parsed exactly in integers
 * (no double on the way: "2.5Gbps" is 2500000000 bit/s).  Percentages and
 * distances (km) are doubles written as plain decimals.  Distributions:
 * exp(mean), lognormal(mean, sd), weibull(shape, scale), fixed(t),
 * uniform(lo, hi); a bare duration is exp(duration).
 */
#include <string.h>
#include "sim/scenario-private.h"

#define MAX_FRAC_DIGITS 15

typedef struct {
  const char *name;
  guint64 mult;
} Unit;

static const Unit rate_units[] = {
  { "bps", 1 }, { "Kbps", 1000 }, { "Mbps", 1000000 }, { "Gbps", 1000000000 }, { NULL, 0 },
};
static const char *const rate_unit_names[] = { "bps", "Kbps", "Mbps", "Gbps", NULL };
static const Unit size_units[] = {
  { "B", 1 }, { "KB", 1000 }, { "MB", 1000000 }, { NULL, 0 },
};
static const char *const size_unit_names[] = { "B", "KB", "MB", NULL };

const char lm_sc_tier_list[] = "1, 2, 5, 10, 25, 50 or 100 Gbps";

static const guint64 tiers_gbps[] = { 1, 2, 5, 10, 25, 50, 100 };
G_STATIC_ASSERT (G_N_ELEMENTS (tiers_gbps) == LM_SC_N_TIERS);

guint64
lm_sc_tier_bps (guint i)
{
  g_return_val_if_fail (i < LM_SC_N_TIERS, 0);
  return tiers_gbps[i] * G_GUINT64_CONSTANT (1000000000);
}

int
lm_sc_tier_index (guint64 bps)
{
  for (guint i = 0; i < LM_SC_N_TIERS; i++)
    if (bps == lm_sc_tier_bps (i))
      return (int) i;
  return -1;
}

gboolean
lm_sc_is_tier (guint64 bps)
{
  return lm_sc_tier_index (bps) >= 0;
}

/* Splits "12.5Xyz" into integer digits, fraction digits and the suffix.
 * FALSE when it does not start with digits or the '.' has no digit after. */
typedef struct {
  const char *digits;
  gsize n_digits;
  const char *frac;
  gsize n_frac;
  const char *suffix;
} Decimal;

static gboolean
split_decimal (const char *text, Decimal *d)
{
  const char *p = text;
  d->digits = p;
  while (g_ascii_isdigit (*p))
    p++;
  d->n_digits = (gsize) (p - d->digits);
  d->frac = p;
  d->n_frac = 0;
  if (d->n_digits == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      d->frac = p;
      while (g_ascii_isdigit (*p))
        p++;
      d->n_frac = (gsize) (p - d->frac);
      if (d->n_frac == 0)
        return FALSE;
    }
  d->suffix = p;
  return TRUE;
}

/* Message for a value that is not number+unit (transfer full). */
static char *
unit_problem (const char *text, const Decimal *d, const char *const *names, const char *kind)
{
  g_autofree char *shown = lm_sc_shown (text, -1);
  g_autofree char *list = lm_sc_join_or (names);
  if (*d->suffix == '\0')
    return g_strdup_printf ("%s '%s' needs a unit (%s)", kind, shown, list);
  g_autofree char *u = lm_sc_shown (d->suffix, -1);
  g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest (d->suffix, names));
  return g_strdup_printf ("unknown unit '%s' in %s '%s'%s (units: %s)", u, kind, shown,
                          dym, list);
}

/* Parses an exact scaled integer; NULL or an error message (transfer full). */
static char *
parse_scaled (const char *text, const Unit *units, const char *const *names,
              const char *kind, guint64 *out)
{
  g_autofree char *shown = lm_sc_shown (text, -1);
  if (text[0] == '-')
    return g_strdup_printf ("negative %s '%s'; a %s is 0 or more", kind, shown, kind);
  Decimal d;
  if (!split_decimal (text, &d))
    return g_strdup_printf ("'%s' is not a %s (e.g. %s)", shown, kind,
                            units == rate_units ? "10Gbps" : "1500B");
  const Unit *u = NULL;
  for (const Unit *x = units; x->name != NULL; x++)
    if (strcmp (x->name, d.suffix) == 0)
      u = x;
  if (u == NULL)
    return unit_problem (text, &d, names, kind);
  unsigned __int128 v = 0, f = 0, pow10 = 1;
  for (gsize i = 0; i < d.n_digits; i++)
    {
      v = v * 10 + (unsigned) (d.digits[i] - '0');
      if (v > G_MAXUINT64)
        return g_strdup_printf ("%s '%s' is too large", kind, shown);
    }
  if (d.n_frac > 18)
    return g_strdup_printf ("%s '%s' has too many decimals", kind, shown);
  for (gsize i = 0; i < d.n_frac; i++)
    {
      f = f * 10 + (unsigned) (d.frac[i] - '0');
      pow10 *= 10;
    }
  if ((f * u->mult) % pow10 != 0)
    return g_strdup_printf ("%s '%s' is finer than 1 %s", kind, shown, units[0].name);
  v = v * u->mult + (f * u->mult) / pow10;
  if (v > G_MAXUINT64)
    return g_strdup_printf ("%s '%s' is too large", kind, shown);
  *out = (guint64) v;
  return NULL;
}

/* Reads a NUMBER token; otherwise "expected WHAT (EXAMPLE)". */
static gboolean
number_tok (LmLx *lx, const char *what, const char *example, LmTok *t, LmScLoc *loc)
{
  *t = lm_sc_next (lx);
  if (loc != NULL)
    *loc = lm_sc_tok_loc (lx, t);
  if (t->kind == LM_TOK_NUMBER)
    return TRUE;
  g_autofree char *w = g_strdup_printf ("%s (%s)", what, example);
  lm_sc_expected (lx, t, w);
  return FALSE;
}

gboolean
lm_sc_duration (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc)
{
  LmTok t;
  if (!number_tok (lx, what, "a duration such as 90s or 1h30m", &t, loc))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autoptr (GError) err = NULL;
  if (lm_time_parse (text, out, &err))
    return TRUE;
  lm_sc_error_at (lx, &t, "%s: %s", what, err->message);
  return FALSE;
}

static gboolean
scaled (LmLx *lx, const char *what, const char *example, const Unit *units,
        const char *const *names, const char *kind, guint64 *out, LmScLoc *loc)
{
  LmTok t;
  if (!number_tok (lx, what, example, &t, loc))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autofree char *msg = parse_scaled (text, units, names, kind, out);
  if (msg == NULL)
    return TRUE;
  lm_sc_error_at (lx, &t, "%s: %s", what, msg);
  return FALSE;
}

gboolean
lm_sc_rate (LmLx *lx, const char *what, guint64 *bps, LmScLoc *loc)
{
  return scaled (lx, what, "a rate such as 10Gbps", rate_units, rate_unit_names, "rate", bps,
                 loc);
}

gboolean
lm_sc_size (LmLx *lx, const char *what, guint64 *bytes, LmScLoc *loc)
{
  return scaled (lx, what, "a size such as 1500B", size_units, size_unit_names, "size", bytes,
                 loc);
}

/* A plain decimal (no sign, no exponent) followed by @suffix; NULL or a
 * message (transfer full). */
static char *
parse_real (const char *text, const char *suffix, const char *kind, double *out)
{
  g_autofree char *shown = lm_sc_shown (text, -1);
  if (text[0] == '-')
    return g_strdup_printf ("negative %s '%s'", kind, shown);
  Decimal d;
  if (!split_decimal (text, &d))
    return g_strdup_printf ("'%s' is not a %s", shown, kind);
  if (strcmp (d.suffix, suffix) != 0)
    {
      if (*d.suffix == '\0')
        return g_strdup_printf ("%s '%s' needs '%s'", kind, shown, suffix);
      g_autofree char *u = lm_sc_shown (d.suffix, -1);
      return g_strdup_printf ("unknown unit '%s' in %s '%s' (expected '%s')", u, kind, shown,
                              suffix);
    }
  if (d.n_frac > MAX_FRAC_DIGITS || d.n_digits > 15)
    return g_strdup_printf ("%s '%s' has too many digits", kind, shown);
  g_autofree char *num = g_strndup (text, (gsize) (d.suffix - text));
  *out = g_ascii_strtod (num, NULL);
  return NULL;
}

gboolean
lm_sc_percent (LmLx *lx, const char *what, double *percent, LmScLoc *loc)
{
  LmTok t;
  if (!number_tok (lx, what, "a percentage such as 99.99%", &t, loc))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autofree char *msg = parse_real (text, "%", "percentage", percent);
  if (msg == NULL && *percent > 100.0)
    msg = g_strdup_printf ("percentage %s is above 100%%", text);
  if (msg == NULL)
    return TRUE;
  lm_sc_error_at (lx, &t, "%s: %s", what, msg);
  return FALSE;
}

gboolean
lm_sc_distance (LmLx *lx, const char *what, double *km, LmScLoc *loc)
{
  LmTok t;
  if (!number_tok (lx, what, "a distance such as 350km", &t, loc))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autofree char *msg = parse_real (text, "km", "distance", km);
  if (msg == NULL && *km > 40000.0)
    msg = g_strdup_printf ("distance %s is longer than any path on Earth (at most 40000km)",
                           text);
  if (msg == NULL)
    return TRUE;
  lm_sc_error_at (lx, &t, "%s: %s", what, msg);
  return FALSE;
}

gboolean
lm_sc_uint (LmLx *lx, const char *what, guint64 min, guint64 max, guint64 *out, LmScLoc *loc)
{
  LmTok t;
  if (!number_tok (lx, what, "a whole number", &t, loc))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autofree char *shown = lm_sc_shown (text, -1);
  guint64 v = 0;
  gboolean big = FALSE;
  const char *p = text;
  if (*p == '-')
    {
      lm_sc_error_at (lx, &t, "%s must be between %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT
                      ", got %s", what, min, max, shown);
      return FALSE;
    }
  for (; g_ascii_isdigit (*p); p++)
    {
      guint d = (guint) (*p - '0');
      if (v > (G_MAXUINT64 - d) / 10)
        big = TRUE;
      v = big ? v : v * 10 + d;
    }
  if (*p != '\0')
    {
      lm_sc_error_at (lx, &t, "%s: '%s' is not a whole number", what, shown);
      return FALSE;
    }
  if (big || v < min || v > max)
    {
      lm_sc_error_at (lx, &t, "%s must be between %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT
                      ", got %s", what, min, max, shown);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* ------------------------------------------------------------------ distributions */

static const char *const dist_names[] = { "exp", "lognormal", "weibull", "fixed", "uniform", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (dist_names) == LM_SC_DIST_N + 1);

static gboolean
punct (LmLx *lx, LmTokKind kind, const char *what)
{
  LmTok t = lm_sc_next (lx);
  if (t.kind == kind)
    return TRUE;
  lm_sc_expected (lx, &t, what);
  return FALSE;
}

static gboolean
shape_arg (LmLx *lx, double *shape)
{
  LmTok t;
  if (!number_tok (lx, "Weibull shape", "a number such as 1.5", &t, NULL))
    return FALSE;
  g_autofree char *text = lm_sc_tok_dup (&t);
  g_autofree char *msg = parse_real (text, "", "number", shape);
  if (msg == NULL && *shape <= 0.0)
    msg = g_strdup ("it must be above 0");
  if (msg == NULL && *shape > 1000.0)
    msg = g_strdup ("it must be at most 1000");
  if (msg == NULL)
    return TRUE;
  lm_sc_error_at (lx, &t, "Weibull shape: %s", msg);
  return FALSE;
}

/* The arguments of @kind after '(' up to ')'. */
static gboolean
dist_args (LmLx *lx, LmScDist *d, const LmTok *name)
{
  static const guint nargs[] = { 1, 2, 2, 1, 2 };
  if (d->kind == LM_SC_DIST_WEIBULL)
    {
      if (!shape_arg (lx, &d->shape))
        return FALSE;
    }
  else if (!lm_sc_duration (lx, d->kind == LM_SC_DIST_UNIFORM ? "lower bound" : "mean", &d->a,
                            NULL))
    return FALSE;
  if (nargs[d->kind] == 2)
    {
      const char *w = d->kind == LM_SC_DIST_LOGNORMAL ? "standard deviation"
                      : d->kind == LM_SC_DIST_WEIBULL ? "scale" : "upper bound";
      if (!punct (lx, LM_TOK_COMMA, "','")
          || !lm_sc_duration (lx, w, d->kind == LM_SC_DIST_WEIBULL ? &d->a : &d->b, NULL))
        return FALSE;
    }
  g_autofree char *closing = g_strdup_printf ("')' after the %s of %s()",
                                              nargs[d->kind] == 2 ? "two arguments" : "argument",
                                              dist_names[d->kind]);
  return punct (lx, LM_TOK_RPAREN, closing);
}

static gboolean
dist_values_ok (LmLx *lx, const LmScDist *d, const LmTok *at)
{
  const char *problem = NULL;
  if ((d->kind == LM_SC_DIST_EXP || d->kind == LM_SC_DIST_LOGNORMAL) && d->a == 0)
    problem = "its mean must be above 0";
  else if (d->kind == LM_SC_DIST_WEIBULL && d->a == 0)
    problem = "its scale must be above 0";
  else if (d->kind == LM_SC_DIST_UNIFORM && d->b < d->a)
    problem = "its upper bound is below its lower bound";
  if (problem == NULL)
    return TRUE;
  lm_sc_error_at (lx, at, "%s(): %s", dist_names[d->kind], problem);
  return FALSE;
}

gboolean
lm_sc_dist (LmLx *lx, const char *what, LmScDist *out, LmScLoc *loc)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  LmTok first = *t;
  if (loc != NULL)
    *loc = lm_sc_tok_loc (lx, t);
  LmScDist d = { LM_SC_DIST_EXP, 0, 0, 0.0 };
  if (t->kind == LM_TOK_NUMBER)
    {
      if (!lm_sc_duration (lx, what, &d.a, NULL) || !dist_values_ok (lx, &d, &first))
        return FALSE;
      *out = d;
      return TRUE;
    }
  g_autofree char *w = g_strdup_printf ("%s (a duration, or exp(…), lognormal(…, …), "
                                        "weibull(…, …), fixed(…) or uniform(…, …))", what);
  LmTok name = lm_sc_next (lx);
  if (name.kind != LM_TOK_WORD)
    {
      lm_sc_expected (lx, &name, w);
      return FALSE;
    }
  g_autofree char *word = lm_sc_tok_dup (&name);
  guint k;
  for (k = 0; k < LM_SC_DIST_N && strcmp (dist_names[k], word) != 0; k++)
    ;
  if (k == LM_SC_DIST_N)
    {
      g_autofree char *s = lm_sc_shown (word, -1);
      const char *sug = lm_sc_suggest (word, dist_names);
      if (sug != NULL)
        lm_sc_error_at (lx, &name, "unknown distribution '%s'; did you mean '%s'?", s, sug);
      else
        lm_sc_error_at (lx, &name, "unknown distribution '%s' (expected exp, lognormal, "
                        "weibull, fixed or uniform)", s);
      return FALSE;
    }
  d.kind = (LmScDistKind) k;
  g_autofree char *open = g_strdup_printf ("'(' after '%s'", dist_names[k]);
  if (!punct (lx, LM_TOK_LPAREN, open) || !dist_args (lx, &d, &name)
      || !dist_values_ok (lx, &d, &name))
    return FALSE;
  *out = d;
  return TRUE;
}

/* ------------------------------------------------------------------ names */

gboolean
lm_sc_is_ident (const char *s)
{
  if (!g_ascii_isalpha (*s) && *s != '_')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static const char *const reserved[] = {
  "scenario", "seed", "duration", "replications", "sweep", "include", "interconnect", "bgp", "macsec",
  "traffic", "failures", "group", "partners", "metros", "at", "after", "expect",
  "provisioning", "environments", "site", "router-pair", "router", "link", "partner-fabric",
  "first-mile", "gateway", "rare",
  "provision", "accept", "activate", "update", "delete", "fail", "repair", "flap", "degrade",
  "maintain", "convergence", "availability", "capacity-availability",
  "half-capacity-availability", "full-capacity-availability", "loss", "latency", "state",
  "available", "as", "of", NULL,
};

gboolean
lm_sc_is_reserved (const char *s)
{
  return g_strv_contains (reserved, s);
}

/* Why @s is not an identifier (transfer full), or NULL. */
static char *
ident_problem (const char *s, const char *what)
{
  g_autofree char *shown = lm_sc_shown (s, -1);
  if (strchr (s, '.') != NULL)
    return g_strdup_printf ("%s '%s' may not contain '.' (dots separate the parts of a "
                            "component's name)", what, shown);
  if (strchr (s, '*') != NULL)
    return g_strdup_printf ("%s '%s' may not contain '*'", what, shown);
  if (!lm_sc_is_ident (s))
    return g_strdup_printf ("%s '%s' may contain only ASCII letters, digits, '-' and '_', "
                            "and starts with a letter", what, shown);
  return NULL;
}

gboolean
lm_sc_ident (LmLx *lx, const char *what, char **out, LmScLoc *loc)
{
  LmTok t = lm_sc_next (lx);
  if (loc != NULL)
    *loc = lm_sc_tok_loc (lx, &t);
  if (t.kind != LM_TOK_WORD)
    {
      g_autofree char *w = g_strdup_printf ("%s (a name such as ic1)", what);
      lm_sc_expected (lx, &t, w);
      return FALSE;
    }
  g_autofree char *s = lm_sc_tok_dup (&t);
  g_autofree char *msg = ident_problem (s, what);
  if (msg != NULL)
    {
      lm_sc_error_at (lx, &t, "%s", msg);
      return FALSE;
    }
  *out = g_steal_pointer (&s);
  return TRUE;
}

gboolean
lm_sc_check_target_syntax (LmLx *lx, const LmTok *t)
{
  g_autofree char *s = lm_sc_tok_dup (t);
  g_autofree char *shown = lm_sc_shown (s, -1);
  g_auto (GStrv) parts = g_strsplit (s, ".", -1);
  const char *problem = NULL;
  for (guint i = 0; parts[i] != NULL && problem == NULL; i++)
    {
      const char *p = parts[i];
      if (*p == '\0')
        problem = "an empty part (two dots, or a dot at an end)";
      else if (strchr (p, '*') != NULL && strcmp (p, "*") != 0)
        problem = "'*' that is not a whole part (write ic1.*.rp1)";
      else if (strcmp (p, "*") != 0 && !lm_sc_is_ident (p) && !g_ascii_isdigit (*p))
        problem = "a character other than letters, digits, '-' and '_'";
    }
  if (problem == NULL && g_strv_length (parts) > 5)
    problem = "more than 5 parts (the deepest is ic1.A.rp1.bgp.ipv4)";
  if (problem == NULL)
    return TRUE;
  lm_sc_error_at (lx, t, "name '%s' has %s", shown, problem);
  return FALSE;
}

char *
lm_sc_unquote (const LmTok *t)
{
  GString *s = g_string_new (NULL);
  for (guint i = 1; i + 1 < t->len; i++)
    {
      if (t->p[i] == '\\' && i + 2 < t->len)
        i++;
      g_string_append_c (s, t->p[i]);
    }
  return g_string_free (s, FALSE);
}

gboolean
lm_sc_word_or_string (LmLx *lx, const char *what, char **out, LmScLoc *loc)
{
  LmTok t = lm_sc_next (lx);
  if (loc != NULL)
    *loc = lm_sc_tok_loc (lx, &t);
  if (t.kind == LM_TOK_STRING)
    {
      *out = lm_sc_unquote (&t);
      return TRUE;
    }
  if (t.kind == LM_TOK_WORD || t.kind == LM_TOK_NUMBER)
    {
      *out = lm_sc_tok_dup (&t);
      return TRUE;
    }
  lm_sc_expected (lx, &t, what);
  return FALSE;
}

gboolean
lm_sc_choice (LmLx *lx, const char *what, const char *const *words, guint *out, LmScLoc *loc)
{
  LmTok t = lm_sc_next (lx);
  if (loc != NULL)
    *loc = lm_sc_tok_loc (lx, &t);
  g_autofree char *list = lm_sc_join_or (words);
  if (t.kind == LM_TOK_WORD)
    {
      g_autofree char *s = lm_sc_tok_dup (&t);
      for (guint i = 0; words[i] != NULL; i++)
        if (strcmp (words[i], s) == 0)
          {
            *out = i;
            return TRUE;
          }
      g_autofree char *shown = lm_sc_shown (s, -1);
      const char *sug = lm_sc_suggest (s, words);
      if (sug != NULL)
        lm_sc_error_at (lx, &t, "unknown %s '%s'; did you mean '%s'?", what, shown, sug);
      else
        lm_sc_error_at (lx, &t, "unknown %s '%s' (expected %s)", what, shown, list);
      return FALSE;
    }
  g_autofree char *w = g_strdup_printf ("%s (%s)", what, list);
  lm_sc_expected (lx, &t, w);
  return FALSE;
}

/* ------------------------------------------------------------------ canonical text */

static char *
scaled_string (guint64 v, const Unit *units)
{
  const Unit *u = &units[0];
  for (const Unit *x = units; x->name != NULL; x++)
    if (v >= x->mult)
      u = x;
  guint64 whole = v / u->mult, frac = v % u->mult;
  if (frac == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "%s", whole, u->name);
  int width = 0;
  for (guint64 m = u->mult; m > 1; m /= 10)
    width++;
  char buf[32];
  g_snprintf (buf, sizeof buf, "%0*" G_GUINT64_FORMAT, width, frac);
  for (int i = width - 1; i > 0 && buf[i] == '0'; i--)
    buf[i] = '\0';
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%s%s", whole, buf, u->name);
}

char *
lm_sc_rate_string (guint64 bps)
{
  return scaled_string (bps, rate_units);
}

char *
lm_sc_size_string (guint64 bytes)
{
  const Unit *u = &size_units[0];
  for (const Unit *x = size_units; x->name != NULL; x++)
    if (bytes >= 10 * x->mult && bytes % x->mult == 0)
      u = x;
  return g_strdup_printf ("%" G_GUINT64_FORMAT "%s", bytes / u->mult, u->name);
}

char *
lm_sc_double_string (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64];
  for (int prec = 0; prec <= 40; prec++)
    {
      char fmt[16];
      g_snprintf (fmt, sizeof fmt, "%%.%df", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        return g_strdup (buf);
    }
  return g_strdup (buf);
}

char *
lm_sc_dist_string (const LmScDist *d)
{
  g_autofree char *a = lm_time_to_string (d->a);
  g_autofree char *b = lm_time_to_string (d->b);
  switch (d->kind)
    {
    case LM_SC_DIST_EXP:
      return g_strdup_printf ("exp(%s)", a);
    case LM_SC_DIST_LOGNORMAL:
      return g_strdup_printf ("lognormal(%s, %s)", a, b);
    case LM_SC_DIST_WEIBULL:
      {
        g_autofree char *s = lm_sc_double_string (d->shape);
        return g_strdup_printf ("weibull(%s, %s)", s, a);
      }
    case LM_SC_DIST_FIXED:
      return g_strdup_printf ("fixed(%s)", a);
    case LM_SC_DIST_UNIFORM:
    default:
      return g_strdup_printf ("uniform(%s, %s)", a, b);
    }
}

char *
lm_sc_quote (const char *s)
{
  gboolean word = (g_ascii_isalpha (*s) || *s == '_') && !lm_sc_is_reserved (s);
  for (const char *p = s; *p != '\0' && word; p++)
    word = g_ascii_isalnum (*p) || strchr ("_-.@+", *p) != NULL;
  if (word)
    return g_strdup (s);
  GString *q = g_string_new ("\"");
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (q, '\\');
      g_string_append_c (q, *p);
    }
  g_string_append_c (q, '"');
  return g_string_free (q, FALSE);
}
