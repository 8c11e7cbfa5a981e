/* models/console.c — the console: its API calls and each connection's
 * lifecycle table (console.h says what it models and what it abstracts).
 *
 * Sources: the operations, the states and their meanings, the exception
 * types, the id format (`lmcc-` + 8 of [a-z0-9]) and the activation key's
 * length (1–2048) are the service's (cloud-facts.md §1 "API",
 * "Activation-key flow"); the bandwidth tiers are DESIGN §1's.  The
 * description limit (255 characters), the quota's default (10, the
 * Direct Connect "active connections per location per Region per account"
 * limit, cloud-facts §5, in the absence of an Interconnect figure), the key
 * format (32 of [a-z0-9]) and the deletion time are assumptions
 * (docs/models.md "Provisioning").
 *
 * The table: rows are states, columns events; a cell names the next state
 * and an action.  Policy for unlisted cells: the event is ignored (it
 * cannot happen in that state, or changes nothing); API calls that do not
 * fit a state are refused before they become events (InterconnectClient-
 * Exception), as the service refuses them.
 */
#include "models/console.h"

#include <string.h>
#include "models/law.h"

struct _LmConsole {
  LmSim *sim;
  LmConsoleConfig cfg;
  GPtrArray *connections;         /* LmConsoleConnection*, creation order */
  GHashTable *rngs;               /* IC.console → its stream: one per interconnect, so a
                                   * second order draws on, not the same id again */
  LmConsoleNotify notify;
  gpointer notify_data;
};

struct _LmConsoleConnection {
  LmConsole *console;
  char *interconnect;
  char *call_component;           /* IC.console */
  char *id;
  char *key;
  char *description;
  guint64 bandwidth_bps, pending_bps;
  LmConsoleState state;
  LmTime since;
  gboolean usable;
  gsl_rng *rng;                   /* (transfer none) console->rngs */
  LmTimer *delete_timer;
};

static const char *const state_names[] = {
  [LM_CONSOLE_NONE] = "none", [LM_CONSOLE_REQUESTED] = "requested",
  [LM_CONSOLE_PENDING] = "pending", [LM_CONSOLE_AVAILABLE] = "available",
  [LM_CONSOLE_DOWN] = "down", [LM_CONSOLE_UPDATING] = "updating",
  [LM_CONSOLE_DELETING] = "deleting", [LM_CONSOLE_DELETED] = "deleted",
  [LM_CONSOLE_FAILED] = "failed",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == LM_CONSOLE_N_STATES);

static const char *const event_names[] = {
  [LM_CONSOLE_EV_CREATE] = "CreateConnection", [LM_CONSOLE_EV_ACCEPT] = "AcceptConnectionProposal",
  [LM_CONSOLE_EV_ADOPT] = "provisioned before the run",
  [LM_CONSOLE_EV_ACTIVATED] = "activated on the partner portal",
  [LM_CONSOLE_EV_KEY_EXPIRED] = "activation key expired",
  [LM_CONSOLE_EV_REJECTED] = "rejected by the partner",
  [LM_CONSOLE_EV_PROVISIONED] = "provisioned",
  [LM_CONSOLE_EV_PROVISION_FAILED] = "provisioning failed",
  [LM_CONSOLE_EV_USABLE] = "a connection is usable",
  [LM_CONSOLE_EV_UNUSABLE] = "no usable connection",
  [LM_CONSOLE_EV_UPDATE] = "UpdateConnection",
  [LM_CONSOLE_EV_ACKNOWLEDGED] = "acknowledged by the partner",
  [LM_CONSOLE_EV_DELETE] = "DeleteConnection", [LM_CONSOLE_EV_DELETED] = "deleted",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LM_CONSOLE_N_EVENTS);

static const char *const result_names[] = {
  [LM_API_OK] = "ok", [LM_API_VALIDATION] = "InterconnectValidationException",
  [LM_API_NOT_FOUND] = "ResourceNotFoundException",
  [LM_API_QUOTA] = "ServiceQuotaExceededException",
  [LM_API_CLIENT] = "InterconnectClientException",
};
G_STATIC_ASSERT (G_N_ELEMENTS (result_names) == LM_API_N_RESULTS);

const char *
lm_console_state_name (LmConsoleState s)
{
  return (guint) s < LM_CONSOLE_N_STATES ? state_names[s] : "?";
}

const char *
lm_console_event_name (LmConsoleEvent e)
{
  return (guint) e < LM_CONSOLE_N_EVENTS ? event_names[e] : "?";
}

