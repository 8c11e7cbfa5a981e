/* models/world.c — the world: builds the models from a scenario and glues
 * them together.
 *
 * Objects (owned by the world): per interconnect an Ic with S × M Pairs; per
 * pair one LmMacsecLink, and per address family one LmBfdSession (unless
 * `bfd off`) and one LmBgpSession; per interconnect two LmForwarders (the
 * gateway: traffic from the cloud; the partner fabric: traffic to the cloud)
 * and one LmTraffic.  The glue is here and only here:
 *
 *  - a BGP end's routes (installed / depreferenced / withdrawn) feed its
 *    side's forwarder: the cloud end → the gateway, the partner end → the
 *    fabric; a forwarding change feeds the traffic model's FIB;
 *  - a crashed router's own sessions vanish without a word, so the survivors
 *    detect it: the cloud backbone (a crashed cloud router) and the partner
 *    fabric (a crashed partner router), each after a drawn delay;
 *  - MACsec tells whether the link may carry; the physical state (carrier,
 *    silence, routers alive) is pushed to MACsec, BFD and BGP;
 *  - after every change the availability conditions are recomputed and
 *    announced (analysis/metrics.h); the lifecycle state follows from them
 *    in the console model (world-provision.c).
 *
 * Failures and actions are scheduled by world-script.c; ordering an
 * interconnect (its pairs then start unbuilt: no carrier, BGP not
 * configured) is world-provision.c's.
 */
#include "models/world-private.h"

#include <string.h>

G_DEFINE_QUARK (lm-world-error-quark, lm_world_error)

static const char *const avail_what[] = {
  "reachability", "capacity", "half_capacity", "full_capacity",
  "component.reachability", "component.half_capacity", "component.full_capacity",
};

/* Timing assumptions; docs/models.md ("world") states why each. */
static const WorldTiming default_timing = {
  .gateway_propagation = { LM_MS (20), LM_MS (80) },
  .fabric_convergence = { LM_MS (50), LM_MS (250) },
  .backbone_detect = { LM_MS (150), LM_MS (350) },
  .fabric_detect = { LM_MS (150), LM_MS (350) },
  .drain_margin = LM_S (1),
  .queue_limit = LM_MS (10),
  .fibre_s_per_km = 1.0 / 204190.0,   /* c / 1.468 (G.652 group index) */
};

/* A surviving component noticed: @side 1 on the cloud side (a cloud router's
 * session, the backbone, the gateway), 2 on the partner side (a partner
 * router's session, the fabric, the first mile), as the sample's value. */
void
lm_world_emit_detect (LmWorld *w, const char *component, int side)
{
  lm_sim_emit_sample (w->sim, component, "detect", side);
}

/* ------------------------------------------------------------ availability */

static gboolean
pair_alive (const Pair *p)
{
  return p->router_down[LM_BGP_END_CLOUD] == 0 && p->router_down[LM_BGP_END_PARTNER] == 0;
}

/* The link-level state, from the open link failures; a connection not
 * built yet (or torn down) has no carrier. */
static PathState
link_state (const Pair *p)
{
  return p->link_carrier > 0 || !p->built ? PATH_CARRIER
         : p->link_silent > 0 ? PATH_SILENT : PATH_UP;
}

/* Frames cross the connection (MACsec aside). */
static gboolean
pair_passes (const Pair *p)
{
  return link_state (p) == PATH_UP && pair_alive (p) && p->ic->shared_down == 0;
}

/* MACsec stops everything, control traffic included, while the carrier is
 * up: must-encrypt without a SAK, or should-encrypt ends that disagree. */
static gboolean
macsec_blocks (const Pair *p)
{
  return p->carry == LM_MACSEC_CARRY_NONE && link_state (p) != PATH_CARRIER;
}

/* DESIGN §7: usable for a family when the link is up, MACsec lets traffic
 * through, and the family's session has its routes installed at both ends. */
static gboolean
pair_usable (const Pair *p, guint fam)
{
  return pair_passes (p) && p->carry != LM_MACSEC_CARRY_NONE
         && p->routes[fam][LM_BGP_END_CLOUD] && p->routes[fam][LM_BGP_END_PARTNER];
}

