# mangrove's two commands: `make test` and `make demo`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test demo lint typecheck pytest bench generate check-generated lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

test: lint typecheck check-generated pytest

lint: $(STAMP)
	$(PY) -m ruff check mangrove codegen tests bench
	$(PY) -m ruff format --check mangrove codegen tests bench

typecheck: $(STAMP)
	$(PY) -m mypy

# pytest exits 5 when it collects no test; that is not a failure of the code.
pytest: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider; rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

demo: $(STAMP)
	$(PY) -m mangrove.demo
	$(PY) -m mangrove.demo_cli

# Regenerate mangrove/aws/ and mangrove/services/ from the pinned botocore.
generate: $(STAMP)
	$(PY) -m codegen

# Fail when the committed generated code differs from what `make generate` would write.
check-generated: $(STAMP)
	$(PY) -m codegen --check

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lock:
	rm -rf /tmp/mangrove-lock && $(PYTHON) -m venv /tmp/mangrove-lock
	/tmp/mangrove-lock/bin/pip install --quiet '.[dev]'
	( echo '# Exact versions for development and CI (make test, make generate). Refresh with `make lock`.'; \
	  /tmp/mangrove-lock/bin/pip freeze --exclude-editable | grep -v '^mangrove' ) > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info