const char *
lm_api_result_name (LmApiResult r)
{
  return (guint) r < LM_API_N_RESULTS ? result_names[r] : "?";
}

/* ------------------------------------------------------------ the table */

typedef void (*Action) (LmConsoleConnection *c);

typedef struct {
  gboolean valid;
  LmConsoleState next;
  Action entry;        /* runs on entering, before the change is announced */
  Action action;       /* runs after the change was announced */
} Cell;

static void act_arm_delete (LmConsoleConnection *c);
static void act_apply_bandwidth (LmConsoleConnection *c);
static void act_recheck_usable (LmConsoleConnection *c);

#define GO(s) { TRUE, LM_CONSOLE_##s, NULL, NULL }
#define DO(s, a) { TRUE, LM_CONSOLE_##s, NULL, a }
#define DO2(s, e, a) { TRUE, LM_CONSOLE_##s, e, a }
#define DELETABLE [LM_CONSOLE_EV_DELETE] = DO (DELETING, act_arm_delete)

static const Cell fsm[LM_CONSOLE_N_STATES][LM_CONSOLE_N_EVENTS] = {
  [LM_CONSOLE_NONE] = {
    [LM_CONSOLE_EV_CREATE] = GO (REQUESTED),
    [LM_CONSOLE_EV_ACCEPT] = GO (PENDING),
    [LM_CONSOLE_EV_ADOPT] = GO (AVAILABLE),
  },
  [LM_CONSOLE_REQUESTED] = {
    [LM_CONSOLE_EV_ACTIVATED] = GO (PENDING),
    [LM_CONSOLE_EV_KEY_EXPIRED] = GO (FAILED),
    [LM_CONSOLE_EV_REJECTED] = GO (FAILED),
    DELETABLE,
  },
  [LM_CONSOLE_PENDING] = {
    [LM_CONSOLE_EV_PROVISIONED] = GO (AVAILABLE),
    [LM_CONSOLE_EV_PROVISION_FAILED] = GO (FAILED),
    [LM_CONSOLE_EV_REJECTED] = GO (FAILED),
    DELETABLE,
  },
  [LM_CONSOLE_AVAILABLE] = {
    [LM_CONSOLE_EV_UNUSABLE] = GO (DOWN),
    [LM_CONSOLE_EV_UPDATE] = GO (UPDATING),
    DELETABLE,
  },
  [LM_CONSOLE_DOWN] = {
    [LM_CONSOLE_EV_USABLE] = GO (AVAILABLE),
    [LM_CONSOLE_EV_UPDATE] = GO (UPDATING),
    DELETABLE,
  },
  [LM_CONSOLE_UPDATING] = {
    [LM_CONSOLE_EV_ACKNOWLEDGED] = DO2 (AVAILABLE, act_apply_bandwidth, act_recheck_usable),
    DELETABLE,
  },
  [LM_CONSOLE_DELETING] = {
    [LM_CONSOLE_EV_DELETED] = GO (DELETED),
  },
  [LM_CONSOLE_FAILED] = {
    DELETABLE,
  },
  [LM_CONSOLE_DELETED] = { { FALSE, LM_CONSOLE_NONE, NULL, NULL } },
};

gboolean
lm_console_transition (LmConsoleState state, LmConsoleEvent event, LmConsoleState *next)
{
  g_return_val_if_fail (state < LM_CONSOLE_N_STATES && event < LM_CONSOLE_N_EVENTS, FALSE);
  const Cell *c = &fsm[state][event];
  if (c->valid && next != NULL)
    *next = c->next;
  return c->valid;
}

/* The one place a connection changes state: stamp, entry action,
 * announce, notify. */
static void
set_state (LmConsoleConnection *c, LmConsoleState next, Action entry, const char *cause)
{
  if (next == c->state)
    return;
  LmConsoleState from = c->state;
  LmConsole *console = c->console;
  c->state = next;
  c->since = lm_sim_now (console->sim);
  if (entry != NULL)
    entry (c);
  lm_sim_emit_state (console->sim, c->interconnect, "state", from, state_names[from], next,
                     state_names[next], cause);
  if (console->notify != NULL)
    console->notify (c, from, next, console->notify_data);
}

