/* models/console.h — the cloud's console and the API behind it (service
 * `interconnect`, cloud-facts.md §1 "API"), for one customer account.
 *
 * Operations, with the service's names: CreateConnection,
 * DescribeConnectionProposal, AcceptConnectionProposal, GetConnection,
 * ListConnections, UpdateConnection, DeleteConnection.  A call is answered
 * at once, as the API is: LM_API_OK, or one of the service's exceptions
 * (InterconnectValidationException, ResourceNotFoundException,
 * ServiceQuotaExceededException, InterconnectClientException) with a
 * message.  A refused call is simulated, not a C error: it is announced as
 * a "call" signal and the connection does not come into being.
 *
 * A connection's lifecycle is an explicit table (console.c) over the
 * service's states: requested → pending → available, down, updating,
 * deleting, deleted, failed (and `none` before it exists).  What moves it
 * comes from outside the console and is fed in by the caller (the world):
 * the partner portal activated the key, the key expired, the partner
 * rejected, provisioning finished or failed, traffic can or cannot flow,
 * the partner acknowledged a bandwidth change.  The console itself owns
 * one timer per connection: the deletion (deleting → deleted after a
 * drawn time).
 *
 * The console validates from facts the caller supplies in the request (the
 * environment's state and offered tiers as the partner publishes them,
 * whether the gateway exists, the partner's account-id format), so it
 * never reaches into the partner's or the gateway's model.
 *
 * Signals (LM_SIGNAL_STATE):
 *   component IC,          what "state": from_name → to_name, the service's
 *                          state names; cause: why.  (metrics.c reads it.)
 *   component IC.console,  what "call": from_name = the operation,
 *                          to_name = "ok" or the exception's name; cause =
 *                          what was asked and, on an error, why not.
 * Random stream: "IC.console" (connection ids `lmcc-` + 8 of [a-z0-9],
 * activation keys, deletion times).
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "sim/scenario.h"
#include "models/partner.h"

G_BEGIN_DECLS

typedef struct _LmConsole LmConsole;
typedef struct _LmConsoleConnection LmConsoleConnection;

typedef enum {
  LM_CONSOLE_NONE,          /* not (yet) a connection */
  LM_CONSOLE_REQUESTED,     /* until the partner portal accepts the activation key */
  LM_CONSOLE_PENDING,       /* being provisioned between the cloud and the partner */
  LM_CONSOLE_AVAILABLE,
  LM_CONSOLE_DOWN,          /* provisioned, but no connection usable */
  LM_CONSOLE_UPDATING,      /* a bandwidth change the partner has not acknowledged */
  LM_CONSOLE_DELETING,
  LM_CONSOLE_DELETED,
  LM_CONSOLE_FAILED,        /* could not be created */
  LM_CONSOLE_N_STATES
} LmConsoleState;

typedef enum {
  LM_CONSOLE_EV_CREATE,            /* CreateConnection accepted */
  LM_CONSOLE_EV_ACCEPT,            /* AcceptConnectionProposal accepted */
  LM_CONSOLE_EV_ADOPT,             /* provisioned before the simulation began */
  LM_CONSOLE_EV_ACTIVATED,         /* the partner portal accepted the activation key */
  LM_CONSOLE_EV_KEY_EXPIRED,       /* … and the key expired first */
  LM_CONSOLE_EV_REJECTED,          /* the partner rejected the order */
  LM_CONSOLE_EV_PROVISIONED,       /* built, attached, and traffic can flow */
  LM_CONSOLE_EV_PROVISION_FAILED,  /* provisioning could not complete */
  LM_CONSOLE_EV_USABLE,            /* at least one connection usable again */
  LM_CONSOLE_EV_UNUSABLE,          /* no connection usable */
  LM_CONSOLE_EV_UPDATE,            /* UpdateConnection with a new bandwidth */
  LM_CONSOLE_EV_ACKNOWLEDGED,      /* the partner acknowledged it */
  LM_CONSOLE_EV_DELETE,            /* DeleteConnection */
  LM_CONSOLE_EV_DELETED,           /* the deletion finished */
  LM_CONSOLE_N_EVENTS
} LmConsoleEvent;

typedef enum {
  LM_API_OK,
  LM_API_VALIDATION,     /* InterconnectValidationException */
  LM_API_NOT_FOUND,      /* ResourceNotFoundException */
  LM_API_QUOTA,          /* ServiceQuotaExceededException */
  LM_API_CLIENT,         /* InterconnectClientException */
  LM_API_N_RESULTS
} LmApiResult;

#define LM_CONSOLE_MAX_DESCRIPTION 255   /* characters: an assumption (docs/models.md) */

typedef struct {
  guint quota;                /* connections per account that are not deleted or failed */
  LmScDist delete_time;       /* deleting → deleted */
} LmConsoleConfig;

