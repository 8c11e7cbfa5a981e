/* sim/scenario-lexer.c — tokens of the scenario language.
 *
 * Line-oriented: a newline is a token (LM_TOK_NL) that ends a top-level
 * statement; `#` starts a comment to the end of the line; spaces, tabs and
 * a CR before LF are blanks; a UTF-8 byte-order mark at the start is
 * skipped.  Tokens: words (names, keywords, dotted names, wildcards),
 * numbers with their unit glued on (30s, 10Gbps, 99.9%, -1s), address
 * prefixes (10.0.0.0/16, 2001:db8::/32, fd00::/8), "strings",
 * { } ( ) , = and the comparisons <= >= == (and < > !=, to answer them).
 *
 * Columns count characters (UTF-8 code points), a tab counting one.  Work
 * and memory are bounded: a file is checked once for being text (no NUL,
 * valid UTF-8, at most LM_SCENARIO_MAX_FILE_BYTES), a line longer than
 * LM_SCENARIO_MAX_LINE_BYTES is reported and skipped, a name longer than
 * LM_SCENARIO_MAX_NAME_CHARS is reported; the lexer never backtracks.
 */
#include <string.h>
#include "sim/scenario-private.h"

#define MAX_NUMBER_BYTES 64

void
lm_sc_lexer_init (LmLx *lx, LmScCtx *ctx, const char *file, const char *option,
                  const char *text, gsize len)
{
  memset (lx, 0, sizeof *lx);
  lx->ctx = ctx;
  lx->file = file;
  lx->option = option;
  lx->text = text;
  lx->len = len;
  lx->line = 1;
  lx->col = 1;
  lx->at_bol = TRUE;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    lx->pos = 3;
}

LmScLoc
lm_sc_tok_loc (const LmLx *lx, const LmTok *t)
{
  LmScLoc loc = { lx->file, 0, 0, lx->option };
  if (lx->option == NULL)
    {
      loc.line = t->line;
      loc.col = t->col;
    }
  return loc;
}

static LmScLoc
here (const LmLx *lx)
{
  LmTok t = { .line = lx->line, .col = lx->col };
  return lm_sc_tok_loc (lx, &t);
}

static char
cur (const LmLx *lx)
{
  return lx->pos < lx->len ? lx->text[lx->pos] : '\0';
}

static char
ahead (const LmLx *lx, gsize k)
{
  return lx->pos + k < lx->len ? lx->text[lx->pos + k] : '\0';
}

/* Consumes one byte; counts a column for each character start. */
static void
advance (LmLx *lx)
{
  guchar c = (guchar) lx->text[lx->pos++];
  if ((c & 0xC0) != 0x80)
    lx->col++;
}

static void
skip_to_eol (LmLx *lx)
{
  const char *nl = memchr (lx->text + lx->pos, '\n', lx->len - lx->pos);
  gsize end = nl != NULL ? (gsize) (nl - lx->text) : lx->len;
  while (lx->pos < end)
    advance (lx);
}

/* At the start of a line: a line that is too long is reported and skipped. */
static void
check_line_length (LmLx *lx)
{
  lx->at_bol = FALSE;
  const char *start = lx->text + lx->pos;
  const char *nl = memchr (start, '\n', lx->len - lx->pos);
  gsize n = nl != NULL ? (gsize) (nl - start) : lx->len - lx->pos;
  if (n > 0 && start[n - 1] == '\r')
    n--;
  if (n <= LM_SCENARIO_MAX_LINE_BYTES)
    return;
  LmScLoc loc = here (lx);
  loc.col = LM_SCENARIO_MAX_LINE_BYTES + 1;
  lm_sc_error (lx->ctx, loc, 1, "line is longer than %u bytes; it is skipped",
               LM_SCENARIO_MAX_LINE_BYTES);
  skip_to_eol (lx);
}

static gboolean
is_word_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == '*';
}

/* ':' and '/' for an IPv6 prefix that starts with a letter (fd00::/8);
 * names never contain them (lm_sc_is_ident, target syntax). */
static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == '*' || c == '@'
         || c == '+' || c == ':' || c == '/' || (guchar) c >= 0x80;
}

/* '/' and ':' let an address prefix be one token: 10.0.0.0/16,
 * 2001:db8::/32. */
static gboolean
is_number_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '%' || c == '_' || c == '/' || c == ':'
         || (guchar) c >= 0x80;
}

static LmTok
start_tok (LmLx *lx, LmTokKind kind)
{
  LmTok t = { kind, lx->text + lx->pos, 0, lx->line, lx->col, 0, FALSE };
  return t;
}

static void
finish_tok (LmLx *lx, LmTok *t)
{
  t->len = (guint) (lx->text + lx->pos - t->p);
  t->ncols = lx->col - t->col;
}

static void
lex_run (LmLx *lx, LmTok *t, gboolean (*accept) (char))
{
  while (lx->pos < lx->len && accept (cur (lx)))
    advance (lx);
  finish_tok (lx, t);
}

