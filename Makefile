# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench coverage-table stubs clean fuzz exhaustive conformance

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
# (the grid stops at 22 min, saying so, then hypothesis, the order check and the kernels'
# max-ulp sweep over every 257th float32, ~1 min, run).
fuzz: $(STAMP)
	$(PY) tests/sweep/fuzz.py --seeds 3 --workers 2 --hypothesis 300 --order 100 --budget 1320 --unary-step 257

# Every float32 input of every fused kernel's function against float64 and NumPy's own
# error (tests/exhaustive/sweep_unary.py, docs/testing.md): ~6 min per function on a
# quiet machine, 18 functions.
exhaustive: $(STAMP)
	$(PY) tests/exhaustive/sweep_unary.py --kernels --check --step 1 --progress

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
