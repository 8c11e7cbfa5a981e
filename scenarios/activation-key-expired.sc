# activation-key-expired.sc — the activation key sat in an inbox too long.
#
# The console shows the key; the customer enters it on the partner portal only
# two days later.  The key expired after one day (provisioning.key-expiry), so
# the connection has failed ("the connection has failed to be created") and
# the portal refuses the old key.  The customer orders again and enters the
# new key at once.
scenario "activation-key-expired"
seed 11
duration 4d

interconnect ic1 {
    partner lumen
    metro seattle
    bandwidth 10Gbps
    gateway dxgw-west attach transit-gateway
    account "neteng@example.com"
}
provisioning { key-expiry 1d }

at 0s      provision ic1 via console
at 2d      activate ic1                 # too late: the key expired at 1d
at 2d1m    provision ic1 via console    # a new order, a new key
at 2d5m    activate ic1

expect ic1 state at 23h == requested
expect ic1 state at 1d1s == failed
expect ic1 state at 2d2m == requested
expect ic1 state at 2d6m == pending
expect ic1 state at 4d == available
