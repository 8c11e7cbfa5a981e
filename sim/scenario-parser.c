/* sim/scenario-parser.c — top-level statements, blocks and includes.
 *
 * A file is a sequence of lines; each holds one statement, or opens a block
 * `{ … }` whose settings may span lines (newlines inside a block are blanks).
 * Statements: scenario, seed, duration, replications, include, interconnect,
 * bgp, macsec, traffic, failures, group, partners, metros, provisioning,
 * environments, gateway, at, after, expect.
 * Settings merge key by key as they are read (the last one wins); only a
 * second interconnect or gateway of the same name is an error.
 *
 * Recovery: after an error the rest of the statement is skipped (to the end
 * of its line, or to the '}' of the block it is in), so one mistake gives one
 * message.  The parser never recurses on its input except through `include`,
 * whose depth is capped.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sim/scenario-private.h"


static const char *const statement_words[] = {
  "scenario", "seed", "duration", "replications", "sweep", "include", "interconnect", "bgp", "macsec",
  "traffic", "failures", "group", "partners", "metros", "at", "after", "expect",
  "provisioning", "environments", "gateway", "rare", NULL,
};

/* ------------------------------------------------------------------ helpers */

static void
end_statement (LmLx *lx)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  if (t->kind == LM_TOK_NL || t->kind == LM_TOK_EOF || t->bol)
    return;     /* (bol: a block that was not closed ended at the next statement) */
  g_autofree char *got = lm_sc_tok_describe (t);
  lm_sc_error_at (lx, t, "unexpected %s; expected the end of the line", got);
  lm_sc_sync (lx);
}

static gboolean
is_top_level_word (const LmTok *t)
{
  for (guint i = 0; statement_words[i] != NULL; i++)
    if (lm_sc_tok_is (t, statement_words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_one_of (const LmTok *t, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (lm_sc_tok_is (t, words[i]))
      return TRUE;
  return FALSE;
}

/* `{ KEY VALUE … }` after the block's head; @what names it in messages. */
void
lm_sc_parse_block (LmLx *lx, const LmTok *head, const char *what, const char *const *keys,
             LmScKeyFn fn, gpointer obj)
{
  while (lm_sc_peek (lx, 0)->kind == LM_TOK_NL && lm_sc_peek (lx, 1)->kind == LM_TOK_LBRACE)
    lm_sc_next (lx);
  LmTok open = lm_sc_next (lx);
  if (open.kind != LM_TOK_LBRACE)
    {
      g_autofree char *w = g_strdup_printf ("'{' to open the %s block", what);
      lm_sc_expected (lx, &open, w);
      lm_sc_sync (lx);
      return;
    }
  lx->depth++;
  while (!lx->ctx->stop)
    {
      const LmTok *t = lm_sc_peek (lx, 0);
      if (t->kind == LM_TOK_NL)
        {
          lm_sc_next (lx);
          continue;
        }
      if (t->kind == LM_TOK_RBRACE)
        {
          lm_sc_next (lx);
          break;
        }
      if (t->kind == LM_TOK_EOF || (t->bol && lx->depth == 1 && is_top_level_word (t)
                                    && !is_one_of (t, keys)))
        {
          g_autofree char *got = lm_sc_tok_describe (t);
          lm_sc_error_at (lx, t, "expected '}' to close the %s block opened at line %u, got %s",
                          what, open.line, got);
          if (obj != NULL)
            g_hash_table_add (lx->ctx->broken, obj);
          break;
        }
      LmTok key = lm_sc_next (lx);
      if (key.kind == LM_TOK_WORD)
        {
          if (!fn (lx, obj, &key))
            {
              if (obj != NULL)
                g_hash_table_add (lx->ctx->broken, obj);
              lm_sc_sync (lx);
            }
          continue;
        }
      g_autofree char *list = lm_sc_join_or (keys);
      g_autofree char *w = g_strdup_printf ("a %s setting (%s) or '}'", what, list);
      if (key.kind == LM_TOK_BAD)
        lm_sc_sync (lx);
      else
        {
          lm_sc_expected (lx, &key, keys[0] != NULL ? w : "a name or '}'");
          lm_sc_sync (lx);
        }
      if (lm_sc_peek (lx, 0)->kind == LM_TOK_RBRACE && key.kind == LM_TOK_RBRACE)
        break;
    }
  lx->depth--;
}

/* ------------------------------------------------------------------ block statements */

static gboolean
interconnect_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_interconnect_key (lx, obj, key);
}

/* After a bad name: does a block follow (so that it is read, not left to
 * cascade into "'}' without a block")? */
static gboolean
block_follows (LmLx *lx)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  return t->kind == LM_TOK_LBRACE
         || (t->kind == LM_TOK_NL && lm_sc_peek (lx, 1)->kind == LM_TOK_LBRACE);
}

void
lm_sc_skip_block (LmLx *lx)
{
  if (!block_follows (lx))
    return;
  LmTok t;
  do
    t = lm_sc_next (lx);
  while (t.kind != LM_TOK_LBRACE);
  do
    t = lm_sc_next (lx);
  while (t.kind != LM_TOK_RBRACE && t.kind != LM_TOK_EOF);
}

static void
stmt_interconnect (LmLx *lx, const LmTok *kw)
{
  LmScenario *sc = lx->ctx->sc;
  g_autofree char *name = NULL;
  LmScLoc loc;
  if (!lm_sc_ident (lx, "interconnect name", &name, &loc))
    {
      if (block_follows (lx))
        {
          LmScInterconnect *tmp = lm_sc_interconnect_new ("?", loc);
          lm_sc_parse_block (lx, kw, "interconnect", lm_sc_interconnect_keys, interconnect_fn,
                             tmp);
          g_hash_table_remove (lx->ctx->broken, tmp);
          lm_sc_interconnect_free (tmp);
        }
      lm_sc_sync (lx);
      return;
    }
  LmTok name_tok = { .line = loc.line, .col = loc.col, .ncols = (guint) strlen (name),
                     .kind = LM_TOK_WORD };
  LmScInterconnect *ic = lm_sc_interconnect_new (name, loc);
  const LmScInterconnect *old = lm_scenario_find_interconnect (sc, name);
  if (lm_sc_is_reserved (name))
    lm_sc_error_at (lx, &name_tok, "'%s' is a keyword and cannot name an interconnect", name);
  else if (old != NULL)
    lm_sc_error_at (lx, &name_tok, "interconnect '%s' is already declared at %s:%u:%u", name,
                    old->loc.file, old->loc.line, old->loc.col);
  g_autofree char *what = g_strdup_printf ("interconnect %s", name);
  lm_sc_parse_block (lx, kw, what, lm_sc_interconnect_keys, interconnect_fn, ic);
  if (old != NULL || lm_sc_is_reserved (name))
    {
      lm_sc_interconnect_free (ic);
      return;
    }
  ic->index = sc->interconnects->len;
  g_ptr_array_add (sc->interconnects, ic);
  g_hash_table_insert (sc->index, g_strconcat ("ic:", name, NULL), ic);
}

static gboolean
bgp_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_bgp_key (lx, obj, key);
}

