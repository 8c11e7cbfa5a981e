/* analysis/live-metrics.c — a running run as Prometheus text (format 0.0.4).
 *
 * Every family is written whole (# HELP, # TYPE, then its samples for every
 * interconnect), as the format requires.  Names follow Prometheus practice:
 * a unit suffix (_seconds, _ratio), counters end in _total, states are
 * state sets (one sample per possible state, 1 for the current one) so an
 * alert can say `lmsim_bgp_session_state{state="Established"} == 0`.
 * Labels: interconnect, site (A, B, …), router_pair (rp1, …), family (ipv4,
 * ipv6), end (cloud, partner), direction, cause, condition.  Numbers are
 * written with g_ascii_formatd, so the locale never turns a point into a
 * comma.  The JSON twin is analysis/live-status.c.
 */
#include "analysis/live-metrics.h"

#include <math.h>
#include <string.h>
#include "models/traffic.h"

static const char *const ic_states[] = {
  "none", "requested", "pending", "available", "down", "updating", "deleting", "deleted", "failed",
};

/* Conditions exported: the DESIGN §7 names with '.' made '_'. */
static const char *const condition_labels[] = {
  [LM_AVAIL_REACHABILITY] = "reachability",
  [LM_AVAIL_CAPACITY] = "capacity",
  [LM_AVAIL_HALF_CAPACITY] = "half_capacity",
  [LM_AVAIL_FULL_CAPACITY] = "full_capacity",
  [LM_AVAIL_COMPONENT_REACHABILITY] = "component_reachability",
  [LM_AVAIL_COMPONENT_HALF_CAPACITY] = "component_half_capacity",
  [LM_AVAIL_COMPONENT_FULL_CAPACITY] = "component_full_capacity",
};
G_STATIC_ASSERT (G_N_ELEMENTS (condition_labels) == LM_AVAIL_N);

static const double quantiles[] = { 0.5, 0.95, 0.99 };

