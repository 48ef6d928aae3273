# oitcheck — the two commands in the README: `make demo` and `make test`.
# Each installs the system packages it needs with apt-get (as root) and says so.

SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev zlib1g-dev pkg-config libsqlite3-dev systemd
BIN := .build/debug/oitcheck

.PHONY: deps build demo test bench clean

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "oitcheck: Swift 6 is needed (swift not on PATH); install it from swift.org and run again" >&2; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "oitcheck: installing system packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "oitcheck: run as root (or sudo) so apt-get can install:$$missing" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

demo: build
	$(BIN) demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
