# hold-timer-failover.sc — the same silent failure without BFD: the BGP hold
# timer (90 s) is all that notices, so traffic hashed onto the dead
# connection is lost for 60 to 90 s.  The ~90 s lesson.
scenario "hold-timer-failover"
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
bgp { bfd off }
traffic ic1 { rate 4Gbps flows 4096 }

at 15m    fail link ic1.B.rp2.link silent
at 45m    repair link ic1.B.rp2.link

expect ic1 convergence <= 91s
expect ic1 availability >= 99.9%
expect ic1 loss <= 1%