/* CreateConnection, with the facts the console checks it against. */
typedef struct {
  const char *interconnect;   /* the scenario's name (signals, stream) */
  const char *partner;
  const char *metro;
  gboolean metro_served;      /* an environment exists for (partner, metro) */
  LmScEnvState env_state;
  guint env_bandwidths;       /* tiers offered now (bit i: tier i) */
  const char *description;    /* NULL: the interconnect's name */
  guint64 bandwidth_bps;
  const char *gateway;
  gboolean gateway_found;
  gboolean gateway_new;       /* created on the way (then found) */
  const char *account;        /* the remote account, or NULL */
  LmAccountKind account_kind;
} LmConsoleRequest;

/* What the partner chose on its portal (DescribeConnectionProposal). */
typedef struct {
  const char *interconnect;
  const char *key;
  LmKeyStatus key_status;
  const char *partner, *metro;
  guint64 bandwidth_bps;
  const char *description;    /* the customer's name for it, or NULL */
  const char *gateway;
  gboolean gateway_found;
  gboolean gateway_new;
} LmConsoleProposal;

/* Called after every state change, inside the kernel event that made it. */
typedef void (*LmConsoleNotify) (LmConsoleConnection *conn, LmConsoleState from,
                                 LmConsoleState to, gpointer user_data);

void lm_console_config_init (LmConsoleConfig *cfg);

/* (transfer full) */
LmConsole *lm_console_new (LmSim *sim, const LmConsoleConfig *cfg);
/* Frees every connection and stops its timers; NULL ok. */
void lm_console_free (LmConsole *console);
void lm_console_set_notify (LmConsole *console, LmConsoleNotify notify, gpointer user_data);

/* The operations.  *@out (may be NULL) is the connection on LM_API_OK
 * (transfer none: the console owns it), else NULL. */
LmApiResult lm_console_create_connection (LmConsole *console, const LmConsoleRequest *req,
                                          LmConsoleConnection **out);
LmApiResult lm_console_describe_proposal (LmConsole *console, const LmConsoleProposal *p);
LmApiResult lm_console_accept_proposal (LmConsole *console, const LmConsoleProposal *p,
                                        LmConsoleConnection **out);
/* GetConnection: NULL when no connection has this id (transfer none). */
LmConsoleConnection *lm_console_get_connection (LmConsole *console, const char *id);
/* ListConnections: every connection, in creation order (transfer container). */
GPtrArray *lm_console_list_connections (LmConsole *console);
/* UpdateConnection: the description (may be NULL: unchanged) and the
 * bandwidth (0: unchanged), which goes through `updating` until the
 * partner acknowledges; @env_bandwidths as in the request. */
LmApiResult lm_console_update_connection (LmConsole *console, LmConsoleConnection *conn,
                                          const char *description, guint64 bandwidth_bps,
                                          guint env_bandwidths);
LmApiResult lm_console_delete_connection (LmConsole *console, LmConsoleConnection *conn);
/* A connection provisioned before the simulation began: `available` at
 * once, with @cause (transfer none). */
LmConsoleConnection *lm_console_adopt (LmConsole *console, const char *interconnect,
                                       guint64 bandwidth_bps, const char *cause);
/* A call refused before it reached the console (the partner portal's
 * verdict on a key, say), announced as the console's "call" signal. */
void lm_console_announce_call (LmConsole *console, const char *interconnect,
                               const char *operation, LmApiResult result, const char *detail);

/* What happened outside: one event into the connection's table (ignored
 * where the table has no cell), @cause for the signal (NULL: the event's
 * name). */
void lm_console_connection_feed (LmConsoleConnection *conn, LmConsoleEvent event,
                                 const char *cause);
/* Whether traffic can flow now; moves available ↔ down. */
void lm_console_connection_set_usable (LmConsoleConnection *conn, gboolean usable);

const char *lm_console_connection_id (const LmConsoleConnection *conn);
const char *lm_console_connection_interconnect (const LmConsoleConnection *conn);
const char *lm_console_connection_description (const LmConsoleConnection *conn);
/* The activation key the console showed (CreateConnection), or the key
 * that was accepted; NULL for an adopted connection. */
const char *lm_console_connection_activation_key (const LmConsoleConnection *conn);
LmConsoleState lm_console_connection_state (const LmConsoleConnection *conn);
LmTime lm_console_connection_since (const LmConsoleConnection *conn);
guint64 lm_console_connection_bandwidth (const LmConsoleConnection *conn);
/* The bandwidth asked for while updating, else 0. */
guint64 lm_console_connection_pending_bandwidth (const LmConsoleConnection *conn);

const char *lm_console_state_name (LmConsoleState state);
const char *lm_console_event_name (LmConsoleEvent event);
const char *lm_api_result_name (LmApiResult result);

/* The table's cell: TRUE and *@next when (@state, @event) moves. */
gboolean lm_console_transition (LmConsoleState state, LmConsoleEvent event,
                                LmConsoleState *next);

/* Account id validation (exposed for tests). */
gboolean lm_console_account_valid (const char *account, LmAccountKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmConsole, lm_console_free)

G_END_DECLS
