# expect: missing-include.sc:3:9: error: cannot read '.*no-such/file.sc': no such file
duration 1h
include "no-such/file.sc"
