# compare-designs.sc — what each extra site and router pair buys.
#
# The 1 x 1, 1 x 2, 2 x 1 and 2 x 2 designs of one 10 Gbps interconnect
# under the published failure data (`preset default`: router pairs MTBF
# 1698.43 h, MTTR 1.3709 h; sites MTBF 43,800 h, MTTR 8 h; exponential —
# ../shared/reference/failure-data.md §3.2), 500 simulated years each, in
# one table ranked by reachability.  Every design sees the same random
# streams per replication (common random numbers), so the differences are
# the designs', not the dice's.  Add `--analytic` for the exact component
# availability beside each, `--csv DIR` / `--json F` for the numbers.
scenario "compare-designs"
seed 7
duration 1y
replications 500
sweep "sites=1,2"
sweep "pairs-per-site=1,2"
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

failures { preset default }

# A floor every design meets; the table says by how much each clears it.
expect ic1 availability >= 99.8%
