# expect: metro.sc:6:11: error: unknown metro 'new-yrok'; did you mean 'new-york'\?
scenario "bad metro"
duration 1h
interconnect ic1 {
    partner lumen
    metro new-yrok
    bandwidth 10Gbps
    gateway g1
}