static void
family (GString *o, const char *name, const char *type, const char *help)
{
  g_string_append_printf (o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Appends `k="v"` to a label list, escaping as the format says. */
static void
label (GString *l, const char *k, const char *v)
{
  if (l->len > 0)
    g_string_append_c (l, ',');
  g_string_append_printf (l, "%s=\"", k);
  for (const char *p = v; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (l, '\\');
      if (*p == '\n')
        g_string_append (l, "\\n");
      else
        g_string_append_c (l, *p);
    }
  g_string_append_c (l, '"');
}

static void
sample (GString *o, const char *name, const GString *labels, double v)
{
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text = isnan (v) ? "NaN" : isinf (v) ? (v > 0 ? "+Inf" : "-Inf")
                     : g_ascii_formatd (num, sizeof num, "%.15g", v);
  if (labels != NULL && labels->len > 0)
    g_string_append_printf (o, "%s{%s} %s\n", name, labels->str, text);
  else
    g_string_append_printf (o, "%s %s\n", name, text);
}

static GString *
ic_labels (LmRun *run, guint ic)
{
  GString *l = g_string_new (NULL);
  label (l, "interconnect", lm_metrics_interconnect (lm_run_metrics (run), ic));
  return l;
}

static double
packet_bits (LmRun *run, guint ic)
{
  const LmScenario *sc = lm_run_scenario (run);
  const LmScTraffic *ts = lm_scenario_find_traffic (sc, lm_metrics_interconnect (lm_run_metrics (run), ic));
  return 8.0 * (ts != NULL && ts->packet_bytes > 0 ? (double) ts->packet_bytes : 1500.0);
}

static void
write_run (GString *o, LmRun *run, const LmLiveInfo *info)
{
  const LmScenario *sc = lm_run_scenario (run);
  family (o, "lmsim_simulated_time_seconds", "gauge", "Virtual time of the simulation.");
  sample (o, "lmsim_simulated_time_seconds", NULL, LM_TIME_TO_S (lm_sim_now (lm_run_sim (run))));
  family (o, "lmsim_duration_seconds", "gauge", "The scenario's duration (virtual time).");
  sample (o, "lmsim_duration_seconds", NULL, LM_TIME_TO_S (sc->duration));
  family (o, "lmsim_speed_ratio", "gauge", "Virtual seconds per wall-clock second.");
  sample (o, "lmsim_speed_ratio", NULL, info ? info->speed : 0);
  family (o, "lmsim_run_ended", "gauge", "1 once the run reached its duration or was stopped.");
  sample (o, "lmsim_run_ended", NULL, info && info->ended ? 1 : 0);
  family (o, "lmsim_injected_actions_total", "counter", "Actions applied through POST /inject.");
  sample (o, "lmsim_injected_actions_total", NULL, info ? (double) info->injected : 0);
  family (o, "lmsim_scenario_info", "gauge", "The scenario played (always 1).");
  g_autoptr (GString) l = g_string_new (NULL);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, sc->seed);
  label (l, "scenario", sc->name ? sc->name : "");
  label (l, "seed", seed);
  sample (o, "lmsim_scenario_info", l, 1);
}

static void
write_state (GString *o, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  family (o, "lmsim_interconnect_state", "gauge",
          "Lifecycle state of the interconnect (console API names), 1 for the current one.");
  for (guint ic = 0; ic < lm_metrics_n_interconnects (m); ic++)
    {
      const char *now = lm_metrics_state (m, ic);
      for (guint s = 0; s < G_N_ELEMENTS (ic_states); s++)
        {
          g_autoptr (GString) l = ic_labels (run, ic);
          label (l, "state", ic_states[s]);
          sample (o, "lmsim_interconnect_state", l,
                  now != NULL && strcmp (now, ic_states[s]) == 0 ? 1 : 0);
        }
    }
}

static void
write_health (GString *o, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  family (o, "lmsim_health", "gauge",
          "1 while the condition holds now (reachability: a usable path both ways; DESIGN §7).");
  for (guint ic = 0; ic < lm_metrics_n_interconnects (m); ic++)
    for (int k = 0; k < LM_AVAIL_N; k++)
      {
        int v = lm_metrics_condition (m, ic, (LmAvailKind) k);
        if (v < 0)
          continue;
        g_autoptr (GString) l = ic_labels (run, ic);
        label (l, "condition", condition_labels[k]);
        sample (o, "lmsim_health", l, v);
      }
  family (o, "lmsim_availability_ratio", "gauge",
          "Fraction of the time since the interconnect became available with the condition true.");
  for (guint ic = 0; ic < lm_metrics_n_interconnects (m); ic++)
    for (int k = 0; k < LM_AVAIL_N; k++)
      {
        g_autoptr (GString) l = ic_labels (run, ic);
        label (l, "condition", condition_labels[k]);
        sample (o, "lmsim_availability_ratio", l, lm_metrics_availability (m, ic, (LmAvailKind) k));
      }
}

static void
write_latency (GString *o, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  family (o, "lmsim_latency_seconds", "summary",
          "One-way latency of delivered traffic so far, weighted by traffic (count: packets).");
  for (guint ic = 0; ic < lm_metrics_n_interconnects (m); ic++)
    {
      LmTraffic *t = lm_world_traffic (lm_run_world (run), ic);
      for (guint q = 0; q < G_N_ELEMENTS (quantiles); q++)
        {
          g_autoptr (GString) l = ic_labels (run, ic);
          char num[G_ASCII_DTOSTR_BUF_SIZE];
          label (l, "quantile", g_ascii_formatd (num, sizeof num, "%g", quantiles[q]));
          sample (o, "lmsim_latency_seconds", l, lm_traffic_latency_quantile (t, quantiles[q]));
        }
      double packets = 0;
      for (int d = 0; d < LM_DIR_N; d++)
        packets += lm_traffic_delivered_bits (t, (LmFlowDir) d) / packet_bits (run, ic);
      double mean = lm_traffic_latency_mean (t);
      g_autoptr (GString) l = ic_labels (run, ic);
      sample (o, "lmsim_latency_seconds_sum", l, isnan (mean) ? 0 : mean * packets);
      sample (o, "lmsim_latency_seconds_count", l, packets);
    }
}

static void
write_loss (GString *o, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  guint n = lm_metrics_n_interconnects (m);
  family (o, "lmsim_packets_offered_total", "counter", "Packets offered so far, per direction.");
  for (guint ic = 0; ic < n; ic++)
    for (guint d = 0; d < LM_METRICS_N_DIRS; d++)
      {
        g_autoptr (GString) l = ic_labels (run, ic);
        label (l, "direction", lm_flow_dir_name ((LmFlowDir) d));
        sample (o, "lmsim_packets_offered_total", l,
                lm_metrics_offered_bits (m, ic, d) / packet_bits (run, ic));
      }
  family (o, "lmsim_packets_lost_total", "counter",
          "Packets lost so far, per direction and cause (failover, congestion, policing, macsec, errors).");
  for (guint ic = 0; ic < n; ic++)
    for (guint d = 0; d < LM_METRICS_N_DIRS; d++)
      for (guint c = 0; c < LM_METRICS_N_CAUSES; c++)
        {
          g_autoptr (GString) l = ic_labels (run, ic);
          label (l, "direction", lm_flow_dir_name ((LmFlowDir) d));
          label (l, "cause", lm_loss_cause_name ((LmLossCause) c));
          sample (o, "lmsim_packets_lost_total", l,
                  lm_metrics_lost_bits (m, ic, d, c) / packet_bits (run, ic));
        }
  family (o, "lmsim_loss_ratio", "gauge", "Lost over offered so far, both directions, all causes.");
  for (guint ic = 0; ic < n; ic++)
    {
      g_autoptr (GString) l = ic_labels (run, ic);
      double r = lm_run_loss_ratio (run, ic);
      sample (o, "lmsim_loss_ratio", l, isnan (r) ? 0 : r);
    }
}

static void
write_failures (GString *o, LmRun *run)
{
  LmMetrics *m = lm_run_metrics (run);
  guint n = lm_metrics_n_interconnects (m);
  g_autofree guint *open = g_new0 (guint, n + 1);
  g_autofree guint *total = g_new0 (guint, n + 1);
  for (guint i = 0; i < lm_metrics_n_failures (m); i++)
    {
      const LmFailureMetrics *f = lm_metrics_failure (m, i);
      for (guint ic = 0; ic < n; ic++)
        if (f->interconnect != NULL && strcmp (f->interconnect, lm_metrics_interconnect (m, ic)) == 0)
          {
            total[ic]++;
            open[ic] += f->closed == LM_TIME_MAX;
          }
    }
  family (o, "lmsim_failures_open", "gauge", "Failures open now (scripted, random or injected).");
  for (guint ic = 0; ic < n; ic++)
    {
      g_autoptr (GString) l = ic_labels (run, ic);
      sample (o, "lmsim_failures_open", l, open[ic]);
    }
  family (o, "lmsim_failures_total", "counter", "Failures opened so far.");
  for (guint ic = 0; ic < n; ic++)
    {
      g_autoptr (GString) l = ic_labels (run, ic);
      sample (o, "lmsim_failures_total", l, total[ic]);
    }
}

/* ------------------------------------------------------------ connections */

typedef void (*PathWriter) (GString *o, const GString *base, const LmWorldPathView *v);

static void
for_each_path (GString *o, LmRun *run, PathWriter fn)
{
  LmWorld *w = lm_run_world (run);
  for (guint ic = 0; ic < lm_world_n_interconnects (w); ic++)
    for (guint p = 0; p < lm_world_n_paths (w, ic); p++)
      {
        LmWorldPathView v;
        lm_world_path_view (w, ic, p, &v);
        g_autoptr (GString) l = ic_labels (run, ic);
        char site[2] = { (char) ('A' + v.site), 0 };
        g_autofree char *rp = g_strdup_printf ("rp%u", v.pair + 1);
        label (l, "site", site);
        label (l, "router_pair", rp);
        fn (o, l, &v);
      }
}

static void
path_connection (GString *o, const GString *base, const LmWorldPathView *v)
{
  sample (o, "lmsim_connection_up", base, v->link_up);
}

static void
path_usable (GString *o, const GString *base, const LmWorldPathView *v)
{
  sample (o, "lmsim_connection_usable", base, v->usable);
}

static void
path_macsec (GString *o, const GString *base, const LmWorldPathView *v)
{
  for (int e = 0; e < LM_MACSEC_N_ENDS; e++)
    for (int s = 0; s < LM_MACSEC_N_STATES; s++)
      {
        g_autoptr (GString) l = g_string_new (base->str);
        label (l, "end", lm_macsec_end_name ((LmMacsecEnd) e));
        label (l, "state", lm_macsec_state_name ((LmMacsecState) s));
        sample (o, "lmsim_macsec_state", l, v->macsec[e] == (LmMacsecState) s);
      }
}

static void
path_bgp (GString *o, const GString *base, const LmWorldPathView *v)
{
  for (guint f = 0; f < v->n_families; f++)
    for (int e = 0; e < LM_BGP_N_ENDS; e++)
      for (int s = 0; s < LM_BGP_N_STATES; s++)
        {
          g_autoptr (GString) l = g_string_new (base->str);
          label (l, "family", lm_bgp_family_name (v->family[f]));
          label (l, "end", lm_bgp_end_name ((LmBgpEnd) e));
          label (l, "state", lm_bgp_state_name ((LmBgpState) s));
          sample (o, "lmsim_bgp_session_state", l, v->bgp[f][e] == (LmBgpState) s);
        }
}

static void
path_bfd (GString *o, const GString *base, const LmWorldPathView *v)
{
  for (guint f = 0; v->has_bfd && f < v->n_families; f++)
    for (int e = 0; e < LM_BFD_N_ENDS; e++)
      for (int s = 0; s < LM_BFD_N_STATES; s++)
        {
          g_autoptr (GString) l = g_string_new (base->str);
          label (l, "family", lm_bgp_family_name (v->family[f]));
          label (l, "end", lm_bfd_end_name ((LmBfdEnd) e));
          label (l, "state", lm_bfd_state_name ((LmBfdState) s));
          sample (o, "lmsim_bfd_session_state", l, v->bfd[f][e] == (LmBfdState) s);
        }
}

static void
write_paths (GString *o, LmRun *run)
{
  family (o, "lmsim_connection_up", "gauge",
          "1 while the connection's link has carrier and passes frames.");
  for_each_path (o, run, path_connection);
  family (o, "lmsim_connection_usable", "gauge",
          "1 while the connection is usable: link, MACsec and every family's routes (DESIGN §7).");
  for_each_path (o, run, path_usable);
  family (o, "lmsim_macsec_state", "gauge", "MKA state of each end of the connection, 1 for the current one.");
  for_each_path (o, run, path_macsec);
  family (o, "lmsim_bfd_session_state", "gauge", "BFD state (RFC 5880) of each end, 1 for the current one.");
  for_each_path (o, run, path_bfd);
  family (o, "lmsim_bgp_session_state", "gauge", "BGP FSM state (RFC 4271) of each end, 1 for the current one.");
  for_each_path (o, run, path_bgp);
}

char *
lm_live_metrics_text (LmRun *run, const LmLiveInfo *info)
{
  lm_run_refresh (run);
  GString *o = g_string_sized_new (16384);
  write_run (o, run, info);
  write_state (o, run);
  write_health (o, run);
  write_latency (o, run);
  write_loss (o, run);
  write_failures (o, run);
  write_paths (o, run);
  return g_string_free (o, FALSE);
}
