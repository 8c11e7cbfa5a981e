# link-flap.sc — a connection flaps: down 20 s, up 20 s, for 10 minutes.
# Each flap costs a detection and a re-establishment; the others carry on.
scenario "link-flap"
seed 17
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

at 10m    flap link ic1.A.rp1.link every 20s for 10m

expect ic1 convergence <= 1.5s
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.05%
