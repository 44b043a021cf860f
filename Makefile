# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench coverage-table stubs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,interop]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/pipeline.py

test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest tests

bench: $(STAMP)
	$(PY) benchmarks/run.py

coverage-table: $(STAMP)
	$(PY) tools/coverage_table.py > docs/api-coverage.md

# The type stubs (ovnp/**/*.pyi) from the code; tests/test_typing.py checks they are current.
stubs: $(STAMP)
	$(PY) tools/make_stubs.py

clean:
	rm -rf $(VENV) build *.egg-info
