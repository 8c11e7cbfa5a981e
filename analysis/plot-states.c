/* analysis/plot-states.c — the state timeline (states.gp): one row per
 * connection and layer — link, MACsec, then BFD and BGP per family — each
 * interval coloured by what it means for traffic.  A row shows the worse of
 * its two ends (cloud and partner); states.csv (--csv) keeps each end.
 */
#include "analysis/plot-private.h"

#include <string.h>

typedef enum { CLASS_UP, CLASS_COMING, CLASS_ADMIN, CLASS_DOWN, CLASS_N } Class;

static const guint class_rgb[] = { 0x4daf4a, 0xffb000, 0x9e9e9e, 0xe41a1c };
static const char *const class_title[] = {
  [CLASS_UP] = "up (Established, Up, secured, rekeying)",
  [CLASS_COMING] = "coming up (Connect, Active, OpenSent, OpenConfirm, Init, MKA discovering)",
  [CLASS_ADMIN] = "administratively down: crashed end, connection not built",
  [CLASS_DOWN] = "down (Idle, Down, MACsec idle, link or router failed)",
};
G_STATIC_ASSERT (G_N_ELEMENTS (class_rgb) == CLASS_N);
G_STATIC_ASSERT (G_N_ELEMENTS (class_title) == CLASS_N);

static Class
class_of (const char *state)
{
  static const char *const up[] = { "up", "secured", "rekeying", "Up", "Established", NULL };
  static const char *const admin[] = { "AdminDown", "not-built", NULL };
  static const char *const down[] = { "Idle", "Down", "idle", NULL };
  if (g_strv_contains (up, state))
    return CLASS_UP;
  if (g_strv_contains (admin, state))
    return CLASS_ADMIN;
  if (g_strv_contains (down, state) || g_str_has_suffix (state, "-failed"))
    return CLASS_DOWN;
  return CLASS_COMING;
}

typedef struct {
  char *key;          /* the component less its end, or the connection for link */
  char *label;        /* "ic1.A.rp1  BGP ipv4" */
  const char *connection;
  GArray *tracks;     /* guint */
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;
  g_free (r->key);
  g_free (r->label);
  g_array_unref (r->tracks);
  g_free (r);
}

static char *
row_label (const char *component, const char *kind, const char *connection)
{
  if (strcmp (kind, "link") == 0)
    return g_strdup_printf ("%s  link", connection);
  if (strcmp (kind, "macsec") == 0)
    return g_strdup_printf ("%s  MACsec", connection);
  const char *bgp = strstr (component, ".bgp.");
  g_autofree char *family = bgp ? g_strndup (bgp + 5, strcspn (bgp + 5, ".")) : g_strdup ("");
  return g_strdup_printf ("%s  %s %s", connection, strcmp (kind, "bfd") == 0 ? "BFD" : "BGP",
                          family);
}

/* Rows in the series' component order; both ends of a session share one. */
static GPtrArray *
make_rows (const LmSeries *s)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  for (guint t = 0; t < lm_series_n_components (s); t++)
    {
      const char *kind, *connection;
      const char *component = lm_series_component (s, t, &kind, &connection);
      const char *dot = strrchr (component, '.');
      g_autofree char *key = strcmp (kind, "link") == 0 || dot == NULL
                               ? g_strdup (component)
                               : g_strndup (component, (gsize) (dot - component));
      Row *row = NULL;
      for (guint i = 0; i < rows->len && row == NULL; i++)
        if (strcmp (((Row *) rows->pdata[i])->key, key) == 0)
          row = rows->pdata[i];
      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->key = g_steal_pointer (&key);
          row->label = row_label (component, kind, connection);
          row->connection = connection;
          row->tracks = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (rows, row);
        }
      g_array_append_val (row->tracks, t);
    }
  return rows;
}

/* The class of track @t at @when; -1 when it has no interval there.
 * Intervals are by track then time: @from is where @t's start. */
static int
class_at (const GArray *ivs, guint from, guint t, LmTime when)
{
  for (guint i = from; i < ivs->len; i++)
    {
      const LmSeriesInterval *iv = &g_array_index (ivs, LmSeriesInterval, i);
      if (iv->track != t || iv->from > when)
        break;
      if (when < iv->to)
        return class_of (iv->state);
    }
  return -1;
}

static gint
cmp_time (gconstpointer a, gconstpointer b)
{
  LmTime x = *(const LmTime *) a, y = *(const LmTime *) b;
  return x < y ? -1 : x > y;
}

static void
emit_segment (GString *dat[2], double unit, guint y, LmTime from, LmTime to, int cls)
{
  GString *out = dat[cls != CLASS_UP];
  lm_out_double (out, LM_TIME_TO_S (from) / unit);
  g_string_append_c (out, ' ');
  lm_out_double (out, LM_TIME_TO_S (to) / unit);
  g_string_append_printf (out, " %u %u\n", y, class_rgb[cls]);
}

/* One row's segments: between every two boundaries of its ends'
 * intervals, the worse class; equal neighbours merged. */
