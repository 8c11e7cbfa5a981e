/* tests/sim/test-time.c — durations: exact parsing, canonical and human forms.
 *
 * Tables of good and bad inputs with their exact values and error codes;
 * round trips of lm_time_to_string through lm_time_parse over edge values
 * and random values from a fixed seed; the human form's cases.
 */
#include <math.h>
#include <string.h>
#include "sim/time.h"
#include "tests/lm-test.h"

#define SENTINEL G_GINT64_CONSTANT (-123456789)

typedef struct {
  const char *text;
  LmTime ns;
} GoodCase;

static const GoodCase good[] = {
  { "0s", 0 },
  { "0ns", 0 },
  { "1ns", 1 },
  { "1us", 1000 },
  { "1ms", 1000000 },
  { "1s", LM_S (1) },
  { "1m", LM_MIN (1) },
  { "1h", LM_H (1) },
  { "1d", LM_D (1) },
  { "1y", LM_D (365) },
  { "90s", LM_S (90) },
  { "300ms", LM_MS (300) },
  { "1.5s", LM_MS (1500) },
  { "0.1s", LM_MS (100) },
  { "1h30m", LM_MIN (90) },
  { "2d4h", LM_H (52) },
  { "1m0.5s", LM_MS (60500) },
  { "1s500ms", LM_MS (1500) },
  { "1y35d", LM_D (400) },
  { "1d1h1m1.000000001s", LM_D (1) + LM_H (1) + LM_MIN (1) + LM_S (1) + 1 },
  { "1.5ms", LM_US (1500) },
  { "1.5us", 1500 },
  { "0.5m", LM_S (30) },
  { "0.25h", LM_MIN (15) },
  { "1.5d", LM_H (36) },
  { "0.5y", LM_D (365) / 2 },
  { "0.000000001s", 1 },
  { "0.0000000000005y", 15768 },              /* 31536e12 * 5e-13: exact though 13 places */
  { "1.000000000000000000000s", LM_S (1) },   /* trailing zeros are not precision */
  { "000000000000000000000042ns", 42 },       /* leading zeros do not overflow */
  { "01h", LM_H (1) },
  { "1h0m0s", LM_H (1) },
  { "2h45m30s250ms", LM_H (2) + LM_MIN (45) + LM_S (30) + LM_MS (250) },
  { "1s1ms1us1ns", LM_S (1) + LM_MS (1) + LM_US (1) + 1 },
  { "10y", LM_Y (10) },
  { "292y", LM_Y (292) },
  { "9223372036854775807ns", LM_TIME_MAX },
  { "9223372036.854775807s", LM_TIME_MAX },
  { "292y171d23h47m16.854775807s", LM_TIME_MAX },
  { "106751d23h47m16.854775807s", LM_TIME_MAX },
  { "1.25s", LM_MS (1250) },
  { "12.5us", 12500 },
};

typedef struct {
  const char *text;
  LmTimeError code;
  const char *needle;   /* a phrase the message must contain */
} BadCase;