static gboolean
pair_usable_all (const Pair *p)
{
  for (guint f = 0; f < p->ic->n_families; f++)
    if (!pair_usable (p, f))
      return FALSE;
  return TRUE;
}

/* Runs after every change (bench/README.md): each pair's usability is
 * worked out once per family. */
static guint
compute_flags (Ic *ic, gboolean flag[7])
{
  guint usable = 0, comp_up = 0;
  gboolean any[MAX_FAMILIES] = { FALSE, FALSE };
  for (guint i = 0; i < ic->n_paths; i++)
    {
      const Pair *p = &ic->pairs[i];
      gboolean all = TRUE;
      for (guint f = 0; f < ic->n_families; f++)
        {
          gboolean u = pair_usable (p, f);
          any[f] = any[f] || u;
          all = all && u;
        }
      usable += all;
      comp_up += p->built && p->covering == 0 && ic->shared_down == 0;
    }
  gboolean reach = TRUE;
  for (guint f = 0; f < ic->n_families; f++)
    reach = reach && any[f];
  flag[0] = reach;
  flag[1] = reach && !lm_traffic_congested (ic->traffic);
  flag[2] = 2 * usable >= ic->n_paths;
  flag[3] = usable == ic->n_paths;
  flag[4] = comp_up > 0;
  flag[5] = 2 * comp_up >= ic->n_paths;
  flag[6] = comp_up == ic->n_paths;
  return usable;
}

void
lm_world_update (Ic *ic)
{
  gboolean flag[7];
  guint usable = compute_flags (ic, flag);
  /* the number of usable connections, for time series (a sample: not traced) */
  if (ic->w->detail && (!ic->flags_known || usable != ic->usable))
    {
      ic->usable = usable;
      lm_sim_emit_sample (ic->w->sim, ic->name, "usable", usable);
    }
  for (int k = 0; k < 7; k++)
    if (!ic->flags_known || flag[k] != ic->flag[k])
      {
        lm_sim_emit_state (ic->w->sim, ic->name, avail_what[k], ic->flag[k],
                           ic->flag[k] ? "up" : "down", flag[k], flag[k] ? "up" : "down", NULL);
        ic->flag[k] = flag[k];
      }
  ic->flags_known = TRUE;
  /* the lifecycle state (available ↔ down, pending → available) is the
   * console's: world-provision.c */
  lm_world_prov_update (ic, flag[0]);
}

/* ------------------------------------------------------------ glue */

static void
sync_traffic (Pair *p)
{
  LmPathStatus st = LM_PATH_OK;
  if (!pair_passes (p))
    st = LM_PATH_DEAD;
  else if (p->carry == LM_MACSEC_CARRY_NONE)
    st = LM_PATH_NO_KEY;
  lm_traffic_set_status (p->ic->traffic, p->index, st);
  lm_traffic_set_error_ratio (p->ic->traffic, p->index, p->error_ratio);
}

/* Pushes the physical state of the pair's connection to MACsec, BFD and BGP
 * (only what changed), then to the traffic model. */
void
lm_world_pair_sync (Pair *p)
{
  /* what BFD and BGP see: the link, and MACsec dropping their packets too */
  PathState link = link_state (p);
  PathState path = link == PATH_UP && macsec_blocks (p) ? PATH_SILENT : link;
  if (path != p->path)
    {
      for (guint f = 0; f < p->ic->n_families; f++)
        {
          if (path == PATH_UP)
            {
              if (p->bfd[f])
                lm_bfd_session_path_up (p->bfd[f]);
              lm_bgp_session_path_up (p->bgp[f]);
            }
          else
            {
              if (p->bfd[f])
                lm_bfd_session_path_down (p->bfd[f], path == PATH_CARRIER ? LM_BFD_PATH_CARRIER
                                                                          : LM_BFD_PATH_SILENT);
              lm_bgp_session_path_down (p->bgp[f], path == PATH_CARRIER ? LM_BGP_PATH_CARRIER
                                                                        : LM_BGP_PATH_SILENT);
            }
        }
      p->path = path;
    }
  gboolean carrier = link != PATH_CARRIER;
  gboolean silent = link == PATH_SILENT || !pair_alive (p);
  if (carrier != p->macsec_carrier)
    {
      lm_macsec_link_set_carrier (p->macsec, carrier);
      p->macsec_carrier = carrier;
    }
  if (silent != p->macsec_silent)
    {
      lm_macsec_link_set_silent (p->macsec, silent);
      p->macsec_silent = silent;
    }
  sync_traffic (p);
  lm_world_update (p->ic);
}

