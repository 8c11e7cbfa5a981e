# macsec-cak-mismatch.sc — the partner's CAK on one connection is changed to a
# key the cloud side does not hold.  MKA loses its peer after the MKA life
# time (6 s); under must-encrypt the connection then carries nothing, BFD goes
# down and traffic moves to the others.  A CAK rotation to a shared key heals it.
scenario "macsec-cak-mismatch"
seed 9
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 6Gbps flows 4096 }

at 10m    macsec ic1.A.rp1.link cak-mismatch
at 30m    macsec ic1.A.rp1.link cak-rotate

expect ic1 availability >= 99.99%
expect ic1 full-capacity-availability >= 40%
expect ic1 loss <= 0.05%
