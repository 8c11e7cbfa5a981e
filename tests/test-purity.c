/* tests/test-purity.c — sim/ and models/ depend only on the scenario and its
 * seed: no wall clock, no ambient randomness (STYLE "The kernel"). */
#include <string.h>
#include "tests/lm-test.h"

static const char forbidden[] =
  "\\b(time|clock_gettime|gettimeofday|clock|rand|random|srand|srandom|drand48|"
  "g_get_monotonic_time|g_get_real_time|g_date_time_new_now[a-z_]*|g_timer_[a-z_]+|"
  "g_random_[a-z_]+|g_rand_new|gsl_rng_env_setup|getpid)\\s*\\(";

/* Blanks out comments and string/char literals, keeping line structure. */
static char *
strip_comments_and_strings (const char *src)
{
  char *out = g_strdup (src);
  char *p = out;
  while (*p)
    {
      if (p[0] == '/' && p[1] == '*')
        {
          char *end = strstr (p + 2, "*/");
          char *stop = end ? end + 2 : p + strlen (p);
          for (; p < stop; p++)
            if (*p != '\n')
              *p = ' ';
        }
      else if (p[0] == '/' && p[1] == '/')
        for (; *p && *p != '\n'; p++)
          *p = ' ';
      else if (*p == '"' || *p == '\'')
        {
          char q = *p++;
          for (; *p && *p != q && *p != '\n'; p++)
            {
              if (*p == '\\' && p[1])
                *p++ = ' ';
              *p = ' ';
            }
          if (*p)
            p++;
        }
      else
        p++;
    }
  return out;
}

/* Appends "file:line: text" for every forbidden call in @src. */
static void
scan (const char *file, const char *src, GString *hits)
{
  g_autoptr (GRegex) re = g_regex_new (forbidden, G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *clean = strip_comments_and_strings (src);
  g_auto (GStrv) lines = g_strsplit (clean, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    if (g_regex_match (re, lines[i], 0, NULL))
      g_string_append_printf (hits, "%s:%d: %s\n", file, i + 1, g_strstrip (lines[i]));
}

static void
test_scanner_catches (void)
{
  g_autoptr (GString) hits = g_string_new (NULL);
  scan ("x.c", "int a = 1;\nLmTime t = time (NULL);\n  x = g_random_int ();\n"
               "/* time (NULL) in a comment */ s = \"rand()\"; lm_time_parse (s);\n"
               "gsl_rng_env_setup();\n", hits);
  CU_ASSERT_STRING_EQUAL (hits->str,
                          "x.c:2: LmTime t = time (NULL);\n"
                          "x.c:3: x = g_random_int ();\n"
                          "x.c:5: gsl_rng_env_setup();\n");
}

static void
test_no_wall_clock (void)
{
  const char *dirs[] = { "sim", "models" };
  g_autoptr (GString) hits = g_string_new (NULL);
  int files = 0;
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = lm_test_srcpath (dirs[d]);
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      if (dir == NULL)
        continue;
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h"))
            continue;
          g_autofree char *file = g_build_filename (path, name, NULL);
          g_autofree char *src = NULL;
          CU_ASSERT_FATAL (g_file_get_contents (file, &src, NULL, NULL));
          scan (file, src, hits);
          files++;
        }
    }
  CU_ASSERT (files >= 4);
  if (hits->len > 0)
    fprintf (stderr, "\nwall clock or ambient randomness:\n%s", hits->str);
  CU_ASSERT_EQUAL (hits->len, 0);
}

LM_SUITE (purity) = {
  { "the scanner flags wall-clock and ambient-random calls", test_scanner_catches },
  { "sim/ and models/ never read the wall clock or ambient randomness", test_no_wall_clock },
  CU_TEST_INFO_NULL,
};
