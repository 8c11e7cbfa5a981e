/* sim/scenario.h — the scenario language: public API and the typed tree.
 *
 * A scenario file (.sc, docs/scenario-language.md) is parsed, with its
 * includes and the command line's --set overrides, into one LmScenario: a
 * plain, read-only tree of typed values that models/world.c consumes.  The
 * language is data only; it knows nothing of models.
 *
 * Conventions of the tree:
 *  - durations are LmTime (ns), rates guint64 bit/s, sizes guint64 bytes,
 *    distances double km; percentages are kept both as written (`percent`,
 *    0..100) and as a fraction (`fraction`, 0..1, = percent / 100);
 *  - every declaration list is a GPtrArray in file order (includes inlined
 *    where they appear);
 *  - every settable key has an LmLoc beside it: where it was set (a file
 *    position, or the --set option), or nothing when it holds its default —
 *    LM_LOC_IS_SET (loc) is the "set explicitly" bit;
 *  - actions are sorted by (time, file order) with `after` resolved; the
 *    failures they open are expanded per target (LmFailure, ids f1, f2, … in
 *    (time, file, line) order, or the `as NAME` given); flap and maintain are
 *    expanded into their down periods; repairs name the failures they close.
 *
 * The tree's structs are public on purpose (a parsed configuration, read by
 * the world builder); treat them as read-only and free the whole with
 * lm_scenario_free().
 */
#pragma once

#include <glib.h>
#include "sim/time.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ limits */

#define LM_SCENARIO_MAX_FILE_BYTES   (4u * 1024u * 1024u) /* per file */
#define LM_SCENARIO_MAX_LINE_BYTES   4096u
#define LM_SCENARIO_MAX_NAME_CHARS   128u   /* identifiers and dotted names */
#define LM_SCENARIO_MAX_INCLUDE_DEPTH 16u
#define LM_SCENARIO_MAX_FILES        256u   /* files read for one scenario */
#define LM_SCENARIO_MAX_ERRORS       20u
#define LM_SCENARIO_MAX_EXPANDED     100000u /* targets / failures after expansion */
#define LM_SCENARIO_MAX_SITES        26u    /* A … Z */
#define LM_SCENARIO_MAX_PAIRS        16u    /* rp1 … rp16 per site */

/* ------------------------------------------------------------------ errors */

#define LM_SCENARIO_ERROR (lm_scenario_error_quark ())
GQuark lm_scenario_error_quark (void);

typedef enum {
  LM_SCENARIO_ERROR_INVALID,  /* the scenario has errors (see the diagnostics) */
  LM_SCENARIO_ERROR_IO,       /* a file could not be read */
} LmScenarioError;

/* One error, as `FILE:LINE:COL: error: MESSAGE`.  For an error in a --set
 * option, file is NULL, line and col are 0 and option is the option text
 * ("--set bgp.hold=2s"). */
typedef struct {
  char *file;
  guint line;
  guint col;          /* 1-based, in characters (a tab is one) */
  guint length;       /* characters underlined, >= 1 */
  char *message;
  char *option;
  char *source_line;  /* the line's text for the caret display, or NULL */
} LmScenarioDiag;

/* Where a value came from.  line == 0 and option == NULL: a default. */
typedef struct {
  const char *file;   /* (transfer none) owned by the LmScenario */
  guint line;
  guint col;
  const char *option; /* (transfer none) "--set PATH=VALUE" when overridden */
} LmLoc;

#define LM_LOC_IS_SET(loc) ((loc).line != 0 || (loc).option != NULL)

/* ------------------------------------------------------------------ enums
 * Each enum has a name table (lm_*_name) giving the keyword of the language. */

typedef enum {
  LM_ATTACH_VIRTUAL_PRIVATE_GATEWAY,
  LM_ATTACH_TRANSIT_GATEWAY,
  LM_ATTACH_CLOUD_WAN,
  LM_ATTACH_N
} LmAttachKind;

