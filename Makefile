# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench coverage-table stubs clean fuzz conformance

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,interop]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/pipeline.py

test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest tests

# The whole differential sweep against NumPy (tests/sweep/, docs/testing.md): <= 30 min
# (the grid stops at 23 min, saying so, then hypothesis and the order check run).
fuzz: $(STAMP)
	$(PY) tests/sweep/fuzz.py --seeds 3 --hypothesis 300 --order 100 --budget 1400

# data-apis/array-api-tests from ../shared/array-api-tests (or $$ARRAY_API_TESTS_DIR), run
# from a temporary copy; its extra dependencies are installed into the venv once.
CONFORMANCE_STAMP := $(VENV)/.conformance-deps
$(CONFORMANCE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet 'ndindex>=1.8' pytest-json-report
	touch $(CONFORMANCE_STAMP)

conformance: $(CONFORMANCE_STAMP)
	$(PY) tests/conformance/run_conformance.py

bench: $(STAMP)
	$(PY) benchmarks/run.py

coverage-table: $(STAMP)
	$(PY) tools/coverage_table.py > docs/api-coverage.md

# The type stubs (ovnp/**/*.pyi) from the code; tests/test_typing.py checks they are current.
stubs: $(STAMP)
	$(PY) tools/make_stubs.py

clean:
	rm -rf $(VENV) build *.egg-info
