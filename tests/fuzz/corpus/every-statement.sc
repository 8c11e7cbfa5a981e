# every statement of the language
scenario "all \"of\" it"
seed 18446744073709551615
duration 1d
replications 1000
partners {
    acme metros london frankfurt
    lumen metros denver
}
metros {
    london region eu-west-2 distance 50km
    frankfurt region eu-central-1 distance 20.5km
    denver region us-west-2 distance 1375km
    new-york distance 400km
}
interconnect ic1 {
    partner lumen metro new-york bandwidth 10Gbps
    gateway gw-tgw attach transit-gateway asn 65001
    families ipv4 ipv6
    first-mile mpls
    mtu 9001
    account ops@example.com
    tags env=prod "cost center"="42 a" env=staging
    port-speed 100Gbps
}
interconnect ic2
{
    partner acme
    metro london
    bandwidth 5Gbps
    gateway gw-wan attach cloud-wan
    sites 3
    pairs-per-site 1
}
interconnect ic3 { partner lumen metro denver bandwidth 1Gbps gateway gw-tgw sites 1 pairs-per-site 1 }
bgp { hold 9s keepalive 3s connect-retry 5s advertisement-interval 0s bfd off graceful-restart 120s asn 4200000001 }
macsec { mode should-encrypt cipher gcm-aes-xpn-256 mka-hello 1s mka-life 3s rekey 1h }
traffic ic1 { rate 6Gbps flows 4096 packet 9000B direction to-cloud }
traffic ic2 { rate 2.5Gbps packet 1KB direction from-cloud }
failures {
    router mtbf 5y mttr 4h mode crash
    link ttf weibull(1.5, 10y) mttr lognormal(4h, 2h) mode carrier
    partner-fabric ttf exp(2y) mttr uniform(1h, 3h)
    gateway mtbf 10y mttr fixed(30m)
    group metro-event { members ic1.A ic1.B  mtbf 10y mttr 4h }
}
group pairs { members ic1.*.rp1 ttf exp(20y) mttr exp(2h) }
at 0s provision ic1 via console
after 5m accept ic1 key "WRONG-KEY"
after 1m activate ic1
at 0s provision ic2 via partner
at 1h update ic1 bandwidth 25Gbps
at 2h fail site ic1.A graceful as drain-a
at 2h fail ic1.B.rp2.cloud
at 2h fail ic1.*.rp1.link carrier
at 2h fail bgp ic1.A.rp2.bgp.ipv6 reset
at 2h fail partner-fabric ic1.fabric
at 2h fail ic1.first-mile silent
at 2h fail gateway ic1.gateway
at 3h repair ic1.*.rp1.link
at 3h repair site ic1.A
at 4h flap ic1.B.rp1.link silent every 10s for 35s
at 5h degrade ic1.A.rp2.link loss 0.5% for 10m
at 5h degrade first-mile ic1.first-mile loss 2%
at 6h maintain router-pair ic2.C.rp1 for 2h as window
at 6h macsec ic1.A.rp1.link rekey
at 6h macsec link ic1.*.*.link cak-mismatch
after 1m macsec ic1.A.rp1.link cak-rotate
at 23h delete ic3
expect ic1 convergence <= 1s
expect convergence of drain-a <= 500ms
expect ic1 convergence of f2 <= 2s
expect ic1 availability >= 99.99%
expect ic1 capacity-availability >= 99.9%
expect ic2 half-capacity-availability >= 99.95%
expect * full-capacity-availability >= 95%
expect ic1 loss <= 0.01%
expect ic1 latency p50 <= 2ms
expect ic1 latency p95 <= 3ms
expect ic1 latency p99 <= 5ms
expect ic2 state at 30m == available
expect ic3 state at 1d == deleted
expect ic2 available within 15m
