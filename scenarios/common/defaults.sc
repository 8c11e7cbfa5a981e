# common/defaults.sc — the service's documented protocol defaults, restated.
#
# Every value here is also lmsim's built-in default; a scenario includes this
# file to make them visible (and a site can fork it to change them in one
# place).  Sources: ../shared/reference/cloud-facts.md, cited per line.

bgp {
    hold 90s              # Direct Connect "Default hold timer 90 s" (cloud-facts §2 Timers)
    keepalive 30s         # Direct Connect "Default keepalive 30 s" (cloud-facts §2 Timers)
    connect-retry 120s    # RFC 4271 §10 suggested ConnectRetryTime
    advertisement-interval 30s   # RFC 4271 §10 MinRouteAdvertisementIntervalTimer, EBGP
    bfd 300ms x 3         # "BFD liveness detection minimum interval 300 ms, multiplier 3" (§2)
    graceful-restart off  # AWS advises against graceful restart with BFD (§2 Timers)
    asn 64512             # Amazon-side ASN default 64512 (§2 ASNs)
}

macsec {
    mode must-encrypt     # encryptionMode must_encrypt: "the connection goes down when the
                          # encryption is down" (cloud-facts §3)
    cipher gcm-aes-xpn-256   # required above 10 Gbps; 256-bit keys only (§3 Ciphers and keys)
    mka-hello 2s          # IEEE 802.1X MKA hello time default (DESIGN §1)
    mka-life 6s           # IEEE 802.1X MKA life time default (DESIGN §1)
    rekey pn-rollover     # "SAK Rekey Time: PN Rollover" (§3 Key rotation)
}