typedef enum { LM_FIRST_MILE_ETHERNET, LM_FIRST_MILE_MPLS, LM_FIRST_MILE_N } LmFirstMile;

typedef enum {              /* bit flags */
  LM_FAMILY_IPV4 = 1 << 0,
  LM_FAMILY_IPV6 = 1 << 1,
} LmFamily;

typedef enum {
  LM_MACSEC_MUST_ENCRYPT,
  LM_MACSEC_SHOULD_ENCRYPT,
  LM_MACSEC_NO_ENCRYPT,
  LM_MACSEC_MODE_N
} LmMacsecMode;

typedef enum { LM_CIPHER_GCM_AES_XPN_256, LM_CIPHER_GCM_AES_256, LM_CIPHER_N } LmMacsecCipher;

typedef enum {
  LM_DIRECTION_BOTH,
  LM_DIRECTION_TO_CLOUD,
  LM_DIRECTION_FROM_CLOUD,
  LM_DIRECTION_N
} LmDirection;

/* Target classes; LM_CLASS_NONE is "no class keyword given". */
typedef enum {
  LM_CLASS_NONE,
  LM_CLASS_INTERCONNECT,
  LM_CLASS_SITE,
  LM_CLASS_ROUTER_PAIR,
  LM_CLASS_ROUTER,
  LM_CLASS_LINK,
  LM_CLASS_BGP,
  LM_CLASS_PARTNER_FABRIC,
  LM_CLASS_FIRST_MILE,
  LM_CLASS_GATEWAY,
  LM_CLASS_N
} LmTargetClass;

/* Failure modes; LM_MODE_NONE is "no mode given" (the class default applies). */
typedef enum {
  LM_MODE_NONE,
  LM_MODE_CRASH,
  LM_MODE_GRACEFUL,
  LM_MODE_SILENT,
  LM_MODE_CARRIER,
  LM_MODE_RESET,
  LM_MODE_N
} LmFailMode;

typedef enum {
  LM_VERB_PROVISION,
  LM_VERB_ACCEPT,
  LM_VERB_ACTIVATE,
  LM_VERB_UPDATE,
  LM_VERB_DELETE,
  LM_VERB_FAIL,
  LM_VERB_REPAIR,
  LM_VERB_FLAP,
  LM_VERB_DEGRADE,
  LM_VERB_MAINTAIN,
  LM_VERB_MACSEC,
  LM_VERB_N
} LmVerb;

typedef enum { LM_VIA_CONSOLE, LM_VIA_PARTNER, LM_VIA_N } LmProvisionVia;

typedef enum {
  LM_MACSEC_OP_REKEY,
  LM_MACSEC_OP_CAK_ROTATE,
  LM_MACSEC_OP_CAK_MISMATCH,
  LM_MACSEC_OP_N
} LmMacsecOp;

typedef enum { LM_ROUTER_CLOUD, LM_ROUTER_PARTNER, LM_ROUTER_N } LmRouterRole;

typedef enum {
  LM_DIST_EXP,        /* exp(mean):               a = mean */
  LM_DIST_LOGNORMAL,  /* lognormal(mean, sd):     a = mean, b = sd of the time itself */
  LM_DIST_WEIBULL,    /* weibull(shape, scale):   shape, a = scale */
  LM_DIST_FIXED,      /* fixed(t):                a = t */
  LM_DIST_UNIFORM,    /* uniform(lo, hi):         a = lo, b = hi */
  LM_DIST_N
} LmDistKind;

typedef struct {
  LmDistKind kind;
  LmTime a;
  LmTime b;
  double shape;
} LmDist;

typedef enum {
  LM_EXPECT_CONVERGENCE,
  LM_EXPECT_AVAILABILITY,
  LM_EXPECT_CAPACITY_AVAILABILITY,
  LM_EXPECT_HALF_CAPACITY_AVAILABILITY,
  LM_EXPECT_FULL_CAPACITY_AVAILABILITY,
  LM_EXPECT_LOSS,
  LM_EXPECT_LATENCY,
  LM_EXPECT_STATE,
  LM_EXPECT_AVAILABLE_WITHIN,
  LM_EXPECT_N
} LmExpectKind;

