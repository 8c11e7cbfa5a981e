# site-failure.sc — lose site A for 30 minutes under 6 Gbps of load
scenario "site-failure"
seed 42
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4 ipv6
}
bgp    { hold 90s keepalive 30s bfd 300ms x 3 }
macsec { mode must-encrypt mka-hello 2s mka-life 6s }
traffic ic1 { rate 6Gbps flows 4096 }

at 30m    fail site ic1.A
at 60m    repair site ic1.A

expect ic1 convergence <= 1s
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.1%
expect ic1 state at 1h30m == available
