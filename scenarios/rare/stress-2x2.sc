# The 2 × 2 design under the "stress" failure data (validation only):
# outages are frequent, so plain simulation sees them; --method auto runs a
# pilot of both methods and picks the cheaper per criterion (issue 8).
#   lmsim scenarios/rare/stress-2x2.sc
scenario "stress-2x2"
duration 1h
interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    sites 2
    pairs-per-site 2
}
failures { preset stress }
rare { method auto  bias 0.5  target 1%  denominator sim }