static gboolean
macsec_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_macsec_key (lx, obj, key);
}

static void
stmt_bgp (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "bgp", lm_sc_bgp_keys, bgp_fn, &lx->ctx->sc->bgp);
}

static void
stmt_macsec (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "macsec", lm_sc_macsec_keys, macsec_fn, &lx->ctx->sc->macsec);
}

static gboolean
traffic_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  return lm_sc_traffic_key (lx, obj, key);
}

static void
stmt_traffic (LmLx *lx, const LmTok *kw)
{
  g_autofree char *name = NULL;
  LmScLoc loc;
  if (!lm_sc_ident (lx, "interconnect name after 'traffic'", &name, &loc))
    {
      lm_sc_skip_block (lx);
      lm_sc_sync (lx);
      return;
    }
  LmScTraffic *t = lm_sc_get_traffic (lx->ctx->sc, name, loc);
  g_autofree char *what = g_strdup_printf ("traffic %s", name);
  lm_sc_parse_block (lx, kw, what, lm_sc_traffic_keys, traffic_fn, t);
}

static void
stmt_failures (LmLx *lx, const LmTok *kw)
{
  LmScFailuresState st = { NULL };
  lm_sc_parse_block (lx, kw, "failures", lm_sc_failures_keys, lm_sc_failures_key, &st);
}

static void
stmt_group (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_group (lx, kw);
}

static void
stmt_partners (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "partners", lm_sc_no_keys, lm_sc_partners_entry, NULL);
}

static void
stmt_metros (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "metros", lm_sc_no_keys, lm_sc_metros_entry, NULL);
}

static void
stmt_provisioning (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "provisioning", lm_sc_provisioning_keys, lm_sc_provisioning_key,
                     &lx->ctx->sc->provisioning);
}

static void
stmt_environments (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "environments", lm_sc_no_keys, lm_sc_environments_entry, NULL);
}