typedef enum { LM_OP_LE, LM_OP_GE, LM_OP_EQ, LM_OP_N } LmCompareOp;

/* Interconnect states, as the service's API names them (DESIGN §1). */
typedef enum {
  LM_IC_REQUESTED,
  LM_IC_PENDING,
  LM_IC_AVAILABLE,
  LM_IC_DOWN,
  LM_IC_UPDATING,
  LM_IC_DELETING,
  LM_IC_DELETED,
  LM_IC_FAILED,
  LM_IC_STATE_N
} LmIcState;

const char *lm_attach_kind_name (LmAttachKind k);
const char *lm_first_mile_name (LmFirstMile f);
const char *lm_macsec_mode_name (LmMacsecMode m);
const char *lm_macsec_cipher_name (LmMacsecCipher c);
const char *lm_direction_name (LmDirection d);
const char *lm_target_class_name (LmTargetClass c);
const char *lm_fail_mode_name (LmFailMode m);
const char *lm_verb_name (LmVerb v);
const char *lm_provision_via_name (LmProvisionVia v);
const char *lm_macsec_op_name (LmMacsecOp o);
const char *lm_router_role_name (LmRouterRole r);
const char *lm_dist_kind_name (LmDistKind k);
const char *lm_expect_kind_name (LmExpectKind k);
const char *lm_compare_op_name (LmCompareOp o);
const char *lm_ic_state_name (LmIcState s);

/* The default mode of a failure class (the first of DESIGN §6's table), and
 * whether @mode is allowed for @klass. */
LmFailMode lm_target_class_default_mode (LmTargetClass klass);
gboolean lm_target_class_allows_mode (LmTargetClass klass, LmFailMode mode);

/* ------------------------------------------------------------------ tables */

typedef struct {
  char *name;
  LmLoc loc;
} LmNameRef;

typedef struct {
  char *name;
  LmLoc loc;              /* unset for a built-in metro */
  char *region;           /* cloud region with direct connectivity, e.g. "us-east-1" */
  LmLoc region_loc;
  double distance_km;     /* metro → region, for propagation delay */
  LmLoc distance_loc;
  gboolean builtin;
} LmMetro;

typedef struct {
  char *name;
  LmLoc loc;
  GPtrArray *metros;      /* LmNameRef*, served metros; loc unset for built-ins */
  gboolean builtin;
} LmPartner;

/* ------------------------------------------------------------------ world */

typedef struct {
  char *name;
  LmLoc loc;              /* where it was declared (`gateway NAME attach …`) */
  LmAttachKind attach;
  LmLoc attach_loc;
  guint32 tgw_asn;        /* transit gateway ASN (attach transit-gateway asn N) */
  LmLoc tgw_asn_loc;
} LmGateway;

typedef struct {
  char *key;
  char *value;
  LmLoc loc;
} LmTag;

typedef struct {
  char *name;
  LmLoc loc;
  guint index;            /* in LmScenario.interconnects */
  char *partner;          LmLoc partner_loc;
  char *metro;            LmLoc metro_loc;
  const LmMetro *metro_info;    /* (transfer none) resolved after checks */
  guint64 bandwidth_bps;  LmLoc bandwidth_loc;
  guint64 port_speed_bps; LmLoc port_speed_loc;  /* = bandwidth unless set */
  char *gateway;          LmLoc gateway_loc;
  const LmGateway *gateway_info; /* (transfer none) resolved after checks */
  guint families;         LmLoc families_loc;    /* LmFamily bits */
  guint sites;            LmLoc sites_loc;
  guint pairs_per_site;   LmLoc pairs_loc;
  LmFirstMile first_mile; LmLoc first_mile_loc;
  guint mtu;              LmLoc mtu_loc;
  char *account;          LmLoc account_loc;     /* partner account id, or NULL */
  GPtrArray *tags;        /* LmTag*, in order, unique keys (last wins) */
} LmInterconnect;