typedef struct { Pair *p; int end; } DetectCtx;

/* The cloud backbone (or the partner fabric) notices a crashed router: its
 * routes leave that side's table, after that side's propagation delay. */
static void
on_router_lost (LmSim *sim, gpointer data)
{
  DetectCtx *c = data;
  Pair *p = c->p;
  Ic *ic = p->ic;
  p->detect_ev[c->end] = LM_EVENT_NONE;
  gboolean cloud = c->end == LM_BGP_END_CLOUD;
  lm_world_emit_detect (ic->w, cloud ? ic->backbone_name : ic->fabric_name, cloud ? 1 : 2);
  for (guint f = 0; f < ic->n_families; f++)
    lm_forwarder_set_route (cloud ? ic->gateway : ic->fabric, p->index, f, LM_ROUTE_NONE, FALSE);
}

static void
router_crash (Pair *p, int end)
{
  Ic *ic = p->ic;
  for (guint f = 0; f < ic->n_families; f++)
    {
      if (p->bfd[f])
        lm_bfd_session_crash (p->bfd[f], end);
      lm_bgp_session_crash (p->bgp[f], end);
      p->routes[f][end] = FALSE;
    }
  const WorldTiming *t = &ic->w->timing;
  LmTime d = lm_delay_law_draw (end == LM_BGP_END_CLOUD ? t->backbone_detect : t->fabric_detect,
                                 ic->detect_rng);
  DetectCtx *c = g_new (DetectCtx, 1);
  *c = (DetectCtx) { p, end };
  p->detect_ev[end] = lm_sim_schedule_full (ic->w->sim, d, on_router_lost, c, g_free);
}

static void
router_restart (Pair *p, int end)
{
  lm_sim_cancel (p->ic->w->sim, p->detect_ev[end]);
  p->detect_ev[end] = LM_EVENT_NONE;
  for (guint f = 0; f < p->ic->n_families; f++)
    {
      if (p->bfd[f])
        lm_bfd_session_restart (p->bfd[f], end);
      lm_bgp_session_restart (p->bgp[f], end);
    }
}

void
lm_world_router_down (Pair *p, int end, int delta)
{
  guint before = p->router_down[end];
  p->router_down[end] = (guint) ((int) before + delta);
  if (before == 0 && p->router_down[end] > 0)
    router_crash (p, end);
  else if (before > 0 && p->router_down[end] == 0)
    router_restart (p, end);
  lm_world_pair_sync (p);
}

static void
on_routes (LmBgpSession *s, LmBgpEnd end, LmBgpRouteChange change, guint n_prefixes,
           LmTime when, gpointer user_data)
{
  Pair *p = user_data;
  Ic *ic = p->ic;
  guint f = 0;
  while (f + 1 < ic->n_families && p->bgp[f] != s)
    f++;
  LmForwarder *side = end == LM_BGP_END_CLOUD ? ic->gateway : ic->fabric;
  LmRoutePref pref = change == LM_BGP_ROUTES_INSTALLED ? LM_ROUTE_NORMAL
                     : change == LM_BGP_ROUTES_DEPREFERENCED ? LM_ROUTE_DRAINING : LM_ROUTE_NONE;
  p->routes[f][end] = pref != LM_ROUTE_NONE;
  if (pref == LM_ROUTE_NONE)
    {
      g_autofree char *who = g_strconcat (lm_bgp_session_name (s), ".", lm_bgp_end_name (end), NULL);
      lm_world_emit_detect (ic->w, who, end == LM_BGP_END_CLOUD ? 1 : 2);
    }
  lm_forwarder_set_route (side, p->index, f, pref, FALSE);
  lm_world_update (ic);
}

static void
on_macsec (LmMacsecLink *link, LmMacsecCarry carry, LmMacsecReason reason, gpointer user_data)
{
  Pair *p = user_data;
  p->carry = carry;
  lm_world_pair_sync (p);
}

