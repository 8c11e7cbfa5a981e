/* sim/scenario-diag.c — diagnostics of the scenario language: collecting
 * errors (at most LM_SCENARIO_MAX_ERRORS), rendering them as gcc does
 * (`FILE:LINE:COL: error: MESSAGE`, the source line, a caret line), "did
 * you mean" by edit distance, and small string helpers shared by the
 * parser's files.
 */
#include <string.h>
#include "sim/scenario-private.h"

G_DEFINE_QUARK (lm-scenario-error-quark, lm_scenario_error)

#define SUGGEST_MAX_WORD 64
#define SUGGEST_MAX_CANDIDATES 1000
#define SHOWN_MAX_CHARS 40
#define TAB_STOP 8
#define SHOW_COLS 160

static void
source_free (gpointer data)
{
  LmScSource *s = data;
  g_free (s->text);
  g_free (s);
}

void
lm_sc_ctx_init (LmScCtx *ctx, LmScenario *sc, gboolean includes)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->sc = sc;
  ctx->includes = includes;
  ctx->diags = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_scenario_diag_free);
  ctx->interned = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->sources = g_ptr_array_new_with_free_func (source_free);
  ctx->include_stack = g_ptr_array_new_with_free_func (g_free);
  ctx->broken = g_hash_table_new (NULL, NULL);
  ctx->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < sc->strings->len; i++)
    g_hash_table_add (ctx->interned, sc->strings->pdata[i]);
  for (guint i = 0; i < sc->partners->len; i++)
    {
      LmScPartner *p = sc->partners->pdata[i];
      for (guint j = 0; j < p->metros->len; j++)
        g_hash_table_insert (ctx->seen, g_strdup_printf ("%p/%s", (void *) p,
                             ((LmScNameRef *) p->metros->pdata[j])->name), p);
    }
}

void
lm_sc_ctx_clear (LmScCtx *ctx)
{
  g_clear_pointer (&ctx->diags, g_ptr_array_unref);
  g_clear_pointer (&ctx->interned, g_hash_table_unref);
  g_clear_pointer (&ctx->sources, g_ptr_array_unref);
  g_clear_pointer (&ctx->include_stack, g_ptr_array_unref);
  g_clear_pointer (&ctx->broken, g_hash_table_unref);
  g_clear_pointer (&ctx->seen, g_hash_table_unref);
}

const char *
lm_sc_intern (LmScCtx *ctx, const char *s)
{
  if (s == NULL)
    return NULL;
  const char *found = g_hash_table_lookup (ctx->interned, s);
  if (found != NULL)
    return found;
  char *copy = g_strdup (s);
  g_ptr_array_add (ctx->sc->strings, copy);
  g_hash_table_add (ctx->interned, copy);
  return copy;
}

void
lm_scenario_diag_free (LmScenarioDiag *d)
{
  if (d == NULL)
    return;
  g_free (d->file);
  g_free (d->message);
  g_free (d->option);
  g_free (d->source_line);
  g_free (d);
}