static void
stmt_gateway (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_gateway_block (lx, kw);
}

static void
stmt_rare (LmLx *lx, const LmTok *kw)
{
  lm_sc_parse_block (lx, kw, "rare", lm_sc_rare_keys, lm_sc_rare_key, &lx->ctx->sc->rare);
}

/* ------------------------------------------------------------------ simple statements */

static void
stmt_scenario (LmLx *lx, const LmTok *kw)
{
  LmTok t = lm_sc_next (lx);
  if (t.kind != LM_TOK_STRING)
    {
      lm_sc_expected (lx, &t, "the scenario's name in quotes (scenario \"site-failure\")");
      lm_sc_sync (lx);
      return;
    }
  LmScenario *sc = lx->ctx->sc;
  g_free (sc->name);
  sc->name = lm_sc_unquote (&t);
  sc->name_loc = lm_sc_tok_loc (lx, &t);
}

static void
stmt_seed (LmLx *lx, const LmTok *kw)
{
  LmScenario *sc = lx->ctx->sc;
  if (!lm_sc_uint (lx, "seed", 0, G_MAXUINT64, &sc->seed, &sc->seed_loc))
    lm_sc_sync (lx);
}

static void
stmt_duration (LmLx *lx, const LmTok *kw)
{
  LmScenario *sc = lx->ctx->sc;
  if (!lm_sc_positive_duration (lx, "duration", &sc->duration, &sc->duration_loc))
    lm_sc_sync (lx);
}

static void
stmt_replications (LmLx *lx, const LmTok *kw)
{
  LmScenario *sc = lx->ctx->sc;
  if (!lm_sc_uint (lx, "replications", 1, 1000000000, &sc->replications,
                   &sc->replications_loc))
    lm_sc_sync (lx);
}

/* sweep "PATH=V1,V2,…": checked for shape here; each value is checked
 * against the scenario when the designs are loaded (cli/sweep-cli.c). */
static void
stmt_sweep (LmLx *lx, const LmTok *kw)
{
  LmTok t = lm_sc_next (lx);
  if (t.kind != LM_TOK_STRING)
    {
      lm_sc_expected (lx, &t, "the setting and its values in quotes (sweep \"pairs-per-site=1,2\")");
      lm_sc_sync (lx);
      return;
    }
  g_autofree char *text = lm_sc_unquote (&t);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) values = lm_scenario_sweep_split (text, &error);
  if (values == NULL)
    {
      const char *why = strstr (error->message, "error: ");
      lm_sc_error_at (lx, &t, "bad sweep: %s", why != NULL ? why + 7 : error->message);
      lm_sc_sync (lx);
      return;
    }
  end_statement (lx);
  LmScSweep *s = g_new0 (LmScSweep, 1);
  s->text = g_steal_pointer (&text);
  s->loc = lm_sc_tok_loc (lx, &t);
  g_ptr_array_add (lx->ctx->sc->sweeps, s);
}

static void
stmt_include (LmLx *lx, const LmTok *kw)
{
  LmTok t = lm_sc_next (lx);
  if (t.kind != LM_TOK_STRING)
    {
      lm_sc_expected (lx, &t, "a file name in quotes (include \"common/defaults.sc\")");
      lm_sc_sync (lx);
      return;
    }
  end_statement (lx);
  LmScLoc loc = lm_sc_tok_loc (lx, &t);
  if (!lx->ctx->includes || lx->file == NULL)
    {
      lm_sc_error_at (lx, &t, "include is not allowed here");
      return;
    }
  g_autofree char *rel = lm_sc_unquote (&t);
  if (*rel == '\0')
    {
      lm_sc_error_at (lx, &t, "include needs a file name");
      return;
    }
  g_autofree char *dir = g_path_get_dirname (lx->file);
  g_autofree char *path = g_path_is_absolute (rel) || strcmp (dir, ".") == 0
                          ? g_strdup (rel) : g_build_filename (dir, rel, NULL);
  lm_sc_parse_file (lx->ctx, path, &loc, t.ncols);
}

/* ------------------------------------------------------------------ actions, expect */

static void
add_action (LmLx *lx, const LmTok *kw, LmTime at, gboolean relative, LmTime after)
{
  LmScCtx *ctx = lx->ctx;
  LmScAction *a = lm_sc_parse_action_body (lx, kw);
  if (a == NULL)
    {
      lm_sc_sync (lx);
      return;
    }
  a->loc = lm_sc_tok_loc (lx, kw);
  a->at = at;
  a->relative = relative;
  a->after = after;
  a->seq = ctx->sc->next_seq++;
  ctx->has_prev_action = TRUE;
  ctx->prev_action_at = at;
  g_ptr_array_add (ctx->sc->actions, a);
}

