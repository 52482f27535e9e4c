# openmap — two commands set everything up on a fresh Debian machine with Swift:
#   make site   installs what is missing, builds, renders content/ into site/
#   make test   installs what is missing, runs the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev
OPENMAP := .build/release/openmap
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build site check test bench-schedule clean bench

all: site

# System packages, installed only when missing (apt-get needs an update first on a new machine).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product openmap

site: build
	$(OPENMAP) build --content content --templates templates --output site

check: build
	$(OPENMAP) check --content content --templates templates

test: deps
	$(SWIFT) test

# The scheduler on generated instances (150, 500, 2 000 participants), beside a first-fit greedy.
bench-schedule: deps
	$(SWIFT) run -c release schedule-bench

clean:
	rm -rf .build site

# openmap against Hugo on generated corpora of 1 000, 10 000 and 50 000 needs (cached in .bench/),
# then incremental rebuilds after a one-file edit. BENCH_SIZES=1000:5,10000:5 to choose sizes:runs.
bench: deps
	@for tool in /usr/bin/time:time hugo:hugo; do \
	  command -v $${tool%%:*} >/dev/null || { echo "Installing $${tool##*:}"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $${tool##*:}; }; \
	done
	$(SWIFT) build -c release --product openmap
	$(SWIFT) build -c release --product openmap-corpus
	python3 bench/bench.py
