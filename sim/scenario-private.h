/* sim/scenario-private.h — what the scenario language's files share:
 * the parse context (diagnostics, includes, interning), the lexer and its
 * tokens, value parsers and the passes after parsing.  Not for models.
 */
#pragma once

#include <stdarg.h>
#include "sim/scenario.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ context */

typedef struct {
  const char *file;       /* interned */
  char *text;             /* the file's bytes (BOM included), NUL-terminated */
  gsize len;
} LmScSource;

typedef struct {
  LmScenario *sc;
  GPtrArray *diags;        /* LmScenarioDiag* */
  gboolean stop;           /* the error cap was reached, or input is unusable */
  gboolean includes;       /* `include` allowed */
  GHashTable *interned;    /* string → itself, owned by sc->strings */
  GPtrArray *sources;      /* LmScSource*, kept for caret lines */
  GPtrArray *include_stack;/* char* real paths of the files being read */
  gboolean has_prev_action;
  LmTime prev_action_at;   /* for `after` */
  guint expanded;          /* targets + failures expanded so far */
  guint files_read;
  GHashTable *broken;      /* objects with a bad setting: no "missing key" errors */
  GHashTable *seen;        /* "%p/NAME" → member, for lists that must stay unique
                            * (an interconnect's tags, a partner's metros) */
  guint64 visits;          /* names looked at by wildcards (bounded work) */
} LmScCtx;

void lm_sc_ctx_init (LmScCtx *ctx, LmScenario *sc, gboolean includes);
void lm_sc_ctx_clear (LmScCtx *ctx);
const char *lm_sc_intern (LmScCtx *ctx, const char *s);

/* Records an error at @loc (@len characters underlined).  Once the cap is
 * reached it records a last "too many errors" line and sets ctx->stop. */
void lm_sc_error (LmScCtx *ctx, LmScLoc loc, guint len, const char *fmt, ...) G_GNUC_PRINTF (4, 5);
void lm_sc_verror (LmScCtx *ctx, LmScLoc loc, guint len, const char *fmt, va_list ap)
  G_GNUC_PRINTF (4, 0);
guint lm_sc_error_count (const LmScCtx *ctx);

void lm_scenario_diag_free (LmScenarioDiag *d);

/* "did you mean" — the nearest of @cands within a small edit distance, or
 * NULL.  @cands is NULL-terminated. */
const char *lm_sc_suggest (const char *word, const char *const *cands);
/* The same over the `name` field (first member, char*) of each element. */
const char *lm_sc_suggest_names (const char *word, const GPtrArray *objs);
/* ", did you mean 'X'?" or "" (static storage not used: transfer full). */
char *lm_sc_did_you_mean (const char *suggestion);
/* A token or name as shown in a message: control characters escaped, at
 * most 40 characters.  (transfer full) */
char *lm_sc_shown (const char *text, gssize len);
/* Compares names with digit runs by value: rp2 < rp10. */
int lm_sc_natural_cmp (const char *a, const char *b);
/* Renders one list of words as "a, b or c".  (transfer full) */
char *lm_sc_join_or (const char *const *words);

/* ------------------------------------------------------------------ lexer */

typedef enum {
  LM_TOK_EOF,
  LM_TOK_NL,
  LM_TOK_WORD,     /* name, keyword, dotted name, wildcard */
  LM_TOK_NUMBER,   /* starts with a digit or '-': 42, 30s, 10Gbps, 99.9%, -1s */
  LM_TOK_STRING,   /* "…" (p/len include the quotes) */
  LM_TOK_LBRACE,
  LM_TOK_RBRACE,
  LM_TOK_LPAREN,
  LM_TOK_RPAREN,
  LM_TOK_COMMA,
  LM_TOK_EQ,       /* = */
  LM_TOK_OP,       /* <= >= == < > != */
  LM_TOK_BAD,      /* an unusable character (already reported) */
} LmTokKind;