static const BadCase bad[] = {
  { "", LM_TIME_ERROR_SYNTAX, "empty" },
  { "90", LM_TIME_ERROR_SYNTAX, "'90' needs a unit, e.g. 90s" },
  { "1.5", LM_TIME_ERROR_SYNTAX, "e.g. 1.5s" },
  { "1h30", LM_TIME_ERROR_SYNTAX, "e.g. 1h30m" },
  { "1ns5", LM_TIME_ERROR_SYNTAX, "no unit" },
  { "5x", LM_TIME_ERROR_SYNTAX,
    "unknown unit 'x' in '5x' (expected ns, us, ms, s, m, h, d or y)" },
  { "5min", LM_TIME_ERROR_SYNTAX, "did you mean 'm'" },
  { "5sec", LM_TIME_ERROR_SYNTAX, "did you mean 's'" },
  { "5µs", LM_TIME_ERROR_SYNTAX, "did you mean 'us'" },
  { "5S", LM_TIME_ERROR_SYNTAX, "unknown unit 'S'" },
  { "5ps", LM_TIME_ERROR_SYNTAX, "unknown unit 'ps'" },
  { "30m1h", LM_TIME_ERROR_SYNTAX, "out of order" },
  { "1s1h", LM_TIME_ERROR_SYNTAX, "out of order" },
  { "1ms1s", LM_TIME_ERROR_SYNTAX, "out of order" },
  { "1s1s", LM_TIME_ERROR_SYNTAX, "twice" },
  { "1h30m1h", LM_TIME_ERROR_SYNTAX, "out of order" },
  { "-5s", LM_TIME_ERROR_SYNTAX, "negative" },
  { "-0s", LM_TIME_ERROR_SYNTAX, "negative" },
  { "+5s", LM_TIME_ERROR_SYNTAX, "not a duration" },
  { "1h-5m", LM_TIME_ERROR_SYNTAX, "unexpected '-'" },
  { " 5s", LM_TIME_ERROR_SYNTAX, "space" },
  { "5s ", LM_TIME_ERROR_SYNTAX, "space" },
  { "5 s", LM_TIME_ERROR_SYNTAX, "space" },
  { "1h 30m", LM_TIME_ERROR_SYNTAX, "space" },
  { "5s\n", LM_TIME_ERROR_SYNTAX, "space" },
  { "abc", LM_TIME_ERROR_SYNTAX, "'abc' is not a duration" },
  { "s", LM_TIME_ERROR_SYNTAX, "not a duration" },
  { "h1", LM_TIME_ERROR_SYNTAX, "not a duration" },
  { ".5s", LM_TIME_ERROR_SYNTAX, "digit before" },
  { "1h.5m", LM_TIME_ERROR_SYNTAX, "digit before" },
  { "1.s", LM_TIME_ERROR_SYNTAX, "not followed by a digit" },
  { "1.5.3s", LM_TIME_ERROR_SYNTAX, "unexpected '.'" },
  { "1e3s", LM_TIME_ERROR_SYNTAX, "unknown unit 'e'" },
  { "1,5s", LM_TIME_ERROR_SYNTAX, "write decimals with '.'" },
  { "1h,5m", LM_TIME_ERROR_SYNTAX, "unexpected ','" },
  { "5s!", LM_TIME_ERROR_SYNTAX, "unexpected '!'" },
  { "0x10s", LM_TIME_ERROR_SYNTAX, "unknown unit 'x'" },
  { "300y", LM_TIME_ERROR_RANGE, "duration '300y' is too large (at most 292y)" },
  { "293y", LM_TIME_ERROR_RANGE, "too large" },
  { "9999999999999999999s", LM_TIME_ERROR_RANGE, "too large" },
  { "99999999999999999999999999999999ns", LM_TIME_ERROR_RANGE, "too large" },
  { "18446744073709551616ns", LM_TIME_ERROR_RANGE, "too large" },      /* 2^64: must not wrap */
  { "18446744073709551617ns", LM_TIME_ERROR_RANGE, "too large" },
  { "9223372036854775808ns", LM_TIME_ERROR_RANGE, "too large" },       /* LM_TIME_MAX + 1 */
  { "9223372036.854775808s", LM_TIME_ERROR_RANGE, "too large" },
  { "292y171d23h47m16.854775808s", LM_TIME_ERROR_RANGE, "too large" }, /* sum overflows */
  { "292y172d", LM_TIME_ERROR_RANGE, "too large" },
  { "1.5ns", LM_TIME_ERROR_PRECISION, "finer than one nanosecond" },
  { "0.0000000001s", LM_TIME_ERROR_PRECISION, "finer than one nanosecond" },
  { "1.0001us", LM_TIME_ERROR_PRECISION, "finer" },
  { "0.00000000000000000000000001y", LM_TIME_ERROR_PRECISION, "finer" },
  { "0.00000000000007y", LM_TIME_ERROR_PRECISION, "finer" },
  { "1s0.5ns", LM_TIME_ERROR_PRECISION, "finer" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (good) >= 30);
G_STATIC_ASSERT (G_N_ELEMENTS (bad) >= 30);

static void
test_parse_good (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      LmTime t = SENTINEL;
      gboolean ok = lm_time_parse (good[i].text, &t, &error);
      if (!ok || t != good[i].ns)
        fprintf (stderr, "\n  '%s': ok=%d got %" G_GINT64_FORMAT " want %" G_GINT64_FORMAT " (%s)",
                 good[i].text, ok, t, good[i].ns, error ? error->message : "");
      CU_ASSERT_TRUE (ok);
      CU_ASSERT_PTR_NULL (error);
      CU_ASSERT_EQUAL (t, good[i].ns);
    }
}