static void
on_fib (LmForwarder *fw, guint path, guint family, gboolean in_fib, gpointer user_data)
{
  Ic *ic = user_data;
  LmFlowDir dir = fw == ic->gateway ? LM_DIR_FROM_CLOUD : LM_DIR_TO_CLOUD;
  lm_traffic_set_fib (ic->traffic, dir, family, path, in_fib);
  /* named after the session whose routes these are: ic1.A.rp1.bgp.ipv4 */
  lm_sim_emit_sample (ic->w->sim, lm_bgp_session_name (ic->pairs[path].bgp[family]),
                      dir == LM_DIR_FROM_CLOUD ? "fib.from-cloud" : "fib.to-cloud",
                      in_fib ? 1 : -1);
  lm_world_update (ic);
}

/* ------------------------------------------------------------ building */

static gboolean
model_error (GError **error, GError *cause, const LmScLoc *loc, const char *what)
{
  if (loc != NULL && LM_SC_IS_SET (*loc) && loc->file != NULL)
    g_set_error (error, LM_WORLD_ERROR, LM_WORLD_ERROR_MODEL, "%s:%u:%u: error: %s: %s",
                 loc->file, loc->line, loc->col, what, cause->message);
  else
    g_set_error (error, LM_WORLD_ERROR, LM_WORLD_ERROR_MODEL, "%s: %s", what, cause->message);
  g_error_free (cause);
  return FALSE;
}

/* @up: the session is up from the start (an interconnect available from
 * the start); else it comes up when its connection is built. */
static void
bfd_config (const LmScenario *sc, LmBfdConfig *cfg, const char *name, gboolean up)
{
  lm_bfd_config_init (cfg, name);
  cfg->start_up = up;
  cfg->path_up = up;
  for (int e = 0; e < LM_BFD_N_ENDS; e++)
    {
      cfg->end[e].desired_min_tx = sc->bgp.bfd_interval;
      cfg->end[e].required_min_rx = sc->bgp.bfd_interval;
      cfg->end[e].detect_mult = sc->bgp.bfd_multiplier;
    }
}

static void
bgp_config (const LmScenario *sc, LmBgpConfig *cfg, const char *name, LmBgpFamily fam,
            LmBfdSession *bfd, gboolean up)
{
  lm_bgp_config_init (cfg, name, fam);
  cfg->bfd = bfd;
  cfg->start_established = up;
  cfg->path_up = up;
  for (int e = 0; e < LM_BGP_N_ENDS; e++)
    {
      cfg->end[e].hold = sc->bgp.hold;
      cfg->end[e].keepalive = sc->bgp.keepalive;
      cfg->end[e].connect_retry = sc->bgp.connect_retry;
      cfg->end[e].mrai = sc->bgp.advertisement_interval;
      cfg->end[e].graceful_restart = sc->bgp.graceful_restart;
    }
}

static gboolean
macsec_config (const LmScenario *sc, LmMacsecConfig *cfg, GError **error)
{
  lm_macsec_config_init (cfg);
  const LmScMacsec *m = &sc->macsec;
  cfg->mode = m->mode == LM_SC_MACSEC_MUST_ENCRYPT ? LM_MACSEC_MODE_MUST_ENCRYPT
              : m->mode == LM_SC_MACSEC_SHOULD_ENCRYPT ? LM_MACSEC_MODE_SHOULD_ENCRYPT
              : LM_MACSEC_MODE_NO_ENCRYPT;
  cfg->cipher = m->cipher == LM_SC_CIPHER_GCM_AES_256 ? LM_MACSEC_CIPHER_GCM_AES_256
                                                   : LM_MACSEC_CIPHER_GCM_AES_XPN_256;
  cfg->hello = m->mka_hello;
  cfg->life = m->mka_life;
  cfg->rekey_interval = m->rekey_on_pn_rollover ? 0 : m->rekey_interval;
  GError *e = NULL;
  if (!lm_macsec_config_check (cfg, &e))
    return model_error (error, e, &m->mode_loc, "macsec");
  return TRUE;
}

