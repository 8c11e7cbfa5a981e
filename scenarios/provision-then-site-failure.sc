# provision-then-site-failure.sc — site-failure.sc's question (lose site A for
# 30 minutes under 6 Gbps of load), starting from a real provisioning: the
# interconnect is ordered at 0s, becomes available within minutes, and site A
# fails an hour later.  Availability counts from the moment it was available.
scenario "provision-then-site-failure"
seed 42
duration 2h30m
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4 ipv6
    account "netops@example.com"
}
bgp    { hold 90s keepalive 30s bfd 300ms x 3 }
macsec { mode must-encrypt mka-hello 2s mka-life 6s }
traffic ic1 { rate 6Gbps flows 4096 }

at 0s     provision ic1 via console
at 1h     fail site ic1.A
at 1h30m  repair site ic1.A

expect ic1 available within 30m
expect ic1 convergence <= 1s
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.1%
expect ic1 state at 2h == available
