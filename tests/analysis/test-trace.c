/* tests/analysis/test-trace.c — the trace is exact JSON lines. */
#include "tests/lm-test.h"
#include "analysis/trace.h"

static void
emit (LmSim *sim, gpointer data)
{
  lm_sim_emit_state (sim, "ic1.A.rp1.bgp.ipv4.cloud", "bgp", 5, "established", 0, "idle",
                     "bfd \"down\"");
  lm_sim_emit_sample (sim, "ic1", "detect", 1);   /* samples are not traced */
  lm_sim_emit_state (sim, "f1", "failure", 0, "closed", 1, "open", NULL);
}

static void
test_trace_lines (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (LmTrace) trace = lm_trace_new (sim);
  lm_sim_schedule (sim, LM_MS (1800500), emit, NULL);
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (lm_trace_lines (trace), 2);
  CU_ASSERT_STRING_EQUAL (lm_trace_text (trace),
    "{\"t_ns\":1800500000000,\"t\":\"30m0.5s\",\"component\":\"ic1.A.rp1.bgp.ipv4.cloud\","
    "\"what\":\"bgp\",\"from\":\"established\",\"to\":\"idle\",\"cause\":\"bfd \\\"down\\\"\"}\n"
    "{\"t_ns\":1800500000000,\"t\":\"30m0.5s\",\"component\":\"f1\",\"what\":\"failure\","
    "\"from\":\"closed\",\"to\":\"open\",\"cause\":null}\n");
}

LM_SUITE (analysis_trace) = {
  { "every state change becomes one exact JSON line", test_trace_lines },
  CU_TEST_INFO_NULL,
};