/* The text of line @line of the source @file read in this parse. */
static char *
source_line (LmScCtx *ctx, const char *file, guint line)
{
  for (guint i = 0; i < ctx->sources->len; i++)
    {
      LmScSource *s = ctx->sources->pdata[i];
      if (s->file != file)
        continue;
      const char *p = s->text, *end = s->text + s->len;
      for (guint n = 1; n < line && p < end; n++)
        {
          const char *nl = memchr (p, '\n', (gsize) (end - p));
          p = nl != NULL ? nl + 1 : end;
        }
      if (p >= end && line > 1)
        return NULL;
      if (p == s->text && s->len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = (gsize) ((nl != NULL ? nl : end) - p);
      if (n > 0 && p[n - 1] == '\r')
        n--;
      n = MIN (n, (gsize) LM_SCENARIO_MAX_LINE_BYTES);
      /* Keep it valid UTF-8 even when the line is not. */
      char *raw = g_strndup (p, n);
      char *valid = g_utf8_make_valid (raw, -1);
      g_free (raw);
      return valid;
    }
  return NULL;
}

guint
lm_sc_error_count (const LmScCtx *ctx)
{
  return ctx->diags->len;
}

void
lm_sc_verror (LmScCtx *ctx, LmScLoc loc, guint len, const char *fmt, va_list ap)
{
  if (ctx->stop)
    return;
  if (ctx->diags->len >= LM_SCENARIO_MAX_ERRORS)
    {
      LmScenarioDiag *d = g_new0 (LmScenarioDiag, 1);
      d->message = g_strdup_printf ("too many errors; stopped after %u",
                                    LM_SCENARIO_MAX_ERRORS);
      g_ptr_array_add (ctx->diags, d);
      ctx->stop = TRUE;
      return;
    }
  LmScenarioDiag *d = g_new0 (LmScenarioDiag, 1);
  d->file = g_strdup (loc.file);
  d->line = loc.line;
  d->col = loc.col;
  d->length = MAX (len, 1u);
  d->option = g_strdup (loc.option);
  d->message = g_strdup_vprintf (fmt, ap);
  if (loc.file != NULL && loc.line > 0)
    d->source_line = source_line (ctx, loc.file, loc.line);
  g_ptr_array_add (ctx->diags, d);
}

void
lm_sc_error (LmScCtx *ctx, LmScLoc loc, guint len, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  lm_sc_verror (ctx, loc, len, fmt, ap);
  va_end (ap);
}

/* The display cells of @line: tabs expanded, control characters as '?'. */
static GPtrArray *
display_cells (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\t')
        {
          do
            g_ptr_array_add (cells, g_strdup (" "));
          while (cells->len % TAB_STOP != 0);
        }
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_ptr_array_add (cells, g_strdup ("?"));
      else
        g_ptr_array_add (cells, g_strndup (p, (gsize) (g_utf8_next_char (p) - p)));
    }
  return cells;
}

/* Display column (0-based) of character @col (1-based) of @line. */
static guint
display_col (const char *line, guint col)
{
  guint dc = 0, c = 1;
  for (const char *p = line; *p != '\0' && c < col; p = g_utf8_next_char (p), c++)
    dc = (*p == '\t') ? (dc / TAB_STOP + 1) * TAB_STOP : dc + 1;
  return dc + (col > c ? col - c : 0);
}

/* The source line and the caret line, showing at most SHOW_COLS columns
 * around the caret of a long line. */
static void
render_source (GString *out, const LmScenarioDiag *d)
{
  g_autoptr (GPtrArray) cells = display_cells (d->source_line);
  guint dc = display_col (d->source_line, d->col);
  guint start = dc > SHOW_COLS / 2 ? dc - SHOW_COLS / 2 : 0;
  guint end = MIN (cells->len, start + SHOW_COLS);
  g_string_append_printf (out, "%5u | %s", d->line, start > 0 ? "…" : "");
  for (guint i = start; i < end; i++)
    g_string_append (out, cells->pdata[i]);
  g_string_append_printf (out, "%s\n      | %s", end < cells->len ? "…" : "", start > 0 ? " " : "");
  for (guint i = start; i < dc; i++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '^');
  for (guint i = 1; i < d->length && dc + i < start + SHOW_COLS; i++)
    g_string_append_c (out, '~');
  g_string_append_c (out, '\n');
}

static void
render_one (GString *out, const LmScenarioDiag *d)
{
  if (d->option != NULL)
    g_string_append_printf (out, "%s: error: %s\n", d->option, d->message);
  else if (d->file == NULL)
    g_string_append_printf (out, "lmsim: %s\n", d->message);
  else if (d->line == 0)
    g_string_append_printf (out, "%s: error: %s\n", d->file, d->message);
  else
    g_string_append_printf (out, "%s:%u:%u: error: %s\n", d->file, d->line, d->col, d->message);
  if (d->source_line != NULL)
    render_source (out, d);
}

char *
lm_scenario_diag_render (const GPtrArray *diags)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; diags != NULL && i < diags->len; i++)
    render_one (out, diags->pdata[i]);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ suggest */