void
lm_console_connection_feed (LmConsoleConnection *c, LmConsoleEvent event, const char *cause)
{
  g_return_if_fail (c != NULL && event < LM_CONSOLE_N_EVENTS);
  const Cell *cell = &fsm[c->state][event];
  if (!cell->valid)
    return;
  set_state (c, cell->next, cell->entry, cause != NULL ? cause : event_names[event]);
  if (cell->action != NULL)
    cell->action (c);
}

static void
on_deleted (LmSim *sim, gpointer data)
{
  lm_console_connection_feed (data, LM_CONSOLE_EV_DELETED, NULL);
}

static void
act_arm_delete (LmConsoleConnection *c)
{
  c->pending_bps = 0;
  lm_timer_start (c->delete_timer, lm_law_draw (&c->console->cfg.delete_time, c->rng));
}

/* The partner acknowledged: the new bandwidth is in force (before anyone
 * hears of the change)… */
static void
act_apply_bandwidth (LmConsoleConnection *c)
{
  c->bandwidth_bps = c->pending_bps;
  c->pending_bps = 0;
}

/* … and with no usable connection the interconnect is down rather than
 * available. */
static void
act_recheck_usable (LmConsoleConnection *c)
{
  if (!c->usable)
    lm_console_connection_feed (c, LM_CONSOLE_EV_UNUSABLE, NULL);
}

void
lm_console_connection_set_usable (LmConsoleConnection *c, gboolean usable)
{
  g_return_if_fail (c != NULL);
  c->usable = usable;
  lm_console_connection_feed (c, usable ? LM_CONSOLE_EV_USABLE : LM_CONSOLE_EV_UNUSABLE, NULL);
}

/* ------------------------------------------------------------ objects */

void
lm_console_config_init (LmConsoleConfig *cfg)
{
  cfg->quota = 10;
  cfg->delete_time = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
}

LmConsole *
lm_console_new (LmSim *sim, const LmConsoleConfig *cfg)
{
  LmConsole *c = g_new0 (LmConsole, 1);
  c->sim = sim;
  c->cfg = *cfg;
  c->connections = g_ptr_array_new ();
  c->rngs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) gsl_rng_free);
  return c;
}

static void
connection_free (LmConsoleConnection *c)
{
  lm_timer_free (c->delete_timer);
  g_free (c->interconnect);
  g_free (c->call_component);
  g_free (c->id);
  g_free (c->key);
  g_free (c->description);
  g_free (c);
}

void
lm_console_free (LmConsole *console)
{
  if (console == NULL)
    return;
  for (guint i = 0; i < console->connections->len; i++)
    connection_free (console->connections->pdata[i]);
  g_ptr_array_unref (console->connections);
  g_hash_table_unref (console->rngs);
  g_free (console);
}

void
lm_console_set_notify (LmConsole *console, LmConsoleNotify notify, gpointer user_data)
{
  console->notify = notify;
  console->notify_data = user_data;
}

static char *
draw_chars (gsl_rng *rng, guint n)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char *s = g_malloc (n + 1);
  for (guint i = 0; i < n; i++)
    s[i] = alphabet[gsl_rng_uniform_int (rng, sizeof alphabet - 1)];
  s[n] = '\0';
  return s;
}

/* A connection record in state none, with its id drawn. */
static LmConsoleConnection *
connection_new (LmConsole *console, const char *interconnect, const char *description,
                guint64 bandwidth_bps)
{
  LmConsoleConnection *c = g_new0 (LmConsoleConnection, 1);
  c->console = console;
  c->interconnect = g_strdup (interconnect);
  c->call_component = g_strconcat (interconnect, ".console", NULL);
  c->rng = g_hash_table_lookup (console->rngs, c->call_component);
  if (c->rng == NULL)
    {
      c->rng = lm_sim_rng_new (console->sim, c->call_component);
      g_hash_table_insert (console->rngs, g_strdup (c->call_component), c->rng);
    }
  g_autofree char *tail = draw_chars (c->rng, 8);
  c->id = g_strconcat ("lmcc-", tail, NULL);
  c->description = g_strdup (description != NULL ? description : interconnect);
  c->bandwidth_bps = bandwidth_bps;
  c->delete_timer = lm_timer_new (console->sim, on_deleted, c);
  g_ptr_array_add (console->connections, c);
  return c;
}

/* ------------------------------------------------------------ validation */

