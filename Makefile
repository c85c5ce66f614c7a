# xinzhi-kg: `make demo` builds the seed graph, `make test` runs the tests.
# Both set up everything they need on a fresh machine with Python 3.11 and make.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
OUT    ?= out
# Debian packages the tests drive: a Turtle parser, a headless browser, CJK fonts.
DEB_TEST_PACKAGES := raptor2-utils chromium fonts-wqy-zenhei

.PHONY: demo test setup setup-test system-deps score bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[ner]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test,ner]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test system-deps

# Installs the Debian packages when they are missing and we may (root or sudo).
system-deps:
	@missing=""; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing="$$missing fonts-wqy-zenhei"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: setup
	$(PY) -m kg build seeds -o $(OUT)
	@echo "open $(abspath $(OUT))/graph.html"

# Lint, format check and type check first: they fail in seconds where the tests take minutes.
test: setup-test
	$(PY) -m ruff check kg tests bench
	$(PY) -m ruff format --check kg tests bench
	$(PY) -m mypy
	$(PY) -m pytest

# Scores extraction on both development sets, from the repository's own copies of their gold.
score: setup
	$(PY) -m kg build seeds -o $(OUT) -q
	$(PY) -m kg evaluate $(OUT) --gold tests/data/gold/seeds --show 30
	$(PY) -m kg build tests/data/dev2/texts -o $(OUT)-dev2 -q
	$(PY) -m kg evaluate $(OUT)-dev2 --gold tests/data/gold/dev2 --show 30

# Benchmarks are reports, not tests: each prints a table (see bench/*.md). About 30 minutes in all.
bench: setup-test
	$(PY) bench/bench_html.py
	$(PY) bench/bench_build.py --scale 10
	$(PY) bench/bench_sparql.py

clean:
	rm -rf $(OUT) $(OUT)-dev2 .pytest_cache test-output
