# maintenance-drain.sc — planned maintenance of site B: BGP graceful shutdown
# (RFC 8326) moves traffic away first, then the routers go down.  Near-zero
# loss, against a crash of the same site.
scenario "maintenance-drain"
seed 13
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

at 30m    maintain site ic1.B for 30m

expect ic1 availability >= 99.99%
expect ic1 loss <= 0.001%
