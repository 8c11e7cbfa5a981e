# lmsim — GNU Makefile.  See README.md.
#
#   make            build build/lmsim (installs missing Debian packages first)
#   make run        build, then run scenarios/site-failure.sc
#   make check      CUnit suites + end-to-end runs
#   make check-asan the same suites under ASan + UBSan (build-asan/)
#   make check-valgrind  memcheck over the test runner
#   make bench      benchmarks (bench/README.md)
#   make fuzz       libFuzzer target for the scenario parser (clang)
#   make install / uninstall (PREFIX, DESTDIR), make clean

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
BUILD      ?= build
SANITIZE   ?= 0

CC         ?= cc
PKGS       := glib-2.0 gsl libevent json-glib-1.0
TEST_PKGS  := cunit

# Debian packages: build, run and test.
DEB_PKGS   := build-essential pkg-config libglib2.0-dev libevent-dev libgsl-dev \
              libcunit1-dev libjson-glib-dev gnuplot-nox valgrind clang
# MPI=1: build/lmsim-mpi too (docs/scale.md), with Open MPI from Debian.
ifeq ($(MPI),1)
DEB_PKGS   += openmpi-bin libopenmpi-dev
endif
MPICC      ?= mpicc

WARN       := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
              -Wmissing-prototypes -Wno-unused-parameter
CSTD       := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT        ?= -O2 -g
# Link-time optimisation lets the kernel's loop inline the queue's tiny
# interface across files (bench/README.md measures it).  LTO=0 turns it off.
LTO        ?= 1
ifeq ($(SANITIZE)$(LTO),01)
OPT        += -flto=auto
LDFLAGS    += -flto=auto
AR         := gcc-ar
endif
ifeq ($(SANITIZE),1)
OPT        := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=all
LDSAN      := -fsanitize=address,undefined
endif

PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

CPPFLAGS   += -I. -I$(BUILD) -DLM_VERSION='"$(VERSION)"' -DLM_SRCDIR='"$(CURDIR)"'
CFLAGS     += $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) -MMD -MP
LDLIBS     += $(PKG_LIBS) -lm
LDFLAGS    += $(LDSAN)

# The floors: sim <- models <- analysis <- cli.  Everything but cli/main.c
# goes into one static library that the program, tests and benchmarks link.
LIB_SRC    := $(sort $(wildcard sim/*.c models/*.c analysis/*.c cli/*.c))
LIB_SRC    := $(filter-out cli/main.c,$(LIB_SRC))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB        := $(BUILD)/liblmsim.a

TEST_SRC   := $(filter-out tests/fuzz/%,$(sort $(wildcard tests/*.c tests/*/*.c)))
TEST_OBJ   := $(TEST_SRC:%.c=$(BUILD)/%.o)
TEST_BIN   := $(BUILD)/tests/runner

