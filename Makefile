# oitcheck — the two commands in the README: `make demo` and `make test`, plus `make bench`.
# Each installs the system packages it needs with apt-get (as root) and says so.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev zlib1g-dev pkg-config
# Only the benchmark needs these; `make test` never installs them.
BENCH_APT_PACKAGES := nginx-light wget2 linux-perf gcc python3
BENCH_PAGES ?= 5000
BIN := .build/debug/oitcheck

.PHONY: deps build demo test bench clean

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The crawl benchmark (Benchmarks/bench.py): writes BENCHMARKS.md. BENCH_PAGES=20000 for the
# big run. Not part of `make test`: it needs nginx and wget2 and takes minutes.
bench: deps
	$(call apt_install,$(BENCH_APT_PACKAGES))
	python3 Benchmarks/bench.py --pages $(BENCH_PAGES)

clean:
	rm -rf .build
