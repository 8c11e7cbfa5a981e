# silent-link-failure.sc — a connection goes silent (no loss of signal: a
# failed transponder keeps the laser lit).  Only BFD notices: detection lies
# in (0.6, 0.9] s for 300 ms x 3.
scenario "silent-link-failure"
seed 11
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

at 15m    fail link ic1.B.rp2.link silent
at 45m    repair link ic1.B.rp2.link

expect ic1 convergence <= 1.5s
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.01%