static gboolean
build_pair (Ic *ic, Pair *p, const LmMacsecConfig *mcfg, GError **error)
{
  const LmScenario *sc = ic->w->sc;
  LmSim *sim = ic->w->sim;
  p->ic = ic;
  p->name = g_strdup_printf ("%s.%c.rp%u", ic->name, 'A' + p->site, p->pair + 1);
  p->router_name[LM_BGP_END_CLOUD] = g_strconcat (p->name, ".cloud", NULL);
  p->router_name[LM_BGP_END_PARTNER] = g_strconcat (p->name, ".partner", NULL);
  gboolean up = !ic->ordered;     /* else: no carrier until built (world-provision.c) */
  p->built = up;
  p->path = up ? PATH_UP : PATH_CARRIER;
  p->macsec_carrier = up;
  p->carry = mcfg->mode == LM_MACSEC_MODE_NO_ENCRYPT ? LM_MACSEC_CARRY_CLEAR
                                                     : LM_MACSEC_CARRY_SECURED;
  g_autofree char *link = g_strconcat (p->name, ".link", NULL);
  p->macsec = lm_macsec_link_new (sim, link, mcfg, on_macsec, p);
  if (up)
    lm_macsec_link_start_secured (p->macsec);   /* carrier up, secured before t = 0 */
  else
    p->carry = lm_macsec_link_may_carry (p->macsec, NULL);
  for (guint f = 0; f < ic->n_families; f++)
    {
      g_autofree char *bgp = g_strconcat (p->name, ".bgp.", lm_bgp_family_name (ic->family[f]),
                                          NULL);
      GError *e = NULL;
      if (sc->bgp.bfd)
        {
          g_autofree char *bfd = g_strconcat (bgp, ".bfd", NULL);
          LmBfdConfig bcfg;
          bfd_config (sc, &bcfg, bfd, up);
          p->bfd[f] = lm_bfd_session_new (sim, &bcfg, &e);
          if (p->bfd[f] == NULL)
            return model_error (error, e, &sc->bgp.bfd_loc, "bgp bfd");
        }
      LmBgpConfig gcfg;
      bgp_config (sc, &gcfg, bgp, ic->family[f], p->bfd[f], up);
      p->bgp[f] = lm_bgp_session_new (sim, &gcfg, &e);
      if (p->bgp[f] == NULL)
        return model_error (error, e, sc->bgp.graceful_restart ? &sc->bgp.graceful_restart_loc
                                                               : &sc->bgp.hold_loc, "bgp");
      for (int end = 0; end < N_ENDS; end++)
        {
          p->routes[f][end] = up;
          p->watch[f][end] = lm_bgp_session_watch (p->bgp[f], end, on_routes, p);
          if (!up)      /* configured when the connection is built */
            lm_bgp_session_stop (p->bgp[f], end, FALSE);
        }
    }
  return TRUE;
}

static void
free_pair (Pair *p)
{
  for (int e = 0; e < N_ENDS; e++)
    {
      if (p->ic != NULL)
        lm_sim_cancel (p->ic->w->sim, p->detect_ev[e]);
      g_free (p->router_name[e]);
    }
  for (guint f = 0; f < MAX_FAMILIES; f++)
    {
      if (p->bgp[f] != NULL)
        for (int e = 0; e < N_ENDS; e++)
          lm_bgp_session_unwatch (p->bgp[f], p->watch[f][e]);
      lm_bgp_session_free (p->bgp[f]);
      lm_bfd_session_free (p->bfd[f]);
    }
  lm_macsec_link_free (p->macsec);
  g_free (p->name);
}