static void
lex_word (LmLx *lx, LmTok *t)
{
  lex_run (lx, t, is_word_char);
  if (t->ncols > LM_SCENARIO_MAX_NAME_CHARS)
    {
      lm_sc_error (lx->ctx, lm_sc_tok_loc (lx, t), 1,
                   "name is longer than %u characters", LM_SCENARIO_MAX_NAME_CHARS);
      t->kind = LM_TOK_BAD;
    }
}

static void
lex_number (LmLx *lx, LmTok *t)
{
  advance (lx);                      /* the digit or '-' */
  lex_run (lx, t, is_number_char);
  if (t->len > MAX_NUMBER_BYTES)
    {
      lm_sc_error (lx->ctx, lm_sc_tok_loc (lx, t), 1,
                   "number is longer than %u characters", MAX_NUMBER_BYTES);
      t->kind = LM_TOK_BAD;
    }
}

static void
lex_string (LmLx *lx, LmTok *t)
{
  advance (lx);                      /* the opening quote */
  for (;;)
    {
      char c = cur (lx);
      if (c == '"')
        {
          advance (lx);
          finish_tok (lx, t);
          return;
        }
      if (c == '\n' || c == '\0' || (c == '\r' && ahead (lx, 1) == '\n'))
        break;
      if (c == '\\')
        {
          char e = ahead (lx, 1);
          if (e != '"' && e != '\\')
            {
              LmScLoc loc = here (lx);
              g_autofree char *s = lm_sc_shown (lx->text + lx->pos, e == '\0' ? 1 : 2);
              lm_sc_error (lx->ctx, loc, 2,
                           "unknown escape '%s' in a string; only \\\" and \\\\ are allowed", s);
              t->kind = LM_TOK_BAD;
            }
          if (e != '\0' && e != '\n')
            advance (lx);
        }
      advance (lx);
    }
  finish_tok (lx, t);
  lm_sc_error (lx->ctx, lm_sc_tok_loc (lx, t), 1,
               "unterminated string; expected '\"' before the end of the line");
  t->kind = LM_TOK_BAD;
}

static gboolean
lex_punct (LmLx *lx, LmTok *t)
{
  char c = cur (lx), d = ahead (lx, 1);
  static const char single[] = "{}(),";
  static const LmTokKind kinds[] = { LM_TOK_LBRACE, LM_TOK_RBRACE, LM_TOK_LPAREN,
                                     LM_TOK_RPAREN, LM_TOK_COMMA };
  const char *s = strchr (single, c);
  if (s != NULL && c != '\0')
    {
      t->kind = kinds[s - single];
      advance (lx);
    }
  else if ((c == '<' || c == '>' || c == '=' || c == '!') && d == '=')
    {
      t->kind = LM_TOK_OP;
      advance (lx);
      advance (lx);
    }
  else if (c == '<' || c == '>')
    {
      t->kind = LM_TOK_OP;
      advance (lx);
    }
  else if (c == '=')
    {
      t->kind = LM_TOK_EQ;
      advance (lx);
    }
  else
    return FALSE;
  finish_tok (lx, t);
  return TRUE;
}

static void
lex_bad (LmLx *lx, LmTok *t)
{
  const char *p = lx->text + lx->pos;
  gunichar u = g_utf8_get_char_validated (p, (gssize) (lx->len - lx->pos));
  if (u == (gunichar) -1 || u == (gunichar) -2)
    u = (guchar) *p;
  if (u < 0x20 || u == 0x7f)
    lm_sc_error (lx->ctx, here (lx), 1, "unexpected control character U+%04X", u);
  else
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 (u, buf);
      lm_sc_error (lx->ctx, here (lx), 1, "unexpected character '%s'", buf);
    }
  advance (lx);
  while (lx->pos < lx->len && ((guchar) cur (lx) & 0xC0) == 0x80)
    advance (lx);
  t->kind = LM_TOK_BAD;
  finish_tok (lx, t);
}

static void
skip_blanks (LmLx *lx)
{
  for (;;)
    {
      char c = cur (lx);
      if (c == ' ' || c == '\t' || (c == '\r' && ahead (lx, 1) != '\n' && ahead (lx, 1) != '\0'))
        advance (lx);
      else if (c == '\r')
        advance (lx);    /* CR before LF or at the end: part of the newline */
      else if (c == '#')
        skip_to_eol (lx);
      else
        return;
    }
}

static LmTok
scan (LmLx *lx)
{
  if (lx->at_bol && lx->pos < lx->len)
    check_line_length (lx);
  skip_blanks (lx);
  LmTok t = start_tok (lx, LM_TOK_EOF);
  t.bol = !lx->line_has_tok;
  char c = cur (lx);
  if (lx->pos >= lx->len)
    return t;
  lx->line_has_tok = c != '\n';
  if (c == '\n')
    {
      t.kind = LM_TOK_NL;
      advance (lx);
      finish_tok (lx, &t);
      lx->line++;
      lx->col = 1;
      lx->at_bol = TRUE;
      lx->line_has_tok = FALSE;
      return t;
    }
  if (is_word_start (c))
    {
      t.kind = LM_TOK_WORD;
      lex_word (lx, &t);
    }
  else if (g_ascii_isdigit (c) || (c == '-' && (g_ascii_isdigit (ahead (lx, 1))
                                                || ahead (lx, 1) == '.')))
    {
      t.kind = LM_TOK_NUMBER;
      lex_number (lx, &t);
    }
  else if (c == '"')
    {
      t.kind = LM_TOK_STRING;
      lex_string (lx, &t);
    }
  else if (!lex_punct (lx, &t))
    lex_bad (lx, &t);
  return t;
}