/* Optimal-string-alignment distance (a transposition costs 1), ASCII
 * case-insensitive; words are at most SUGGEST_MAX_WORD bytes. */
static guint
osa_distance (const char *a, const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  guint d[SUGGEST_MAX_WORD + 1][SUGGEST_MAX_WORD + 1];
  for (gsize i = 0; i <= n; i++)
    d[i][0] = (guint) i;
  for (gsize j = 0; j <= m; j++)
    d[0][j] = (guint) j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        char x = g_ascii_tolower (a[i - 1]), y = g_ascii_tolower (b[j - 1]);
        guint cost = x == y ? 0 : 1;
        guint v = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x == g_ascii_tolower (b[j - 2])
            && g_ascii_tolower (a[i - 2]) == y)
          v = MIN (v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
  return d[n][m];
}

static guint
threshold (gsize len)
{
  return len <= 3 ? 1 : len <= 6 ? 2 : 3;
}

typedef struct {
  const char *word;
  gsize len;
  const char *best;
  guint best_d;
  guint seen;
} Suggest;

static void
consider (Suggest *s, const char *cand)
{
  if (cand == NULL || s->seen++ >= SUGGEST_MAX_CANDIDATES)
    return;
  gsize cl = strlen (cand);
  if (cl > SUGGEST_MAX_WORD || strcmp (cand, s->word) == 0)
    return;
  gsize diff = cl > s->len ? cl - s->len : s->len - cl;
  if (diff > threshold (s->len) || diff >= s->best_d)
    return;
  guint d = osa_distance (s->word, cand);
  if (d <= threshold (s->len) && d < s->best_d && d < cl)
    {
      s->best = cand;
      s->best_d = d;
    }
}

const char *
lm_sc_suggest (const char *word, const char *const *cands)
{
  if (word == NULL || strlen (word) > SUGGEST_MAX_WORD || cands == NULL)
    return NULL;
  Suggest s = { word, strlen (word), NULL, G_MAXUINT, 0 };
  for (gsize i = 0; cands[i] != NULL; i++)
    consider (&s, cands[i]);
  return s.best;
}

const char *
lm_sc_suggest_names (const char *word, const GPtrArray *objs)
{
  if (word == NULL || strlen (word) > SUGGEST_MAX_WORD || objs == NULL)
    return NULL;
  Suggest s = { word, strlen (word), NULL, G_MAXUINT, 0 };
  for (guint i = 0; i < objs->len; i++)
    consider (&s, *(char **) objs->pdata[i]);
  return s.best;
}

char *
lm_sc_did_you_mean (const char *suggestion)
{
  if (suggestion == NULL)
    return g_strdup ("");
  return g_strdup_printf ("; did you mean '%s'?", suggestion);
}

/* ------------------------------------------------------------------ strings */

char *
lm_sc_shown (const char *text, gssize len)
{
  if (text == NULL)
    return g_strdup ("");
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  g_autofree char *raw = g_strndup (text, n);
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *s = g_string_new (NULL);
  guint chars = 0;
  const char *p;
  for (p = valid; *p != '\0' && chars < SHOWN_MAX_CHARS; p = g_utf8_next_char (p), chars++)
    {
      guchar c = (guchar) *p;
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  if (*p != '\0')
    g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

int
lm_sc_natural_cmp (const char *a, const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          gsize na = 0, nb = 0;
          while (g_ascii_isdigit (a[na]))
            na++;
          while (g_ascii_isdigit (b[nb]))
            nb++;
          if (na != nb)
            return na < nb ? -1 : 1;
          int c = strncmp (a, b, na);
          if (c != 0)
            return c;
          a += na;
          b += nb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (*a != '\0') - (*b != '\0');
}

char *
lm_sc_join_or (const char *const *words)
{
  GString *s = g_string_new (NULL);
  gsize n = 0;
  while (words[n] != NULL)
    n++;
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, i + 1 == n ? " or " : ", ");
      g_string_append (s, words[i]);
    }
  return g_string_free (s, FALSE);
}
