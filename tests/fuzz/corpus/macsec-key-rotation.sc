# macsec-key-rotation.sc — a SAK rekey and a CAK rotation on every connection
# under load.  Both are hitless: nothing is lost, nothing goes down.
scenario "macsec-key-rotation"
seed 5
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 8Gbps flows 4096 }

at 10m    macsec ic1.*.*.link rekey
at 30m    macsec ic1.*.*.link cak-rotate

expect ic1 full-capacity-availability >= 100%
expect ic1 loss <= 0%