typedef struct {
  LmTime hold;                   LmLoc hold_loc;
  LmTime keepalive;              LmLoc keepalive_loc;
  LmTime connect_retry;          LmLoc connect_retry_loc;
  LmTime advertisement_interval; LmLoc advertisement_interval_loc;
  gboolean bfd;                  /* `bfd off` clears it */
  LmTime bfd_interval;
  guint bfd_multiplier;          LmLoc bfd_loc;
  gboolean graceful_restart;
  LmTime graceful_restart_time;  LmLoc graceful_restart_loc;
  guint32 asn;                   LmLoc asn_loc;  /* the cloud (gateway) side's ASN */
} LmBgpSettings;

typedef struct {
  LmMacsecMode mode;     LmLoc mode_loc;
  LmMacsecCipher cipher; LmLoc cipher_loc;
  LmTime mka_hello;      LmLoc mka_hello_loc;
  LmTime mka_life;       LmLoc mka_life_loc;
  gboolean rekey_on_pn_rollover;   /* TRUE: `rekey pn-rollover` */
  LmTime rekey_interval; LmLoc rekey_loc;  /* when not on PN rollover */
} LmMacsecSettings;

typedef struct {
  char *interconnect;    LmLoc loc;
  guint64 rate_bps;      LmLoc rate_loc;     /* per direction */
  guint64 flows;         LmLoc flows_loc;
  guint64 packet_bytes;  LmLoc packet_loc;
  LmDirection direction; LmLoc direction_loc;
} LmTraffic;

typedef struct {
  LmTargetClass klass;   LmLoc loc;
  LmDist ttf;            LmLoc ttf_loc;      /* `mtbf T` is exp(T) */
  LmDist ttr;            LmLoc ttr_loc;      /* `mttr T` is exp(T) */
  LmFailMode mode;       LmLoc mode_loc;     /* NONE: the class default */
} LmFailureClass;

/* One expanded component name. */
typedef struct {
  char *name;            /* full name, e.g. "ic1.A.rp1.link" */
  LmTargetClass klass;
  guint interconnect;    /* index in LmScenario.interconnects */
  guint site;            /* 0 = A; for site, router-pair, router, link, bgp */
  guint pair;            /* 0 = rp1; for router-pair, router, link, bgp */
  LmRouterRole router;   /* for router */
  guint families;        /* for bgp: the sessions covered (LmFamily bits) */
} LmTarget;

typedef struct {
  char *name;            LmLoc loc;
  GPtrArray *members;    /* LmNameRef*, as written (wildcards allowed) */
  GPtrArray *targets;    /* LmTarget*, expanded, sorted, unique */
  LmDist ttf;            LmLoc ttf_loc;
  LmDist ttr;            LmLoc ttr_loc;
} LmFailureGroup;

/* ------------------------------------------------------------------ timeline */

typedef struct _LmFailure LmFailure;

typedef struct {
  LmLoc loc;             /* of `at`/`after` (or of the verb, for a live action) */
  char *text;            /* the statement after `at T` / `after T`, as written */
  LmTime at;             /* absolute, `after` resolved */
  gboolean relative;     /* written with `after` */
  LmTime after;          /* the delay written after `after` */
  guint seq;             /* statement order in the files */
  LmVerb verb;
  LmTargetClass klass;   /* the class keyword as written, or NONE */
  char *target;          /* the target as written (may hold wildcards) */
  LmLoc target_loc;
  GPtrArray *targets;    /* LmTarget*, expanded in sorted order */
  LmFailMode mode;       /* as written, or NONE */
  LmLoc mode_loc;
  char *as_name;         /* `as NAME`, or NULL */
  LmLoc as_loc;
  LmTime every;          /* flap: the half period */
  LmTime length;         /* flap/maintain/degrade `for T`; 0 when absent */
  gboolean has_length;
  double loss_percent;   /* degrade */
  double loss_fraction;
  LmMacsecOp macsec_op;
  LmProvisionVia via;
  guint64 bandwidth_bps; /* update */
  char *key;             /* accept/activate `key K`, or NULL */
  GPtrArray *failures;   /* LmFailure* (transfer none): opened by fail/flap/
                          * maintain, closed by repair */
  gboolean owns_failures;   /* private: a live action owns its failures */
} LmAction;