static void
row_segments (const LmSeries *s, const Row *row, guint y, const guint *first, double unit,
              GString *dat[2])
{
  const GArray *ivs = lm_series_intervals (s);
  g_autoptr (GArray) cuts = g_array_new (FALSE, FALSE, sizeof (LmTime));
  for (guint k = 0; k < row->tracks->len; k++)
    {
      guint t = g_array_index (row->tracks, guint, k);
      for (guint i = first[t]; i < ivs->len && g_array_index (ivs, LmSeriesInterval, i).track == t; i++)
        {
          g_array_append_val (cuts, g_array_index (ivs, LmSeriesInterval, i).from);
          g_array_append_val (cuts, g_array_index (ivs, LmSeriesInterval, i).to);
        }
    }
  g_array_sort (cuts, cmp_time);
  int open_cls = -1;
  LmTime open_at = 0;
  for (guint i = 0; i + 1 < cuts->len; i++)
    {
      LmTime a = g_array_index (cuts, LmTime, i), b = g_array_index (cuts, LmTime, i + 1);
      if (a == b)
        continue;
      int worst = -1;
      for (guint k = 0; k < row->tracks->len; k++)
        {
          guint t = g_array_index (row->tracks, guint, k);
          worst = MAX (worst, class_at (ivs, first[t], t, a));
        }
      if (worst != open_cls)
        {
          if (open_cls >= 0)
            emit_segment (dat, unit, y, open_at, a, open_cls);
          open_cls = worst;
          open_at = a;
        }
    }
  if (open_cls >= 0 && cuts->len > 0)
    emit_segment (dat, unit, y, open_at, g_array_index (cuts, LmTime, cuts->len - 1), open_cls);
}

static void
rows_axis (GString *gp, const GPtrArray *rows)
{
  g_string_append_printf (gp, "set yrange [%u.6:-0.6]\nset ytics font \",9\" (", rows->len - 1);
  for (guint i = 0; i < rows->len; i++)
    {
      g_string_append (gp, i ? ", " : "");
      lm_plot_quote (gp, ((Row *) rows->pdata[i])->label);
      g_string_append_printf (gp, " %u", i);
    }
  g_string_append (gp, ")\nset grid noytics\n");
  for (guint i = 1; i < rows->len; i++)   /* a rule between connections */
    if (strcmp (((Row *) rows->pdata[i])->connection, ((Row *) rows->pdata[i - 1])->connection) != 0)
      g_string_append_printf (gp, "set arrow from graph 0, first %u.5 to graph 1, first %u.5 "
                              "nohead lc rgb \"#888888\" lw 1 front\n", i - 1, i - 1);
}

GString *
lm_plot_states_script (const LmSeries *s, double unit, const char *prelude, const char *extra,
                       LmOutFiles *files)
{
  g_autoptr (GPtrArray) rows = make_rows (s);
  const GArray *ivs = lm_series_intervals (s);
  g_autofree guint *first = g_new0 (guint, lm_series_n_components (s) + 1);
  for (guint i = ivs->len; i > 0; i--)
    first[g_array_index (ivs, LmSeriesInterval, i - 1).track] = i - 1;
  GString *dat[2] = { g_string_new ("# from to row colour — up\n"),
                      g_string_new ("# from to row colour — not up\n") };
  for (guint y = 0; y < rows->len; y++)
    row_segments (s, rows->pdata[y], y, first, unit, dat);
  g_string_append (dat[0], "\n\n");
  g_string_append_len (dat[0], dat[1]->str, (gssize) dat[1]->len);
  g_string_free (dat[1], TRUE);
  lm_out_files_take (files, "states.dat", g_string_free (dat[0], FALSE));
  GString *gp = lm_plot_script_begin (
    "states", "State of every connection over time: link, MACsec, BFD and BGP "
    "(a row shows the worse of its cloud and partner ends)",
    1200, MAX (420, 170 + 24 * rows->len));
  g_string_append (gp, prelude);
  rows_axis (gp, rows);
  double span = 0;
  if (ivs->len > 0)
    span = LM_TIME_TO_S (lm_series_end (s)) / unit;
  g_string_append_printf (gp, "set key at screen 0.5, screen 0.015 center bottom horizontal "
                          "maxrows 3 width -6 font \",9\"\nset bmargin 9\nset tmargin 4\n"
                          "w = %.9g   # shorter intervals are drawn this wide to be seen\n"
                          "plot \"states.dat\" index 0 using (($1+$2)/2):3:(($2-$1)/2):(0.36):4 "
                          "with boxxyerror fs solid 1 noborder lc rgb variable notitle, \\\n"
                          "     \"states.dat\" index 1 using (($1+$2)/2):3:(($2-$1)/2 < w ? w : "
                          "($2-$1)/2):(0.36):4 with boxxyerror fs solid 1 noborder lc rgb variable "
                          "notitle", span * 0.0008);
  for (int k = 0; k < CLASS_N; k++)
    g_string_append_printf (gp, ", \\\n     keyentry with boxes fs solid 1 noborder "
                            "fc rgb \"#%06x\" title \"%s\"", class_rgb[k], class_title[k]);
  g_string_append_printf (gp, "%s\n", extra);
  return gp;
}
