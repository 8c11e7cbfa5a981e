# The 2 × 2 design under the default failure data (docs/availability.md):
# its component availability is too high for plain simulation to measure
# (one outage in about 13,000 years), so it is estimated by the rare-event
# method (issue 8):  lmsim scenarios/rare/default-2x2.sc
scenario "default-2x2"
duration 1h
interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    sites 2
    pairs-per-site 2
}
failures { preset default }
rare { method rare  bias 0.5  target 1%  denominator sim }
