# provision-accept.sc — the partner creates the interconnect on its portal;
# the customer accepts it in the console.
#
# The partner's proposal fixes the environment and the bandwidth (they cannot
# be changed on accept).  The customer first pastes a wrong key (the console
# finds no proposal: ResourceNotFoundException), then the right one:
# DescribeConnectionProposal shows what the partner chose, and
# AcceptConnectionProposal creates the connection, pending at once.
scenario "provision-accept"
seed 7
duration 2h
# (include removed for the corpus)

interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 5Gbps
    gateway dxgw-chicago attach virtual-private-gateway
    description "Chicago plant"
}
traffic ic1 { rate 2Gbps }

at 0s   provision ic1 via partner      # the partner's proposal and its activation key
at 10m  accept ic1 key "LMK-TYPO-1234"  # a wrong key: not found
at 20m  accept ic1                      # the key from the partner's portal

# accepted at 20m: partner >= 1m, builds >= 1m, attach >= 1m
expect ic1 state at 15m == none
expect ic1 state at 22m == pending
expect ic1 available within 40m
expect ic1 state at 2h == available
expect ic1 loss <= 0.001%