static void
stmt_at (LmLx *lx, const LmTok *kw)
{
  LmTime at;
  if (!lm_sc_duration (lx, "time after 'at'", &at, NULL))
    {
      lm_sc_sync (lx);
      return;
    }
  add_action (lx, kw, at, FALSE, 0);
}

static void
stmt_after (LmLx *lx, const LmTok *kw)
{
  LmScCtx *ctx = lx->ctx;
  LmTime delay;
  if (!lm_sc_duration (lx, "delay after 'after'", &delay, NULL))
    {
      lm_sc_sync (lx);
      return;
    }
  if (!ctx->has_prev_action)
    {
      lm_sc_error_at (lx, kw, "'after' counts from the previous action, and there is none; "
                      "use 'at'");
      lm_sc_sync (lx);
      return;
    }
  if (delay > LM_TIME_MAX - ctx->prev_action_at)
    {
      lm_sc_error_at (lx, kw, "the action's time is too large");
      lm_sc_sync (lx);
      return;
    }
  add_action (lx, kw, ctx->prev_action_at + delay, TRUE, delay);
}

static void
stmt_expect (LmLx *lx, const LmTok *kw)
{
  LmScExpectation *e = lm_sc_parse_expect_body (lx, kw);
  if (e == NULL)
    {
      lm_sc_sync (lx);
      return;
    }
  g_ptr_array_add (lx->ctx->sc->expectations, e);
}

/* ------------------------------------------------------------------ files */

typedef void (*StmtFn) (LmLx *lx, const LmTok *kw);

static const struct {
  const char *word;
  StmtFn fn;
} statements[] = {
  { "scenario", stmt_scenario }, { "seed", stmt_seed }, { "duration", stmt_duration },
  { "replications", stmt_replications }, { "sweep", stmt_sweep }, { "include", stmt_include },
  { "interconnect", stmt_interconnect }, { "bgp", stmt_bgp }, { "macsec", stmt_macsec },
  { "traffic", stmt_traffic }, { "failures", stmt_failures }, { "group", stmt_group },
  { "partners", stmt_partners }, { "metros", stmt_metros }, { "at", stmt_at },
  { "after", stmt_after }, { "expect", stmt_expect },
  { "provisioning", stmt_provisioning }, { "environments", stmt_environments },
  { "gateway", stmt_gateway }, { "rare", stmt_rare },
};
G_STATIC_ASSERT (G_N_ELEMENTS (statements) + 1 == G_N_ELEMENTS (statement_words));

static const char *const verb_words[] = {
  "provision", "accept", "activate", "update", "delete", "fail", "repair", "flap", "degrade",
  "maintain", "macsec", NULL,
};

static void
unknown_statement (LmLx *lx, const LmTok *t)
{
  g_autofree char *s = lm_sc_tok_dup (t);
  g_autofree char *shown = lm_sc_shown (s, -1);
  if (g_strv_contains (verb_words, s))
    {
      lm_sc_error_at (lx, t, "an action needs a time: write 'at TIME %s …' or "
                      "'after TIME %s …'", s, s);
      return;
    }
  const char *sug = lm_sc_suggest (s, statement_words);
  if (sug != NULL)
    lm_sc_error_at (lx, t, "unknown statement '%s'; did you mean '%s'?", shown, sug);
  else
    lm_sc_error_at (lx, t, "unknown statement '%s' (expected scenario, seed, duration, "
                    "replications, sweep, include, interconnect, bgp, macsec, traffic, failures, "
                    "group, partners, metros, provisioning, environments, gateway, rare, at, "
                    "after or expect)", shown);
}

static void
statement (LmLx *lx, const LmTok *t)
{
  for (gsize i = 0; i < G_N_ELEMENTS (statements); i++)
    if (lm_sc_tok_is (t, statements[i].word))
      {
        statements[i].fn (lx, t);
        end_statement (lx);
        return;
      }
  unknown_statement (lx, t);
  lm_sc_sync (lx);
}