static void
test_parse_bad (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      LmTime t = SENTINEL;
      gboolean ok = lm_time_parse (bad[i].text, &t, &error);
      gboolean right = !ok && error != NULL && g_error_matches (error, LM_TIME_ERROR, bad[i].code)
                       && strstr (error->message, bad[i].needle) != NULL;
      if (!right)
        fprintf (stderr, "\n  '%s': ok=%d code=%d want %d, message '%s' lacks '%s'", bad[i].text,
                 ok, error ? error->code : -1, bad[i].code, error ? error->message : "",
                 bad[i].needle);
      CU_ASSERT_FALSE (ok);
      CU_ASSERT_TRUE (right);
      CU_ASSERT_EQUAL (t, SENTINEL);   /* *out untouched */
    }
}

/* Messages are for people: no location prefix, no raw control bytes. */
static void
test_error_messages_clean (void)
{
  const char *texts[] = { "5x", "\x01s", "1h\t30m", "300y", "1.5ns",
                          "99999999999999999999999999999999999999999999999999999999999999999999x" };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      LmTime t;
      CU_ASSERT_FALSE (lm_time_parse (texts[i], &t, &error));
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      CU_ASSERT_FALSE (g_regex_match_simple ("^[^ ]*:[0-9]+:", error->message, 0, 0));
      CU_ASSERT_TRUE (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        CU_ASSERT_FALSE ((guchar) *p < 0x20);
      CU_ASSERT_TRUE (strlen (error->message) < 200);
    }
}

/* A NULL error pointer is allowed and still reports failure. */
static void
test_parse_null_error (void)
{
  LmTime t = SENTINEL;
  CU_ASSERT_FALSE (lm_time_parse ("5x", &t, NULL));
  CU_ASSERT_EQUAL (t, SENTINEL);
  CU_ASSERT_TRUE (lm_time_parse ("5s", &t, NULL));
  CU_ASSERT_EQUAL (t, LM_S (5));
}

typedef struct {
  LmTime ns;
  const char *text;
} FormatCase;

static const FormatCase canonical[] = {
  { 0, "0s" },
  { 1, "1ns" },
  { 999, "999ns" },
  { 1000, "1us" },
  { 1500, "1.5us" },
  { 1001, "1.001us" },
  { LM_MS (300), "300ms" },
  { LM_US (1500), "1.5ms" },
  { 999999999, "999.999999ms" },
  { LM_MS (1500), "1.5s" },
  { LM_S (1), "1s" },
  { LM_S (1) + 1, "1.000000001s" },
  { LM_S (90), "1m30s" },
  { LM_MIN (90), "1h30m" },
  { LM_H (1) + LM_MS (5), "1h0.005s" },
  { LM_D (400), "1y35d" },
  { LM_D (1) + LM_H (1) + LM_MIN (1) + LM_S (1) + 1, "1d1h1m1.000000001s" },
  { LM_TIME_MAX, "292y171d23h47m16.854775807s" },
  { -LM_MS (1500), "-1.5s" },
};

static void
test_to_string_cases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (canonical); i++)
    {
      g_autofree char *s = lm_time_to_string (canonical[i].ns);
      if (strcmp (s, canonical[i].text) != 0)
        fprintf (stderr, "\n  %" G_GINT64_FORMAT ": got '%s' want '%s'", canonical[i].ns, s,
                 canonical[i].text);
      CU_ASSERT_STRING_EQUAL (s, canonical[i].text);
    }
}