typedef struct {
  LmTokKind kind;
  const char *p;
  guint len;        /* bytes */
  guint line;
  guint col;        /* characters */
  guint ncols;      /* characters */
  gboolean bol;     /* first token on its line */
} LmTok;

typedef struct {
  LmScCtx *ctx;
  const char *file;      /* interned, or NULL for an option */
  const char *option;    /* interned "--set …", or NULL */
  const char *text;
  gsize len;
  gsize pos;
  guint line;
  guint col;
  gboolean at_bol;
  gboolean line_has_tok;
  LmTok la[2];
  guint nla;
  guint depth;           /* block nesting */
} LmLx;

void lm_sc_lexer_init (LmLx *lx, LmScCtx *ctx, const char *file, const char *option,
                       const char *text, gsize len);
LmTok lm_sc_next (LmLx *lx);
const LmTok *lm_sc_peek (LmLx *lx, guint k);   /* k = 0 or 1 */
LmScLoc lm_sc_tok_loc (const LmLx *lx, const LmTok *t);
gboolean lm_sc_tok_is (const LmTok *t, const char *word);
char *lm_sc_tok_dup (const LmTok *t);
/* The token as shown in "got …": 'text', end of line, end of file. */
char *lm_sc_tok_describe (const LmTok *t);
/* Error at token @t. */
void lm_sc_error_at (LmLx *lx, const LmTok *t, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
/* "expected WHAT, got TOK" at @t. */
void lm_sc_expected (LmLx *lx, const LmTok *t, const char *what);
/* Skips to the end of the line (or a '}' inside a block, not consumed). */
void lm_sc_sync (LmLx *lx);
/* Checks that a file is text; reports the first problem.  FALSE when not. */
gboolean lm_sc_check_text (LmScCtx *ctx, const char *file, const char *text, gsize len);

/* ------------------------------------------------------------------ values
 * Each reads the next token; on error it reports at that token and returns
 * FALSE.  @loc (may be NULL) receives the token's location. */

gboolean lm_sc_duration (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc);
gboolean lm_sc_rate (LmLx *lx, const char *what, guint64 *bps, LmScLoc *loc);
gboolean lm_sc_size (LmLx *lx, const char *what, guint64 *bytes, LmScLoc *loc);
gboolean lm_sc_percent (LmLx *lx, const char *what, double *percent, LmScLoc *loc);
gboolean lm_sc_distance (LmLx *lx, const char *what, double *km, LmScLoc *loc);
gboolean lm_sc_uint (LmLx *lx, const char *what, guint64 min, guint64 max, guint64 *out,
                     LmScLoc *loc);
gboolean lm_sc_dist (LmLx *lx, const char *what, LmScDist *out, LmScLoc *loc);
/* An identifier without dots or wildcards (interconnect, gateway, …). */
gboolean lm_sc_ident (LmLx *lx, const char *what, char **out, LmScLoc *loc);
/* A dotted name, wildcards allowed; @t already read. */
gboolean lm_sc_check_target_syntax (LmLx *lx, const LmTok *t);
/* A word or a string. */
gboolean lm_sc_word_or_string (LmLx *lx, const char *what, char **out, LmScLoc *loc);
/* One keyword of @words (NULL-terminated); its index in *@out. */
/* `attach POINT [asn N]` of gateway @g, declared at @decl (the interconnect
 * key or the gateway block): the attach point, and the transit gateway's
 * ASN, which only a transit-gateway attachment takes. */
gboolean lm_sc_gateway_attach (LmLx *lx, LmScGateway *g, LmScLoc decl);
gboolean lm_sc_choice (LmLx *lx, const char *what, const char *const *words, guint *out,
                       LmScLoc *loc);
char *lm_sc_unquote (const LmTok *t);
/* Canonical text of values (transfer full). */
char *lm_sc_rate_string (guint64 bps);
char *lm_sc_size_string (guint64 bytes);
char *lm_sc_double_string (double v);
char *lm_sc_dist_string (const LmScDist *d);
char *lm_sc_quote (const char *s);   /* a word as is, else a "string" */
gboolean lm_sc_is_ident (const char *s);
gboolean lm_sc_is_reserved (const char *s);

/* Bandwidth tiers (DESIGN §1). */
gboolean lm_sc_is_tier (guint64 bps);
extern const char lm_sc_tier_list[];

/* ------------------------------------------------------------------ parse */

/* Parses one file's text into ctx->sc (includes recursively). */
void lm_sc_parse_source (LmScCtx *ctx, const char *file, const char *text, gsize len);
/* Reads and parses @path; @from (may be NULL) is the include's location. */
void lm_sc_parse_file (LmScCtx *ctx, const char *path, const LmScLoc *from, guint ncols);

/* Settings keys, shared with --set: reads the value after @key (already
 * read) into the object.  FALSE on error (reported). */
gboolean lm_sc_interconnect_key (LmLx *lx, LmScInterconnect *ic, const LmTok *key);
gboolean lm_sc_bgp_key (LmLx *lx, LmScBgp *bgp, const LmTok *key);
gboolean lm_sc_macsec_key (LmLx *lx, LmScMacsec *m, const LmTok *key);
gboolean lm_sc_traffic_key (LmLx *lx, LmScTraffic *t, const LmTok *key);
gboolean lm_sc_failure_class_key (LmLx *lx, LmScFailureClass *fc, const LmTok *key);

/* Blocks: `{ KEY VALUE … }` after a head word; @fn reads each key. */
typedef gboolean (*LmScKeyFn) (LmLx *lx, gpointer obj, const LmTok *key);
void lm_sc_parse_block (LmLx *lx, const LmTok *head, const char *what,
                        const char *const *keys, LmScKeyFn fn, gpointer obj);
typedef struct {
  LmScFailureClass *current;   /* the class the following keys apply to */
} LmScFailuresState;
/* Skips a `{ … }` block after a statement head that was wrong. */
void lm_sc_skip_block (LmLx *lx);
gboolean lm_sc_failures_key (LmLx *lx, gpointer obj, const LmTok *key);
gboolean lm_sc_failures_clocks (LmLx *lx, LmScenario *sc);
gboolean lm_sc_partners_entry (LmLx *lx, gpointer obj, const LmTok *key);
gboolean lm_sc_metros_entry (LmLx *lx, gpointer obj, const LmTok *key);
void lm_sc_parse_group (LmLx *lx, const LmTok *kw);
gboolean lm_sc_positive_duration (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc);
extern const char *const lm_sc_interconnect_keys[];
extern const char *const lm_sc_bgp_keys[];
extern const char *const lm_sc_macsec_keys[];
extern const char *const lm_sc_traffic_keys[];
extern const char *const lm_sc_failures_keys[];
extern const char *const lm_sc_group_keys[];
extern const char *const lm_sc_no_keys[];

/* Actions and expectations: @lx is after `at T` / `after T` / `expect`. */
LmScAction *lm_sc_parse_action_body (LmLx *lx, const LmTok *first);
LmScExpectation *lm_sc_parse_expect_body (LmLx *lx, const LmTok *expect_tok);

/* The text of a statement from @from to the end of its line, comments and
 * trailing spaces removed.  (transfer full) */
char *lm_sc_statement_text (const LmLx *lx, const LmTok *from);

/* ------------------------------------------------------------------ tree */

LmScInterconnect *lm_sc_interconnect_new (const char *name, LmScLoc loc);
void lm_sc_interconnect_free (LmScInterconnect *ic);
LmScTraffic *lm_sc_traffic_new (const char *ic, LmScLoc loc);
LmScFailureClass *lm_sc_failure_class_new (LmScClass klass, LmScLoc loc);
LmScGroup *lm_sc_group_new (const char *name, LmScLoc loc);
LmScGateway *lm_sc_gateway_new (const char *name, LmScLoc loc);
LmScTarget *lm_sc_target_new (const char *name, LmScClass klass);
void lm_sc_target_free (LmScTarget *t);
LmScAction *lm_sc_action_new (void);
LmScFailure *lm_sc_failure_new (void);
void lm_sc_failure_free (LmScFailure *f);
void lm_sc_expectation_free (LmScExpectation *e);
LmScNameRef *lm_sc_name_ref_new (const char *name, LmScLoc loc);
void lm_sc_name_ref_free (LmScNameRef *r);
void lm_sc_bgp_defaults (LmScBgp *b);
void lm_sc_macsec_defaults (LmScMacsec *m);
LmScenario *lm_sc_scenario_new (const char *path);
LmScTraffic *lm_sc_get_traffic (LmScenario *sc, const char *ic, LmScLoc loc);
LmScFailureClass *lm_sc_get_failure_class (LmScenario *sc, LmScClass klass, LmScLoc loc);
LmScMetro *lm_sc_get_metro (LmScenario *sc, const char *name, LmScLoc loc);
LmScPartner *lm_sc_get_partner (LmScenario *sc, const char *name, LmScLoc loc);
LmScGateway *lm_sc_get_gateway (LmScenario *sc, const char *name);
LmScGroup *lm_sc_get_group (LmScenario *sc, const char *name, LmScLoc loc, gboolean *existed);

/* Provisioning (scenario-provision.c). */
void lm_sc_prefix_free (LmScPrefix *p);
void lm_sc_environment_free (LmScEnvironment *e);
void lm_sc_provisioning_defaults (LmScProvisioning *p);
gboolean lm_sc_provisioning_key (LmLx *lx, gpointer obj, const LmTok *key);
gboolean lm_sc_environments_entry (LmLx *lx, gpointer obj, const LmTok *key);
gboolean lm_sc_gateway_block_key (LmLx *lx, gpointer obj, const LmTok *key);
/* `gateway NAME …` at top level: a block of gateway settings. */
void lm_sc_parse_gateway_block (LmLx *lx, const LmTok *kw);
/* Interconnect keys `prefixes P…` and `description TEXT`. */
gboolean lm_sc_prefixes_key (LmLx *lx, GPtrArray *out, LmScLoc *loc, const char *what);
/* Checks of the provisioning settings (after overrides). */
void lm_sc_check_provisioning (LmScCtx *ctx);
/* Prints the provisioning, environments and gateway blocks (canonical form). */
void lm_sc_print_provisioning (GString *out, const LmScenario *sc);
void lm_sc_print_ic_provisioning (GString *out, const LmScInterconnect *ic);
extern const char *const lm_sc_provisioning_keys[];

/* The `rare { … }` block (scenario-rare.c). */
extern const char *const lm_sc_rare_keys[];
void lm_sc_rare_defaults (LmScRare *r);
gboolean lm_sc_rare_key (LmLx *lx, gpointer obj, const LmTok *key);
void lm_sc_print_rare (GString *out, const LmScRare *r);
extern const char *const lm_sc_gateway_keys[];

/* Built-in partners and metros (scenario-tables.c). */
void lm_sc_tables_init (LmScenario *sc);

/* ------------------------------------------------------------------ passes */

void lm_sc_apply_overrides (LmScCtx *ctx, const LmScenarioOverrides *set);
void lm_sc_check_settings (LmScCtx *ctx);
void lm_sc_expand_timeline (LmScCtx *ctx);
void lm_sc_resolve_expectations (LmScCtx *ctx);
/* Expands one target pattern for @verb into @out (LmScTarget*).  FALSE when
 * it matches nothing or a class does not fit (reported). */
gboolean lm_sc_resolve_target (LmScCtx *ctx, LmScVerb verb, LmScClass klass,
                               const char *pattern, LmScLoc loc, GPtrArray *out);
/* The same for a group's members (any failure class). */
gboolean lm_sc_resolve_member (LmScCtx *ctx, const char *pattern, LmScLoc loc, GPtrArray *out);
/* Checks one action's targets, modes and values; fills action->targets. */
gboolean lm_sc_check_action (LmScCtx *ctx, LmScAction *a);

G_END_DECLS