BENCH_SRC  := $(sort $(wildcard bench/*.c))
BENCH_BIN  := $(BENCH_SRC:bench/%.c=$(BUILD)/%)

PROG       := $(BUILD)/lmsim
MPI_PROG   := $(BUILD)/lmsim-mpi

.PHONY: all deps run check check-unit check-e2e check-asan check-valgrind bench bench-ns3 \
        fuzz install uninstall clean regen-golden
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build-all

.PHONY: build-all
build-all: $(PROG) $(TEST_BIN) $(BENCH_BIN) $(if $(filter 1,$(MPI)),$(MPI_PROG))

# ---------------------------------------------------------------- deps
# A fast no-op when every package is present; otherwise apt-get update (when
# the lists are missing or older than a day) and install, as root; when not
# root, print the exact command and stop.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "lmsim needs these Debian packages:$$missing"; \
	  echo "run as root:  apt-get update && apt-get install -y --no-install-recommends$$missing"; \
	  exit 1; \
	fi; \
	echo "deps: installing$$missing"; \
	if [ -z "$$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then \
	  apt-get update -qq || exit 1; \
	fi; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# ---------------------------------------------------------------- build
# V=1 shows the full commands.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $^

$(PROG): $(BUILD)/cli/main.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The MPI launcher: the same library and command line, mpicc for the link.
$(MPI_PROG): mpi/lmsim-mpi.c $(LIB)
	@$(if $(Q),echo "  MPICC   $@")
	$(Q)$(MPICC) $(CPPFLAGS) $(CFLAGS) -I. $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# Test suites are found by their LM_SUITE(name) line; the runner registers all.
$(BUILD)/tests/suites.h: $(TEST_SRC) Makefile
	@mkdir -p $(dir $@)
	@grep -ho '^LM_SUITE *([a-z0-9_]*' $(TEST_SRC) | sed 's/^LM_SUITE *(\(.*\)/LM_SUITE_ENTRY(\1)/' > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/tests/runner.o: $(BUILD)/tests/suites.h
$(BUILD)/tests/%.o: CFLAGS += $(TEST_CFLAGS)

$(TEST_BIN): $(TEST_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(TEST_LIBS) -lpthread

$(BUILD)/%: $(BUILD)/bench/%.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# ---------------------------------------------------------------- run
run: all
	$(PROG) scenarios/site-failure.sc

# ---------------------------------------------------------------- tests
# The MPI equality test runs when Open MPI is installed (.ci/run installs it).
check: all
	@if command -v $(MPICC) >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory MPI=1 $(MPI_PROG); fi
	@$(MAKE) --no-print-directory check-unit check-e2e

check-unit: $(TEST_BIN)
	$(TEST_BIN)

check-e2e: $(PROG)
	LMSIM=$(PROG) LMSIM_MPI=$(MPI_PROG) bash tests/e2e/run.sh

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 build-all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LM_TEST_REDUCED=1 $(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 check-unit check-e2e

check-valgrind: all
	LM_TEST_REDUCED=1 valgrind --quiet --error-exitcode=99 --leak-check=full \
	  --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
	  --suppressions=tests/valgrind.supp $(TEST_BIN)

# Golden traces: regenerated only on purpose; review the diff before committing.
regen-golden: $(PROG)
	@mkdir -p tests/golden
	@for f in scenarios/*.sc; do n=$$(basename $$f .sc); \
	  $(PROG) -q --trace tests/golden/$$n.trace $$f; rc=$$?; \
	  [ $$rc -le 1 ] || exit $$rc; echo "  GOLDEN  tests/golden/$$n.trace"; done
	@git diff --stat -- tests/golden 2>/dev/null || true

# ---------------------------------------------------------------- bench
bench: all
	@if command -v $(MPICC) >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory MPI=1 $(MPI_PROG); fi
	bash bench/run.sh $(BUILD)
	bash bench/scale.sh $(BUILD)

# ns-3 comparison (needs Debian's libns3-dev; never needed by build or tests)
bench-ns3: all
	$(MAKE) -C bench/ns3 bench-ns3

# ---------------------------------------------------------------- fuzz
FUZZ_BUILD := build-fuzz
# Seeds: every shipped scenario, the parser's test scenarios, the e2e's bad
# inputs, and tests/fuzz/corpus (the fragments none of those hold).
FUZZ_SEEDS := tests/fuzz/corpus scenarios tests/sim/scenarios tests/e2e/bad

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang LTO=0 \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" LDSAN="-fsanitize=address,undefined" \
	  $(FUZZ_BUILD)/liblmsim.a
	clang -O1 -g -fsanitize=fuzzer,address,undefined $(CPPFLAGS) $(CSTD) $(PKG_CFLAGS) \
	  -o $(FUZZ_BUILD)/fuzz-scenario tests/fuzz/fuzz-scenario.c $(FUZZ_BUILD)/liblmsim.a $(LDLIBS)
	mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BUILD)/fuzz-scenario -max_total_time=$${FUZZ_SECONDS:-600} -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 $(FUZZ_BUILD)/corpus $(FUZZ_SEEDS)

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/lmsim
	if [ -f docs/lmsim.1 ]; then install -m 644 docs/lmsim.1 $(DESTDIR)$(MANDIR)/man1/lmsim.1; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lmsim $(DESTDIR)$(MANDIR)/man1/lmsim.1

clean:
	rm -rf build build-asan build-fuzz build-cov

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