/* 64 random bits; two statements, since the order in which the operands
 * of one expression are evaluated is unspecified. */
static guint64
random_u64 (GRand *rand)
{
  guint64 hi = g_rand_int (rand);
  return hi << 32 | g_rand_int (rand);
}

/* A random value >= 0 of @bits_min .. @bits_max - 1 significant bits. */
static LmTime
random_time (GRand *rand, int bits_min, int bits_max)
{
  int bits = g_rand_int_range (rand, bits_min, bits_max);
  return (LmTime) (random_u64 (rand) >> (64 - bits));
}

static gboolean
round_trips (LmTime t)
{
  g_autofree char *s = lm_time_to_string (t);
  LmTime back = SENTINEL;
  g_autoptr (GError) error = NULL;
  if (!lm_time_parse (s, &back, &error) || back != t)
    {
      fprintf (stderr, "\n  %" G_GINT64_FORMAT " -> '%s' -> %" G_GINT64_FORMAT " (%s)", t, s, back,
               error ? error->message : "");
      return FALSE;
    }
  return TRUE;
}

static void
test_round_trip_edges (void)
{
  const LmTime edges[] = { 0, 1, 999, 1000, 1001, 999999, 1000000, 999999999, LM_S (1),
                           LM_S (1) - 1, LM_S (1) + 1, LM_MIN (1) - 1, LM_MIN (1), LM_H (1) - 1,
                           LM_D (1) - 1, LM_Y (1) - 1, LM_Y (1), LM_Y (1) + 1, LM_Y (292),
                           LM_TIME_MAX, LM_TIME_MAX - 1, LM_TIME_MAX / 2,
                           (LmTime) 1 << 62, ((LmTime) 1 << 53) + 1 };
  for (gsize i = 0; i < G_N_ELEMENTS (edges); i++)
    CU_ASSERT_TRUE (round_trips (edges[i]));
  for (int b = 0; b < 63; b++)
    {
      CU_ASSERT_TRUE (round_trips ((LmTime) 1 << b));
      CU_ASSERT_TRUE (round_trips (((LmTime) 1 << b) - 1));
    }
}

/* Random values at every magnitude (uniform exponent, uniform mantissa),
 * plus values that are whole units, from a fixed seed. */
static void
test_round_trip_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240607);
  long n = lm_test_size (200000, 20000);
  long failures = 0;
  for (long i = 0; i < n && failures < 10; i++)
    {
      LmTime t = random_time (rand, 1, 64);
      if (i % 4 == 0)
        t -= t % LM_S (1);   /* whole seconds: the y/d/h/m forms */
      if (!round_trips (t))
        failures++;
    }
  CU_ASSERT_EQUAL (failures, 0);
}

/* The canonical form is the shortest in its family: no zero terms, no
 * trailing zeros in a fraction. */
static void
test_to_string_canonical (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GRegex) bad_form = g_regex_new ("(^|[a-z])0[a-z]|\\.[0-9]*0[a-z]", 0, 0, NULL);
  for (int i = 0; i < 20000; i++)
    {
      LmTime t = random_time (rand, 1, 64);
      if (t == 0)
        continue;
      g_autofree char *s = lm_time_to_string (t);
      gboolean bad_s = g_regex_match (bad_form, s, 0, NULL);
      if (bad_s)
        fprintf (stderr, "\n  non-canonical '%s'", s);
      CU_ASSERT_FALSE (bad_s);
    }
}

