# expect: latin1.sc:2:14: error: invalid UTF-8 \(byte 0xE9\); a scenario is UTF-8 text
scenario "café"