void
lm_sc_parse_source (LmScCtx *ctx, const char *file, const char *text, gsize len)
{
  LmScSource *src = g_new0 (LmScSource, 1);
  src->file = file;
  src->text = g_malloc (len + 1);
  memcpy (src->text, text, len);
  src->text[len] = '\0';
  src->len = len;
  g_ptr_array_add (ctx->sources, src);
  if (!lm_sc_check_text (ctx, file, text, len))
    {
      ctx->stop = TRUE;
      return;
    }
  LmLx lx;
  lm_sc_lexer_init (&lx, ctx, file, NULL, src->text, len);
  while (!ctx->stop)
    {
      LmTok t = lm_sc_next (&lx);
      if (t.kind == LM_TOK_EOF)
        break;
      if (t.kind == LM_TOK_NL)
        continue;
      if (t.kind == LM_TOK_WORD)
        statement (&lx, &t);
      else
        {
          if (t.kind == LM_TOK_RBRACE)
            lm_sc_error_at (&lx, &t, "'}' without a block to close");
          else
            {
              g_autofree char *got = lm_sc_tok_describe (&t);
              lm_sc_error_at (&lx, &t, "expected a statement (e.g. interconnect, at, expect), "
                              "got %s", got);
            }
          lm_sc_sync (&lx);
        }
    }
}

/* Reads @path unless it is a directory or larger than the cap (then *@text
 * is NULL and *@len its size). */
static gboolean
read_limited (const char *path, char **text, gsize *len, GError **error)
{
  struct stat st;
  if (stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "it is a directory");
      return FALSE;
    }
  if (stat (path, &st) == 0 && S_ISREG (st.st_mode)
      && (guint64) st.st_size > LM_SCENARIO_MAX_FILE_BYTES)
    {
      *text = NULL;
      *len = (gsize) st.st_size;
      return TRUE;
    }
  g_autoptr (GError) e = NULL;
  if (g_file_get_contents (path, text, len, &e))
    return TRUE;
  const char *why = e->domain != G_FILE_ERROR ? e->message
                    : e->code == G_FILE_ERROR_NOENT ? "no such file"
                    : e->code == G_FILE_ERROR_ACCES ? "permission denied"
                    : "it cannot be read";
  g_set_error_literal (error, G_FILE_ERROR, e->domain == G_FILE_ERROR ? e->code : 0, why);
  return FALSE;
}

static gboolean
enter_file (LmScCtx *ctx, const char *path, const LmScLoc *from, guint ncols, char **real)
{
  LmScLoc loc = from != NULL ? *from : (LmScLoc) { 0 };
  if (ctx->include_stack->len >= LM_SCENARIO_MAX_INCLUDE_DEPTH)
    {
      lm_sc_error (ctx, loc, ncols, "includes are nested more than %u deep",
                   LM_SCENARIO_MAX_INCLUDE_DEPTH);
      return FALSE;
    }
  if (ctx->files_read >= LM_SCENARIO_MAX_FILES)
    {
      lm_sc_error (ctx, loc, ncols, "more than %u files are included", LM_SCENARIO_MAX_FILES);
      return FALSE;
    }
  *real = realpath (path, NULL);
  for (guint i = 0; *real != NULL && i < ctx->include_stack->len; i++)
    if (strcmp (ctx->include_stack->pdata[i], *real) == 0)
      {
        lm_sc_error (ctx, loc, ncols, "include cycle: '%s' is already being read", path);
        free (*real);
        *real = NULL;
        return FALSE;
      }
  return TRUE;
}

void
lm_sc_parse_file (LmScCtx *ctx, const char *path, const LmScLoc *from, guint ncols)
{
  char *real = NULL;
  if (!enter_file (ctx, path, from, ncols, &real))
    return;
  const char *file = lm_sc_intern (ctx, path);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) err = NULL;
  LmScLoc loc = from != NULL ? *from : (LmScLoc) { file, 0, 0, NULL };
  ctx->files_read++;
  if (!read_limited (path, &text, &len, &err))
    {
      lm_sc_error (ctx, loc, ncols, "cannot read '%s': %s", path, err->message);
      if (from == NULL)
        ctx->stop = TRUE;
      free (real);
      return;
    }
  if (text == NULL)
    {
      LmScLoc floc = { file, 0, 0, NULL };
      lm_sc_error (ctx, floc, 1, "file is larger than %u MiB; a scenario is a few kB",
                   LM_SCENARIO_MAX_FILE_BYTES / (1024u * 1024u));
      ctx->stop = TRUE;
      free (real);
      return;
    }
  g_ptr_array_add (ctx->sc->files, g_strdup (path));
  g_ptr_array_add (ctx->include_stack, g_strdup (real != NULL ? real : path));
  free (real);
  lm_sc_parse_source (ctx, file, text, len);
  g_ptr_array_remove_index (ctx->include_stack, ctx->include_stack->len - 1);
}