static const FormatCase human[] = {
  { 0, "0 s" },
  { 1, "1 ns" },
  { 850, "850 ns" },
  { 999, "999 ns" },
  { 1000, "1 µs" },
  { 12500, "12.5 µs" },
  { 12549, "12.5 µs" },
  { 12550, "12.6 µs" },
  { 9996, "10 µs" },            /* rounding carries into the next digit */
  { 999600, "1 ms" },           /* … and into the next unit */
  { LM_MS (812), "812 ms" },
  { LM_MS (1250), "1.25 s" },
  { LM_MS (1500), "1.5 s" },
  { LM_MS (42100), "42.1 s" },
  { LM_MS (42149), "42.1 s" },
  { LM_MS (59940), "59.9 s" },
  { LM_MS (59960), "1m" },
  { LM_MIN (1), "1m" },
  { LM_MIN (12) + LM_S (30), "12m30s" },
  { LM_MIN (12) + LM_MS (30400), "12m30s" },
  { LM_MIN (59) + LM_MS (59600), "1h" },
  { LM_MIN (90), "1h30m" },
  { LM_H (1) + LM_S (30), "1h1m" },   /* half up */
  { LM_D (2) + LM_H (3), "2d3h" },
  { LM_D (2) + LM_H (3) + LM_MIN (29), "2d3h" },
  { LM_H (23) + LM_MIN (59), "23h59m" },
  { LM_H (23) + LM_MIN (59) + LM_S (40), "1d" },
  { LM_D (377), "1y12d" },
  { LM_D (364) + LM_H (23), "364d23h" },
  { LM_D (364) + LM_H (23) + LM_MIN (40), "1y" },
  { LM_TIME_MAX, "292y172d" },
  { -LM_MS (1250), "-1.25 s" },
  { -LM_MIN (90), "-1h30m" },
  { G_MININT64, "-292y172d" },
};

static void
test_human_cases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (human); i++)
    {
      char buf[LM_TIME_HUMAN_LEN];
      memset (buf, 'x', sizeof buf);
      char *r = lm_time_human (human[i].ns, buf);
      CU_ASSERT_PTR_EQUAL (r, buf);
      CU_ASSERT_PTR_NOT_NULL (memchr (buf, '\0', sizeof buf));
      if (strcmp (buf, human[i].text) != 0)
        fprintf (stderr, "\n  %" G_GINT64_FORMAT ": got '%s' want '%s'", human[i].ns, buf,
                 human[i].text);
      CU_ASSERT_STRING_EQUAL (buf, human[i].text);
    }
}

/* Every value gives a short, terminated string; below 59.95 s (which would
 * round to "60 s" and is shown as "1m") its reading is within 0.5 % of the
 * value (three significant digits). */
static void
test_human_precision (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);
  for (int i = 0; i < 20000; i++)
    {
      LmTime t = random_time (rand, 1, 37);   /* up to about 69 s */
      char buf[LM_TIME_HUMAN_LEN];
      lm_time_human (t, buf);
      CU_ASSERT_TRUE (strlen (buf) < LM_TIME_HUMAN_LEN);
      double value;
      char unit[8] = "";
      if (t >= LM_MS (59950) || sscanf (buf, "%lf %7s", &value, unit) != 2)
        continue;
      double scale = strcmp (unit, "ns") == 0 ? 1 : strcmp (unit, "µs") == 0 ? 1e3
                   : strcmp (unit, "ms") == 0 ? 1e6 : 1e9;
      CU_ASSERT_TRUE (unit[0] != '\0' && strchr ("nµms", unit[0]) != NULL);
      CU_ASSERT_TRUE (fabs (value * scale - (double) t) <= 0.005 * (double) t);
    }
}

LM_SUITE (sim_time) = {
  { "good durations parse to exact nanoseconds", test_parse_good },
  { "bad durations fail with the right code and leave *out alone", test_parse_bad },
  { "error messages are clean and carry no location", test_error_messages_clean },
  { "parse works without a GError", test_parse_null_error },
  { "canonical form of known values", test_to_string_cases },
  { "canonical form round-trips at edge values", test_round_trip_edges },
  { "canonical form round-trips random values", test_round_trip_random },
  { "canonical form has no zero terms or trailing zeros", test_to_string_canonical },
  { "human form of known values", test_human_cases },
  { "human form keeps three significant digits", test_human_precision },
  CU_TEST_INFO_NULL,
};