static void
traffic_config (const Ic *ic, LmTrafficConfig *cfg)
{
  const LmScInterconnect *d = ic->decl;
  const LmScTraffic *ts = lm_scenario_find_traffic (ic->w->sc, ic->name);
  memset (cfg, 0, sizeof *cfg);
  if (ts != NULL && !ic->ordered)   /* ordered: offered from available on */
    {
      if (ts->direction != LM_SC_DIRECTION_FROM_CLOUD)
        cfg->rate_bps[LM_DIR_TO_CLOUD] = ts->rate_bps;
      if (ts->direction != LM_SC_DIRECTION_TO_CLOUD)
        cfg->rate_bps[LM_DIR_FROM_CLOUD] = ts->rate_bps;
    }
  cfg->flows = ts != NULL && ts->flows > 0 ? (guint) ts->flows : 4096;
  cfg->packet_bytes = ts != NULL && ts->packet_bytes > 0 ? (guint) ts->packet_bytes : 1500;
  cfg->mtu_bytes = d->mtu;
  cfg->tier_bps = d->bandwidth_bps;
  cfg->port_bps = d->port_speed_bps ? d->port_speed_bps : d->bandwidth_bps;
  double km = d->metro_info != NULL ? d->metro_info->distance_km : 0;
  cfg->propagation = (LmTime) (km * ic->w->timing.fibre_s_per_km * 1e9);
  cfg->queue_limit = ic->w->timing.queue_limit;
  cfg->n_families = ic->n_families;
}

typedef struct {
  const char *name;
  const LmTrafficConfig *cfg;
  guint n_paths;
} SharesArgs;

static gpointer
compute_shares (gconstpointer data)
{
  const SharesArgs *a = data;
  return lm_traffic_shares_new (a->name, a->cfg, a->n_paths);
}

/* The traffic model's flow split is the same in every replication: counted
 * once per scenario (sim/scenario-memo.c), keyed by what it depends on. */
static LmTraffic *
new_traffic (Ic *ic, const LmTrafficConfig *cfg)
{
  char key[160];
  g_snprintf (key, sizeof key, "traffic.shares %s %u %u %u", ic->name, cfg->flows,
              cfg->n_families, ic->n_paths);
  SharesArgs args = { ic->name, cfg, ic->n_paths };
  const LmTrafficShares *counted = lm_scenario_memo (ic->w->sc, key, compute_shares, &args,
                                                     (GDestroyNotify) lm_traffic_shares_free);
  return lm_traffic_new_shared (ic->w->sim, ic->name, cfg, ic->n_paths, counted);
}

static gboolean
build_ic (LmWorld *w, Ic *ic, const LmScInterconnect *d, GError **error)
{
  ic->w = w;
  ic->decl = d;
  ic->name = g_strdup (d->name);
  ic->gateway_name = g_strconcat (d->name, ".gateway", NULL);
  ic->fabric_name = g_strconcat (d->name, ".fabric", NULL);
  ic->backbone_name = g_strconcat (d->name, ".backbone", NULL);
  ic->ordered = lm_scenario_ordered (w->sc, d->name);
  ic->sites = d->sites;
  ic->pairs_per_site = d->pairs_per_site;
  ic->n_paths = d->sites * d->pairs_per_site;
  if (d->families & LM_SC_FAMILY_IPV4)
    ic->family[ic->n_families++] = LM_BGP_FAMILY_IPV4;
  if (d->families & LM_SC_FAMILY_IPV6)
    ic->family[ic->n_families++] = LM_BGP_FAMILY_IPV6;
  ic->detect_rng = lm_sim_rng_new (w->sim, ic->backbone_name);
  LmTrafficConfig tcfg;
  traffic_config (ic, &tcfg);
  ic->traffic = new_traffic (ic, &tcfg);
  ic->gateway = lm_forwarder_new (w->sim, ic->gateway_name, ic->n_paths, ic->n_families,
                                  w->timing.gateway_propagation, !ic->ordered, on_fib, ic);
  ic->fabric = lm_forwarder_new (w->sim, ic->fabric_name, ic->n_paths, ic->n_families,
                                 w->timing.fabric_convergence, !ic->ordered, on_fib, ic);
  LmMacsecConfig mcfg;
  if (!macsec_config (w->sc, &mcfg, error))
    return FALSE;
  ic->pairs = g_new0 (Pair, ic->n_paths);
  for (guint i = 0; i < ic->n_paths; i++)
    {
      Pair *p = &ic->pairs[i];
      p->index = i;
      p->site = i / ic->pairs_per_site;
      p->pair = i % ic->pairs_per_site;
      if (!build_pair (ic, p, &mcfg, error))
        return FALSE;
    }
  return TRUE;
}

