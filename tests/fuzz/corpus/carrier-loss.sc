# carrier-loss.sc — a fibre cut: loss of signal at both ends.  Interfaces go
# down within milliseconds, BGP tears down at once (no timer to wait for).
scenario "carrier-loss"
seed 3
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro seattle
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 6Gbps flows 4096 }

at 20m    fail link ic1.A.rp2.link carrier
at 50m    repair link ic1.A.rp2.link

expect ic1 convergence <= 500ms
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.01%
