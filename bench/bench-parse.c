/* bench/bench-parse.c — how fast the scenario language reads, and that bad
 * input ends promptly.
 *
 *   build/bench-parse [SCALE]
 *
 * Parses (from memory, all passes: parse, checks, timeline) a generated
 * valid scenario of about 1.5 MB (SCALE=1: 1000 interconnects, 30000 timed
 * actions, 10000 expectations), then a few MB of three kinds of garbage:
 * printable noise in lines, one 3 MB line, and random bytes.  Each is timed
 * (best of 3 runs); the garbage must end with an error in bounded time
 * (the error cap, the line cap, the text check).  The last line is
 * `bytes_per_s=<n>` for the valid scenario.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "sim/scenario.h"

static GString *
valid_scenario (guint scale)
{
  GString *s = g_string_new ("scenario \"bench\"\nseed 1\nduration 1y\n");
  static const char *const metros[] = { "new-york", "chicago", "seattle", "dallas" };
  guint ics = 1000 * scale, pairs = 15000 * scale, expects = 10000 * scale;
  for (guint i = 0; i < ics; i++)
    g_string_append_printf (s, "interconnect ic%u {\n    partner lumen\n    metro %s\n"
                            "    bandwidth 10Gbps\n    gateway gw%u%s\n"
                            "    families ipv4 ipv6\n}\ntraffic ic%u { rate 6Gbps flows 4096 }\n",
                            i, metros[i % 4], i % 50, i < 50 ? " attach transit-gateway" : "", i);
  g_string_append (s, "bgp { hold 9s keepalive 3s bfd 300ms x 3 }\n"
                   "failures { link mtbf 2y mttr lognormal(4h, 2h) }\n");
  for (guint k = 0; k < pairs; k++)
    g_string_append_printf (s, "at %um fail ic%u.%c.rp%u.link\nafter 30s repair ic%u.%c.rp%u.link\n",
                            k % 500000, k % ics, 'A' + k % 2, 1 + k % 2, k % ics, 'A' + k % 2,
                            1 + k % 2);
  for (guint k = 0; k < expects; k++)
    g_string_append_printf (s, "expect ic%u availability >= 99.9%u%%\n", k % ics, k % 10);
  return s;
}

/* Valid lines that make work: 20000 wildcard actions over 2000
 * interconnects, each matching only one; they end at the wildcard cap. */
static GString *
many_wildcards (void)
{
  GString *s = g_string_new ("duration 1y\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (s, "interconnect ic%u { partner lumen metro chicago bandwidth 1Gbps "
                            "gateway g }\n", i);
  g_string_append (s, "interconnect big { partner lumen metro chicago bandwidth 1Gbps gateway g "
                   "sites 3 }\n");
  for (guint k = 0; k < 20000; k++)
    g_string_append_printf (s, "at %um fail *.C\nafter 1s repair *.C\n", k);
  return s;
}

/* Deterministic noise (xorshift), so runs compare. */
static guint64
next (guint64 *x)
{
  *x ^= *x << 13;
  *x ^= *x >> 7;
  *x ^= *x << 17;
  return *x;
}

static GString *
garbage (gsize n, int kind)
{
  GString *s = g_string_sized_new (n);
  guint64 x = 0x9E3779B97F4A7C15u;
  for (gsize i = 0; i < n; i++)
    {
      guint64 r = next (&x);
      char c = kind == 2 ? (char) (r & 0xff)
               : kind == 1 ? 'x'
               : (i % 80 == 79) ? '\n' : (char) (' ' + r % 95);
      g_string_append_c (s, c);
    }
  return s;
}

/* Best of three, in seconds; *@ok is whether it parsed. */
static double
time_parse (const GString *text, gboolean *ok, guint *errors)
{
  double best = G_MAXDOUBLE;
  for (int rep = 0; rep < 3; rep++)
    {
      LmScenarioParser *p = lm_scenario_parser_new ();
      lm_scenario_parser_set_includes (p, FALSE);
      gint64 t0 = g_get_monotonic_time ();
      GError *error = NULL;
      LmScenario *sc = lm_scenario_parser_parse (p, text->str, text->len, "bench.sc", &error);
      gint64 t1 = g_get_monotonic_time ();
      best = MIN (best, (double) (t1 - t0) / 1e6);
      *ok = sc != NULL;
      *errors = lm_scenario_parser_diagnostics (p)->len;
      if (sc == NULL && rep == 0 && *errors == 0)
        fprintf (stderr, "%s\n", error->message);
      g_clear_error (&error);
      lm_scenario_free (sc);
      lm_scenario_parser_free (p);
    }
  return best;
}

int
main (int argc, char **argv)
{
  guint scale = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 1;
  GString *valid = valid_scenario (scale);
  const struct { const char *name; GString *text; gboolean want_ok; } inputs[] = {
    { "valid scenario", valid, TRUE },
    { "printable noise (80-char lines)", garbage (3u << 20, 0), FALSE },
    { "one 3 MB line", garbage (3u << 20, 1), FALSE },
    { "random bytes", garbage (3u << 20, 2), FALSE },
    { "20000 wildcard actions", many_wildcards (), FALSE },
  };
  double valid_bps = 0;
  int rc = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gboolean ok;
      guint errors;
      double s = time_parse (inputs[i].text, &ok, &errors);
      double bps = (double) inputs[i].text->len / MAX (s, 1e-9);
      printf ("%-32s %9zu bytes  %8.4f s  %12.0f bytes/s  %s (%u errors)\n", inputs[i].name,
              inputs[i].text->len, s, bps, ok ? "parsed" : "refused", errors);
      if (ok != inputs[i].want_ok)
        rc = 1;
      if (i == 0)
        valid_bps = bps;
      g_string_free (inputs[i].text, TRUE);
    }
  printf ("bytes_per_s=%.0f\n", valid_bps);
  return rc;
}