static gboolean
email_valid (const char *s)
{
  const char *at = strchr (s, '@');
  if (at == NULL || at == s || strchr (at + 1, '@') != NULL || strlen (s) > 254)
    return FALSE;
  const char *dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("@.-_+", *p) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
lm_console_account_valid (const char *account, LmAccountKind kind)
{
  if (account == NULL || *account == '\0')
    return FALSE;
  if (email_valid (account))
    return TRUE;
  if (kind == LM_ACCOUNT_EMAIL || strlen (account) > 64)
    return FALSE;
  for (const char *p = account; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
tiers_text (guint mask)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < LM_SC_N_TIERS; i++)
    if (mask & (1u << i))
      g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, s->len ? ", " : "",
                              lm_sc_tier_bps (i) / G_GUINT64_CONSTANT (1000000000));
  if (s->len == 0)
    g_string_append (s, "none");
  else
    g_string_append (s, " Gbps");
  return g_string_free (s, FALSE);
}

static guint
live_connections (const LmConsole *console)
{
  guint n = 0;
  for (guint i = 0; i < console->connections->len; i++)
    {
      LmConsoleState s = ((LmConsoleConnection *) console->connections->pdata[i])->state;
      n += s != LM_CONSOLE_NONE && s != LM_CONSOLE_DELETED && s != LM_CONSOLE_FAILED;
    }
  return n;
}

static LmApiResult
check_description (const char *description, char **why)
{
  if (description == NULL || g_utf8_strlen (description, -1) <= LM_CONSOLE_MAX_DESCRIPTION)
    return LM_API_OK;
  *why = g_strdup_printf ("the name/description has %ld characters; at most %d",
                          g_utf8_strlen (description, -1), LM_CONSOLE_MAX_DESCRIPTION);
  return LM_API_VALIDATION;
}

/* Checks shared by create and accept, after their own: the gateway, the
 * quota.  LM_API_OK or the first problem. */
static LmApiResult
check_common (LmConsole *console, const char *gateway, gboolean gateway_found, char **why)
{
  if (!gateway_found)
    {
      *why = g_strdup_printf ("Direct Connect gateway '%s' not found", gateway);
      return LM_API_NOT_FOUND;
    }
  if (live_connections (console) >= console->cfg.quota)
    {
      *why = g_strdup_printf ("the account has %u interconnects; its quota is %u",
                              live_connections (console), console->cfg.quota);
      return LM_API_QUOTA;
    }
  return LM_API_OK;
}

/* @env: "environment lumen chicago (limited)", for the message. */
static LmApiResult
check_bandwidth (guint64 bps, const char *env, guint offered, char **why)
{
  int tier = lm_sc_tier_index (bps);
  g_autofree char *bw = g_strdup_printf ("%g Gbps", (double) bps / 1e9);
  if (tier < 0)
    {
      *why = g_strdup_printf ("bandwidth %s is not a tier (1, 2, 5, 10, 25, 50 or 100 Gbps)", bw);
      return LM_API_VALIDATION;
    }
  if (!(offered & (1u << tier)))
    {
      g_autofree char *list = tiers_text (offered);
      *why = g_strdup_printf ("bandwidth %s is not available in %s (available: %s)", bw, env,
                              list);
      return LM_API_VALIDATION;
    }
  return LM_API_OK;
}

static LmApiResult
check_create (LmConsole *console, const LmConsoleRequest *r, char **why)
{
  LmApiResult res = check_description (r->description, why);
  if (res != LM_API_OK)
    return res;
  if (lm_sc_tier_index (r->bandwidth_bps) < 0)
    return check_bandwidth (r->bandwidth_bps, NULL, 0, why);
  if (r->account != NULL && !lm_console_account_valid (r->account, r->account_kind))
    {
      *why = g_strdup_printf ("remote account '%s' is not %s", r->account,
                              r->account_kind == LM_ACCOUNT_EMAIL
                              ? "an e-mail address (the partner identifies customers by e-mail)"
                              : "an e-mail address or an alphanumeric account id");
      return LM_API_VALIDATION;
    }
  if (!r->metro_served)
    {
      *why = g_strdup_printf ("partner %s does not serve metro %s (no such environment)",
                              r->partner, r->metro);
      return LM_API_VALIDATION;
    }
  if (r->env_state == LM_SC_ENV_UNAVAILABLE)
    {
      *why = g_strdup_printf ("environment %s %s is unavailable: new connections cannot be "
                              "requested", r->partner, r->metro);
      return LM_API_CLIENT;
    }
  g_autofree char *env = g_strdup_printf ("environment %s %s (%s)", r->partner, r->metro,
                                          lm_sc_env_state_name (r->env_state));
  res = check_bandwidth (r->bandwidth_bps, env, r->env_bandwidths, why);
  if (res != LM_API_OK)
    return res;
  return check_common (console, r->gateway, r->gateway_found, why);
}