static void
free_ic (gpointer data)
{
  Ic *ic = data;
  if (ic->pairs != NULL)
    for (guint i = 0; i < ic->n_paths; i++)
      free_pair (&ic->pairs[i]);
  g_free (ic->pairs);
  lm_forwarder_free (ic->gateway);
  lm_forwarder_free (ic->fabric);
  lm_traffic_free (ic->traffic);
  if (ic->detect_rng)
    gsl_rng_free (ic->detect_rng);
  g_free (ic->name);
  g_free (ic->gateway_name);
  g_free (ic->fabric_name);
  g_free (ic->backbone_name);
  g_free (ic);
}

LmWorld *
lm_world_new (LmSim *sim, const LmScenario *sc, GError **error)
{
  if (!lm_world_check_script (sc, error))
    return NULL;
  g_autoptr (LmWorld) w = g_new0 (LmWorld, 1);
  w->sim = sim;
  w->sc = sc;
  w->timing = default_timing;
  LmBgpConfig probe;
  lm_bgp_config_init (&probe, "probe", LM_BGP_FAMILY_IPV4);
  w->timing.bgp_drain = probe.end[LM_BGP_END_CLOUD].drain;
  w->ics = g_ptr_array_new_with_free_func (free_ic);
  w->failures = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sc->interconnects->len; i++)
    {
      Ic *ic = g_new0 (Ic, 1);
      ic->index = i;
      g_ptr_array_add (w->ics, ic);
      if (!build_ic (w, ic, g_ptr_array_index (sc->interconnects, i), error))
        return NULL;
    }
  lm_world_prov_new (w);
  return g_steal_pointer (&w);
}

void
lm_world_free (LmWorld *w)
{
  if (w == NULL)
    return;
  lm_world_free_random (w);
  if (w->failures)
    {
      for (guint i = 0; i < w->failures->len; i++)
        lm_sim_cancel (w->sim, ((FailRt *) g_ptr_array_index (w->failures, i))->phase2);
      g_ptr_array_unref (w->failures);
    }
  lm_world_free_live (w);   /* after the failures: they point into its actions */
  lm_world_prov_free (w);
  if (w->ics)
    g_ptr_array_unref (w->ics);
  g_free (w);
}

void
lm_world_start (LmWorld *w)
{
  lm_world_prov_start (w);
  for (guint i = 0; i < w->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (w->ics, i);
      lm_world_prov_start_ic (ic);
      lm_world_update (ic);
    }
  lm_world_schedule_script (w);
}

void
lm_world_finish (LmWorld *w)
{
  for (guint i = 0; i < w->ics->len; i++)
    lm_traffic_flush (((Ic *) g_ptr_array_index (w->ics, i))->traffic);
}

guint
lm_world_n_interconnects (const LmWorld *w)
{
  return w->ics->len;
}

LmTraffic *
lm_world_traffic (const LmWorld *w, guint ic)
{
  return ((Ic *) g_ptr_array_index (w->ics, ic))->traffic;
}

guint
lm_world_n_paths (const LmWorld *w, guint ic)
{
  return ((Ic *) g_ptr_array_index (w->ics, ic))->n_paths;
}

void
lm_world_set_detail (LmWorld *w, gboolean on)
{
  w->detail = on;
  for (guint i = 0; i < w->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (w->ics, i);
      lm_traffic_set_detail (ic->traffic, on);
      gboolean flag[7];
      ic->usable = compute_flags (ic, flag);
      if (on && ic->flags_known)   /* before lm_world_start(), its first update says it */
        lm_sim_emit_sample (w->sim, ic->name, "usable", ic->usable);
    }
}

static void
visit (LmWorldComponentFunc func, gpointer data, const Pair *p, const char *kind,
       const char *name, const char *end, const char *state)
{
  g_autofree char *full = end != NULL ? g_strconcat (name, ".", end, NULL) : g_strdup (name);
  LmWorldComponent c = { full, p->name, kind, state };
  func (&c, data);
}