struct _LmFailure {
  char *id;              /* "f1", … or the `as NAME` */
  gboolean named;
  const LmTarget *target;   /* (transfer none) an element of action->targets */
  LmFailMode mode;       /* resolved: never NONE */
  LmTime at;
  LmTime until;          /* repair time; LM_TIME_MAX when never repaired */
  const LmAction *action;   /* (transfer none) the action that opened it */
  const LmAction *repair;   /* (transfer none) the repair that closed it, or NULL */
  guint period;          /* flap: 0, 1, … */
};

typedef struct {
  LmLoc loc;             /* of `expect` */
  char *text;            /* after `expect`, as written: "ic1 convergence <= 1s" */
  char *interconnect;    /* the name as written ("*" allowed) or NULL (inferred) */
  LmLoc interconnect_loc;
  GPtrArray *interconnects;  /* guint indices (GUINT_TO_POINTER), expanded */
  LmExpectKind kind;
  LmCompareOp op;
  LmTime time_value;     /* convergence, latency, available within */
  double percent;        /* availability*, loss: as written */
  double fraction;       /* percent / 100 */
  guint percentile;      /* latency: 50, 95 or 99 */
  char *failure_id;      /* `convergence of ID`, or NULL (max over failures) */
  LmLoc failure_loc;
  const LmFailure *failure;  /* (transfer none) resolved */
  LmTime state_at;       /* state at T */
  LmIcState state;
} LmExpectation;

/* ------------------------------------------------------------------ scenario */

typedef struct {
  char *name;            LmLoc name_loc;     /* default: the file's base name */
  guint64 seed;          LmLoc seed_loc;
  LmTime duration;       LmLoc duration_loc;
  guint64 replications;  LmLoc replications_loc;
  char *path;            /* the main file (or the name given to parse_string) */

  GPtrArray *partners;        /* LmPartner*, built-ins first */
  GPtrArray *metros;          /* LmMetro*, built-ins first */
  GPtrArray *interconnects;   /* LmInterconnect* */
  GPtrArray *gateways;        /* LmGateway*, in order of first mention */
  LmBgpSettings bgp;
  LmMacsecSettings macsec;
  GPtrArray *traffic;         /* LmTraffic*, one per interconnect named */
  GPtrArray *failure_classes; /* LmFailureClass*, one per class named */
  GPtrArray *groups;          /* LmFailureGroup* */
  GPtrArray *actions;         /* LmAction*, sorted by (at, seq) */
  GPtrArray *failures;        /* LmFailure*, in id order */
  GPtrArray *expectations;    /* LmExpectation*, in file order */
  GPtrArray *files;           /* char*, every file read, in order (first: main) */

  /* private */
  GPtrArray *strings;         /* strings LmLoc points to */
  GHashTable *index;          /* name → object, for lookups */
  guint next_seq;
  guint live_failures;
} LmScenario;

/* Command-line overrides, applied after parsing, in order. */
typedef struct _LmScenarioOverrides LmScenarioOverrides;

LmScenarioOverrides *lm_scenario_overrides_new (void);
void lm_scenario_overrides_free (LmScenarioOverrides *set);
/* Adds `PATH=VALUE` as given to --set; FALSE with an error naming the option
 * when it is not of that shape. */
