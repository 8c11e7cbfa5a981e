# bench/year-2x2.sc — year-of-failures.sc without its expectations, for
# bench/scale.sh (mpirun adds ~2 s to a job whose rank exits non-zero, which
# these budgets do at 20,000 years).  One simulated year of the 2 x 2 design under the
# published failure data (../shared/reference/failure-data.md §3.2, the
# "default" set): router pairs MTBF 1698.43 h, MTTR 1.3709 h; sites MTBF
# 43,800 h, MTTR 8 h; exponential.  One replication: a plausible year, not a
# statistic — Monte Carlo replications come with the runner.
scenario "year-2x2"
seed 2026
duration 1y
include "../scenarios/common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

failures {
    router-pair mtbf 1698.43h mttr exp(1.3709h)
    site        mtbf 43800h   mttr exp(8h)
}