LmTok
lm_sc_next (LmLx *lx)
{
  if (lx->nla > 0)
    {
      LmTok t = lx->la[0];
      lx->la[0] = lx->la[1];
      lx->nla--;
      return t;
    }
  return scan (lx);
}

const LmTok *
lm_sc_peek (LmLx *lx, guint k)
{
  g_assert (k < 2);
  while (lx->nla <= k)
    lx->la[lx->nla++] = scan (lx);
  return &lx->la[k];
}

gboolean
lm_sc_tok_is (const LmTok *t, const char *word)
{
  return t->kind == LM_TOK_WORD && strlen (word) == t->len && memcmp (t->p, word, t->len) == 0;
}

char *
lm_sc_tok_dup (const LmTok *t)
{
  return g_strndup (t->p, t->len);
}

char *
lm_sc_tok_describe (const LmTok *t)
{
  switch (t->kind)
    {
    case LM_TOK_EOF:
      return g_strdup ("end of file");
    case LM_TOK_NL:
      return g_strdup ("end of line");
    default:
      {
        g_autofree char *s = lm_sc_shown (t->p, t->len);
        return g_strdup_printf ("'%s'", s);
      }
    }
}

void
lm_sc_error_at (LmLx *lx, const LmTok *t, const char *fmt, ...)
{
  if (t->kind == LM_TOK_BAD)
    return;     /* already reported by the lexer */
  va_list ap;
  va_start (ap, fmt);
  guint len = t->kind == LM_TOK_NL || t->kind == LM_TOK_EOF ? 1 : t->ncols;
  lm_sc_verror (lx->ctx, lm_sc_tok_loc (lx, t), len, fmt, ap);
  va_end (ap);
}

void
lm_sc_expected (LmLx *lx, const LmTok *t, const char *what)
{
  g_autofree char *got = lm_sc_tok_describe (t);
  lm_sc_error_at (lx, t, "expected %s, got %s", what, got);
}

void
lm_sc_sync (LmLx *lx)
{
  for (;;)
    {
      const LmTok *t = lm_sc_peek (lx, 0);
      if (t->kind == LM_TOK_NL || t->kind == LM_TOK_EOF
          || (lx->depth > 0 && t->kind == LM_TOK_RBRACE))
        return;
      lm_sc_next (lx);
    }
}

char *
lm_sc_statement_text (const LmLx *lx, const LmTok *from)
{
  const char *end = lx->text + lx->len;
  const char *p = from->p;
  gboolean in_string = FALSE;
  const char *q;
  for (q = p; q < end && *q != '\n'; q++)
    {
      if (in_string && *q == '\\' && q + 1 < end && q[1] != '\n')
        q++;
      else if (*q == '"')
        in_string = !in_string;
      else if (*q == '#' && !in_string)
        break;
    }
  while (q > p && g_ascii_isspace (q[-1]))
    q--;
  return g_strndup (p, (gsize) (q - p));
}

/* ------------------------------------------------------------------ text check */

static LmScLoc
loc_of_offset (const char *file, const char *text, gsize off)
{
  LmScLoc loc = { file, 1, 1, NULL };
  gsize start = (off >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  for (gsize i = start; i < off; i++)
    {
      if (text[i] == '\n')
        {
          loc.line++;
          loc.col = 1;
        }
      else if (((guchar) text[i] & 0xC0) != 0x80)
        loc.col++;
    }
  return loc;
}

gboolean
lm_sc_check_text (LmScCtx *ctx, const char *file, const char *text, gsize len)
{
  if (len > LM_SCENARIO_MAX_FILE_BYTES)
    {
      LmScLoc loc = { file, 0, 0, NULL };
      lm_sc_error (ctx, loc, 1, "file is larger than %u MiB; a scenario is a few kB",
                   LM_SCENARIO_MAX_FILE_BYTES / (1024u * 1024u));
      return FALSE;
    }
  const char *nul = memchr (text, '\0', len);
  const char *bad = NULL;
  if (!g_utf8_validate (text, (gssize) len, &bad))
    bad = bad != NULL ? bad : text;
  else
    bad = NULL;
  if (nul != NULL && (bad == NULL || nul <= bad))
    {
      lm_sc_error (ctx, loc_of_offset (file, text, (gsize) (nul - text)), 1,
                   "NUL byte in the file; this is not a text file");
      return FALSE;
    }
  if (bad != NULL)
    {
      lm_sc_error (ctx, loc_of_offset (file, text, (gsize) (bad - text)), 1,
                   "invalid UTF-8 (byte 0x%02X); a scenario is UTF-8 text",
                   (guchar) *bad);
      return FALSE;
    }
  return TRUE;
}