void
lm_world_foreach_component (const LmWorld *w, guint i, LmWorldComponentFunc func,
                            gpointer user_data)
{
  const Ic *ic = g_ptr_array_index (w->ics, i);
  for (guint k = 0; k < ic->n_paths; k++)
    {
      const Pair *p = &ic->pairs[k];
      visit (func, user_data, p, "build", p->name, NULL, p->built ? "built" : "none");
      const char *link = lm_macsec_link_name (p->macsec);
      for (int e = 0; e < 2; e++)
        visit (func, user_data, p, "macsec", link, lm_macsec_end_name ((LmMacsecEnd) e),
               lm_macsec_state_name (lm_macsec_link_state (p->macsec, (LmMacsecEnd) e)));
      for (guint f = 0; f < ic->n_families; f++)
        {
          for (int e = 0; e < 2 && p->bfd[f] != NULL; e++)
            visit (func, user_data, p, "bfd", lm_bfd_session_name (p->bfd[f]),
                   lm_bfd_end_name ((LmBfdEnd) e),
                   lm_bfd_state_name (lm_bfd_session_state (p->bfd[f], (LmBfdEnd) e)));
          for (int e = 0; e < 2; e++)
            visit (func, user_data, p, "bgp", lm_bgp_session_name (p->bgp[f]),
                   lm_bgp_end_name ((LmBgpEnd) e),
                   lm_bgp_state_name (lm_bgp_session_state (p->bgp[f], (LmBgpEnd) e)));
        }
    }
}

char *
lm_world_describe (const LmWorld *w, guint i)
{
  const Ic *ic = g_ptr_array_index (w->ics, i);
  const LmScInterconnect *d = ic->decl;
  const LmScenario *sc = w->sc;
  char hold[LM_TIME_HUMAN_LEN], bfd[LM_TIME_HUMAN_LEN];
  lm_time_human (sc->bgp.hold, hold);
  lm_time_human (sc->bgp.bfd_interval, bfd);
  g_autofree char *bfd_text = sc->bgp.bfd
    ? g_strdup_printf ("BFD %s x %u", bfd, sc->bgp.bfd_multiplier) : g_strdup ("no BFD");
  return g_strdup_printf (
    "%s: %s in %s, %g Gbps, %u site%s x %u router pair%s = %u connection%s, "
    "%s%s; eBGP hold %s with %s; MACsec %s; gateway %s (%s); first mile %s.",
    d->name, d->partner, d->metro, (double) d->bandwidth_bps / 1e9, ic->sites,
    ic->sites == 1 ? "" : "s", ic->pairs_per_site, ic->pairs_per_site == 1 ? "" : "s",
    ic->n_paths, ic->n_paths == 1 ? "" : "s",
    (d->families & LM_SC_FAMILY_IPV4) ? "IPv4" : "",
    (d->families & LM_SC_FAMILY_IPV6) ? ((d->families & LM_SC_FAMILY_IPV4) ? " + IPv6" : "IPv6") : "",
    hold, bfd_text, lm_sc_macsec_mode_name (sc->macsec.mode), d->gateway,
    lm_sc_attach_name (d->gateway_info ? d->gateway_info->attach : LM_SC_ATTACH_TRANSIT_GATEWAY),
    lm_sc_first_mile_name (d->first_mile));
}

void
lm_world_path_view (const LmWorld *w, guint ic_index, guint path, LmWorldPathView *out)
{
  g_return_if_fail (ic_index < w->ics->len);
  const Ic *ic = g_ptr_array_index (w->ics, ic_index);
  g_return_if_fail (path < ic->n_paths);
  const Pair *p = &ic->pairs[path];
  memset (out, 0, sizeof *out);
  out->name = p->name;
  out->site = p->site;
  out->pair = p->pair;
  out->link_up = link_state (p) == PATH_UP;
  out->usable = pair_usable_all (p);
  for (int e = 0; e < LM_MACSEC_N_ENDS; e++)
    out->macsec[e] = lm_macsec_link_state (p->macsec, (LmMacsecEnd) e);
  out->n_families = ic->n_families;
  out->has_bfd = p->bfd[0] != NULL;
  for (guint f = 0; f < ic->n_families; f++)
    {
      out->family[f] = ic->family[f];
      for (int e = 0; e < LM_BGP_N_ENDS; e++)
        out->bgp[f][e] = lm_bgp_session_state (p->bgp[f], (LmBgpEnd) e);
      for (int e = 0; out->has_bfd && e < LM_BFD_N_ENDS; e++)
        out->bfd[f][e] = lm_bfd_session_state (p->bfd[f], (LmBfdEnd) e);
    }
}