gboolean lm_scenario_overrides_add (LmScenarioOverrides *set, const char *arg, GError **error);
guint lm_scenario_overrides_count (const LmScenarioOverrides *set);

/* --sweep PATH=V1,V2,…: splits on commas outside parentheses.  Returns the
 * list of `PATH=Vi` strings, each usable with lm_scenario_overrides_add().
 * (transfer full) */
GStrv lm_scenario_sweep_split (const char *arg, GError **error);

/* ------------------------------------------------------------------ parsing */

typedef struct _LmScenarioParser LmScenarioParser;

LmScenarioParser *lm_scenario_parser_new (void);
void lm_scenario_parser_free (LmScenarioParser *p);
/* (transfer none) applied to the next parse; NULL clears. */
void lm_scenario_parser_set_overrides (LmScenarioParser *p, const LmScenarioOverrides *set);
/* Includes are allowed by default; when off, `include` is an error. */
void lm_scenario_parser_set_includes (LmScenarioParser *p, gboolean allowed);
/* Parses the file at @path (and its includes). */
LmScenario *lm_scenario_parser_load (LmScenarioParser *p, const char *path, GError **error);
/* Parses @len bytes of @text (need not be NUL-terminated; may hold NULs,
 * which are an error) named @name in messages; includes are resolved
 * relative to @name's directory. */
LmScenario *lm_scenario_parser_parse (LmScenarioParser *p, const char *text, gsize len,
                                      const char *name, GError **error);
/* The diagnostics of the last parse (LmScenarioDiag*), in the order found.
 * (transfer none) valid until the next parse or free. */
const GPtrArray *lm_scenario_parser_diagnostics (const LmScenarioParser *p);

/* Convenience wrappers over a one-shot parser.  On failure the GError's
 * message is the full text: for each error `FILE:LINE:COL: error: MESSAGE`,
 * the source line and a caret line. */
LmScenario *lm_scenario_load (const char *path, const LmScenarioOverrides *set, GError **error);
LmScenario *lm_scenario_parse_string (const char *text, const char *name,
                                      const LmScenarioOverrides *set, GError **error);

/* Parses one action without `at` (live mode's POST /inject), checked against
 * @sc by the same rules as a scripted one (names, classes, modes, values);
 * its time is 0 and its failures (for fail/flap/maintain) get fresh ids
 * after the scripted ones.  Whether a `repair` finds an open failure depends
 * on the running world, so the caller answers that.  On success *@out is a
 * new action (transfer full; free with lm_action_free) whose failures are
 * owned by it. */
gboolean lm_scenario_parse_action (LmScenario *sc, const char *line, LmAction **out,
                                   GError **error);
void lm_action_free (LmAction *a);

/* Renders diagnostics as gcc does (transfer full). */
char *lm_scenario_diag_render (const GPtrArray *diags);

/* The canonical form: includes and overrides applied, one file, absolute
 * times, canonical units; defaults shown as comments.  Parsing it gives the
 * same tree.  (transfer full) */
char *lm_scenario_print (const LmScenario *sc);

void lm_scenario_free (LmScenario *sc);

/* Lookups (transfer none); NULL when absent. */
const LmInterconnect *lm_scenario_find_interconnect (const LmScenario *sc, const char *name);
const LmFailure *lm_scenario_find_failure (const LmScenario *sc, const char *id);
const LmTraffic *lm_scenario_find_traffic (const LmScenario *sc, const char *interconnect);
const LmMetro *lm_scenario_find_metro (const LmScenario *sc, const char *name);
const LmPartner *lm_scenario_find_partner (const LmScenario *sc, const char *name);
const LmFailureClass *lm_scenario_find_failure_class (const LmScenario *sc, LmTargetClass klass);

/* The default end time of a failure that is never repaired. */
#define LM_FAILURE_OPEN LM_TIME_MAX

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenario, lm_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenarioParser, lm_scenario_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenarioOverrides, lm_scenario_overrides_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmAction, lm_action_free)

G_END_DECLS