/* ------------------------------------------------------------ operations */

void
lm_console_announce_call (LmConsole *console, const char *interconnect, const char *operation,
                          LmApiResult result, const char *detail)
{
  g_autofree char *component = g_strconcat (interconnect, ".console", NULL);
  lm_sim_emit_state (console->sim, component, "call", 0, operation, (int) result,
                     result_names[result], detail);
}

LmApiResult
lm_console_create_connection (LmConsole *console, const LmConsoleRequest *r,
                              LmConsoleConnection **out)
{
  g_return_val_if_fail (console != NULL && r != NULL && r->interconnect != NULL, LM_API_CLIENT);
  if (out != NULL)
    *out = NULL;
  g_autofree char *why = NULL;
  LmApiResult res = check_create (console, r, &why);
  g_autofree char *asked = g_strdup_printf ("%s %s, %g Gbps, gateway %s%s", r->partner, r->metro,
                                            (double) r->bandwidth_bps / 1e9, r->gateway,
                                            r->gateway_new ? " (new)" : "");
  if (res != LM_API_OK)
    {
      g_autofree char *detail = g_strdup_printf ("%s: %s", asked, why);
      lm_console_announce_call (console, r->interconnect, "CreateConnection", res, detail);
      return res;
    }
  LmConsoleConnection *c = connection_new (console, r->interconnect, r->description,
                                           r->bandwidth_bps);
  c->key = draw_chars (c->rng, 32);
  g_autofree char *detail = g_strdup_printf ("%s → %s; activation key shown", asked, c->id);
  lm_console_announce_call (console, r->interconnect, "CreateConnection", LM_API_OK, detail);
  lm_console_connection_feed (c, LM_CONSOLE_EV_CREATE, NULL);
  if (out != NULL)
    *out = c;
  return LM_API_OK;
}

static LmApiResult
check_key (LmKeyStatus status, char **why)
{
  switch (status)
    {
    case LM_KEY_OK:
      return LM_API_OK;
    case LM_KEY_NOT_FOUND:
      *why = g_strdup ("no proposal has this activation key");
      return LM_API_NOT_FOUND;
    case LM_KEY_EXPIRED:
      *why = g_strdup ("the activation key has expired");
      return LM_API_CLIENT;
    default:
      *why = g_strdup ("the activation key has already been used");
      return LM_API_CLIENT;
    }
}

LmApiResult
lm_console_describe_proposal (LmConsole *console, const LmConsoleProposal *p)
{
  g_autofree char *why = NULL;
  LmApiResult res = check_key (p->key_status, &why);
  g_autofree char *detail = res == LM_API_OK
    ? g_strdup_printf ("the partner chose %s %s, %g Gbps", p->partner, p->metro,
                       (double) p->bandwidth_bps / 1e9)
    : g_strdup (why);
  lm_console_announce_call (console, p->interconnect, "DescribeConnectionProposal", res, detail);
  return res;
}

LmApiResult
lm_console_accept_proposal (LmConsole *console, const LmConsoleProposal *p,
                            LmConsoleConnection **out)
{
  if (out != NULL)
    *out = NULL;
  g_autofree char *why = NULL;
  LmApiResult res = check_key (p->key_status, &why);
  if (res == LM_API_OK)
    res = check_description (p->description, &why);
  if (res == LM_API_OK)
    res = check_common (console, p->gateway, p->gateway_found, &why);
  if (res != LM_API_OK)
    {
      lm_console_announce_call (console, p->interconnect, "AcceptConnectionProposal", res, why);
      return res;
    }
  LmConsoleConnection *c = connection_new (console, p->interconnect, p->description,
                                           p->bandwidth_bps);
  c->key = g_strdup (p->key);
  g_autofree char *detail = g_strdup_printf ("%s %s, %g Gbps, gateway %s%s → %s", p->partner,
                                             p->metro, (double) p->bandwidth_bps / 1e9,
                                             p->gateway, p->gateway_new ? " (new)" : "", c->id);
  lm_console_announce_call (console, p->interconnect, "AcceptConnectionProposal", LM_API_OK,
                            detail);
  lm_console_connection_feed (c, LM_CONSOLE_EV_ACCEPT, NULL);
  if (out != NULL)
    *out = c;
  return LM_API_OK;
}

