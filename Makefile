# oitcheck — the two commands in the README: `make demo` and `make test`, plus `make bench`.
# Each installs the system packages it needs with apt-get (as root) and says so.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev zlib1g-dev libssl-dev libsqlite3-dev pkg-config
# The HTML report is rendered in headless Chromium by the tests (with Thai fonts, so the
# screenshot shows Thai rather than empty boxes); systemd-analyze checks the examples.
TEST_APT_PACKAGES := chromium fonts-thai-tlwg systemd
# Only the benchmark needs these; `make test` never installs them.
BENCH_APT_PACKAGES := nginx-light wget2 linux-perf gcc python3
BENCH_PAGES ?= 5000
BIN := .build/debug/oitcheck

.PHONY: deps build demo test bench clean fuzz fuzz-build asan

# $(call apt_install,PACKAGES): installs those not yet installed.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "oitcheck: installing system packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "oitcheck: run as root (or sudo) so apt-get can install:$$missing" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "oitcheck: Swift 6 is needed (swift not on PATH); install it from swift.org and run again" >&2; exit 1; }
	$(call apt_install,$(APT_PACKAGES))

build: deps
	$(SWIFT) build

demo: build
	$(BIN) demo

test: APT_PACKAGES += $(TEST_APT_PACKAGES)
test: deps
	$(SWIFT) build --build-tests
	OITCHECK_REQUIRE_CHROMIUM=1 $(SWIFT) test --skip-build

# Fuzzing (not part of `make test`): libFuzzer targets in Fuzz/, a separate package, so the
# main build never sees -sanitize=fuzzer. Each runs FUZZ_SECONDS from Fixtures/fuzz/<name>/;
# crashes land in fuzz-crashes/<name>/. `make fuzz FUZZ_TARGETS="url robots"` runs a subset.
# Release: bounds and overflow checks stay on and it runs about twice as fast as debug.
# Explicit -sanitize-coverage: with -g, swiftc 6.3 drops fuzzer coverage when ASan is also on.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_FLAGS := --sanitize=fuzzer --sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp

fuzz-build: deps
	cd Fuzz && $(SWIFT) build -c release --scratch-path ../.build-fuzz $(FUZZ_FLAGS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run-fuzzers.sh $(FUZZ_TARGETS)

# The whole test suite once under AddressSanitizer (LeakSanitizer included), in its own build
# folder; the end-to-end tests run the ASan-built oitcheck. Tests/lsan.supp lists Foundation's
# own leaks. Swift's backtracer is off: ASan reports its memory reads as errors. Serial: on two
# cores the slow ASan end-to-end runs, which block while oitcheck runs, starved the crawler tests
# of the concurrency pool until their 60 s crawl limit passed.
asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	OITCHECK_ASAN=1 SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp \
	  $(SWIFT) test --skip-build --no-parallel --sanitize=address --scratch-path .build-asan

# The crawl benchmark (Benchmarks/bench.py): writes BENCHMARKS.md. BENCH_PAGES=20000 for the
# big run. Not part of `make test`: it needs nginx and wget2 and takes minutes.
bench: deps
	$(call apt_install,$(BENCH_APT_PACKAGES))
	python3 Benchmarks/bench.py --pages $(BENCH_PAGES)

clean:
	rm -rf .build .build-fuzz .build-asan fuzz-crashes