LmConsoleConnection *
lm_console_adopt (LmConsole *console, const char *interconnect, guint64 bandwidth_bps,
                  const char *cause)
{
  LmConsoleConnection *c = connection_new (console, interconnect, NULL, bandwidth_bps);
  c->usable = TRUE;
  lm_console_connection_feed (c, LM_CONSOLE_EV_ADOPT, cause);
  return c;
}

LmConsoleConnection *
lm_console_get_connection (LmConsole *console, const char *id)
{
  for (guint i = 0; i < console->connections->len; i++)
    {
      LmConsoleConnection *c = console->connections->pdata[i];
      if (strcmp (c->id, id) == 0)
        return c;
    }
  return NULL;
}

GPtrArray *
lm_console_list_connections (LmConsole *console)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < console->connections->len; i++)
    g_ptr_array_add (out, console->connections->pdata[i]);
  return out;
}

static LmApiResult
refuse (LmConsoleConnection *c, const char *operation, LmApiResult res, char *why)
{
  lm_console_announce_call (c->console, c->interconnect, operation, res, why);
  g_free (why);
  return res;
}

LmApiResult
lm_console_update_connection (LmConsole *console, LmConsoleConnection *c, const char *description,
                              guint64 bandwidth_bps, guint env_bandwidths)
{
  const char *op = "UpdateConnection";
  char *why = NULL;
  if (c->state != LM_CONSOLE_AVAILABLE && c->state != LM_CONSOLE_DOWN)
    return refuse (c, op, LM_API_CLIENT,
                   g_strdup_printf ("%s is %s; only an available or down connection can be "
                                    "updated", c->id, state_names[c->state]));
  if (check_description (description, &why) != LM_API_OK)
    return refuse (c, op, LM_API_VALIDATION, why);
  if (bandwidth_bps != 0 && bandwidth_bps != c->bandwidth_bps)
    {
      LmApiResult res = check_bandwidth (bandwidth_bps, "the interconnect's environment",
                                         env_bandwidths, &why);
      if (res != LM_API_OK)
        return refuse (c, op, res, why);
    }
  if (description != NULL)
    {
      g_free (c->description);
      c->description = g_strdup (description);
    }
  g_autofree char *detail = bandwidth_bps != 0 && bandwidth_bps != c->bandwidth_bps
    ? g_strdup_printf ("%s: bandwidth %g → %g Gbps, awaiting the partner's acknowledgement",
                       c->id, (double) c->bandwidth_bps / 1e9, (double) bandwidth_bps / 1e9)
    : g_strdup_printf ("%s: description changed", c->id);
  lm_console_announce_call (console, c->interconnect, op, LM_API_OK, detail);
  if (bandwidth_bps != 0 && bandwidth_bps != c->bandwidth_bps)
    {
      c->pending_bps = bandwidth_bps;
      lm_console_connection_feed (c, LM_CONSOLE_EV_UPDATE, NULL);
    }
  return LM_API_OK;
}

LmApiResult
lm_console_delete_connection (LmConsole *console, LmConsoleConnection *c)
{
  if (c->state == LM_CONSOLE_DELETING || c->state == LM_CONSOLE_DELETED)
    return refuse (c, "DeleteConnection", LM_API_CLIENT,
                   g_strdup_printf ("%s is already %s", c->id, state_names[c->state]));
  g_autofree char *detail = g_strdup_printf ("%s", c->id);
  lm_console_announce_call (console, c->interconnect, "DeleteConnection", LM_API_OK, detail);
  lm_console_connection_feed (c, LM_CONSOLE_EV_DELETE, NULL);
  return LM_API_OK;
}

/* ------------------------------------------------------------ queries */

const char *lm_console_connection_id (const LmConsoleConnection *c) { return c->id; }
const char *lm_console_connection_interconnect (const LmConsoleConnection *c) { return c->interconnect; }
const char *lm_console_connection_description (const LmConsoleConnection *c) { return c->description; }
const char *lm_console_connection_activation_key (const LmConsoleConnection *c) { return c->key; }
LmConsoleState lm_console_connection_state (const LmConsoleConnection *c) { return c->state; }
LmTime lm_console_connection_since (const LmConsoleConnection *c) { return c->since; }
guint64 lm_console_connection_bandwidth (const LmConsoleConnection *c) { return c->bandwidth_bps; }
guint64 lm_console_connection_pending_bandwidth (const LmConsoleConnection *c) { return c->pending_bps; }
