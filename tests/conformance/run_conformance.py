"""`make conformance`: the Array API conformance suite (data-apis/array-api-tests) on ovnp.

    python tests/conformance/run_conformance.py [--suite DIR] [--max-examples N] [pytest args...]

The suite is not vendored: it is copied from DIR (default: $ARRAY_API_TESTS_DIR, else
../shared/array-api-tests beside the repository, else /work/shared/array-api-tests) to a
temporary folder, as pytest and hypothesis write caches beside it, and run there with
ARRAY_API_TESTS_MODULE=ovnp, ARRAY_API_TESTS_VERSION=2024.12, the 64-bit dtypes skipped
(ARRAY_API_TESTS_SKIP_DTYPES: the 32-bit policy), derandomized hypothesis
(the same examples every run), no deadline (compiles take their time) and no shrinking
(conformance_plugin.py). Each failing test must be listed, with its reason, in
tests/conformance/expected_failures.txt; a failure not listed fails the target. Listed
tests that pass now are printed as stale (not failed: fixes land concurrently).
"""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXPECTED = HERE / "expected_failures.txt"
VERSION = "2024.12"
# The 32-bit policy (docs/dtypes.md): ovnp holds these as int32, uint32, float32 and
# complex64, so the suite's full-range draws of them do not apply.
SKIP_DTYPES = "int64,uint64,float64,complex128"


def suite_dir(given):
    for candidate in (given, os.environ.get("ARRAY_API_TESTS_DIR"),
                      REPO.parent / "shared" / "array-api-tests", "/work/shared/array-api-tests"):
        if candidate and (pathlib.Path(candidate) / "array_api_tests").is_dir():
            return pathlib.Path(candidate)
    sys.exit("array-api-tests not found: set ARRAY_API_TESTS_DIR (see its SOURCE.md)")


def expected_failures():
    """{test id: reason} from expected_failures.txt (`id  # reason` per line)."""
    out = {}
    for line in EXPECTED.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        test_id, _, reason = line.partition("#")
        if not reason.strip():
            sys.exit(f"expected_failures.txt: no reason for {test_id.strip()}")
        out[test_id.strip()] = reason.strip()
    return out


def outcomes(junit_xml):
    """({test id: "passed" | "failed" | "skipped"}, {failed test id: first message line})
    from pytest's JUnit XML."""
    out, messages = {}, {}
    for case in ET.parse(junit_xml).iter("testcase"):
        module = case.get("classname", "").replace(".", "/")
        parts = module.split("/")
        # classname is "array_api_tests.test_x" or "array_api_tests.test_x.TestClass"
        path = "/".join(parts[:2]) + ".py"
        name = "::".join(parts[2:] + [case.get("name")])
        kinds = {child.tag: child for child in case}
        state = ("failed" if kinds.keys() & {"failure", "error"} else
                 "skipped" if "skipped" in kinds else "passed")
        out[f"{path}::{name}"] = state
        if state == "failed":
            failure = kinds.get("failure", kinds.get("error"))
            messages[f"{path}::{name}"] = (failure.get("message") or "").split("\n")[0][:160]
    return out, messages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", help="the array-api-tests checkout (read only is fine)")
    parser.add_argument("--max-examples", type=int, default=20)
    args, extra = parser.parse_known_args()
    source = suite_dir(args.suite)
    expected = expected_failures()
    with tempfile.TemporaryDirectory(prefix="array-api-tests-") as tmp:
        suite = pathlib.Path(tmp) / "array-api-tests"
        shutil.copytree(source, suite, ignore=shutil.ignore_patterns(".git", "__pycache__"))
        for path in suite.rglob("*"):
            path.chmod(path.stat().st_mode | 0o200)     # the source may be read-only
        env = dict(os.environ, ARRAY_API_TESTS_MODULE="ovnp", ARRAY_API_TESTS_VERSION=VERSION,
                   ARRAY_API_TESTS_SKIP_DTYPES=SKIP_DTYPES,
                   OVNP_CACHE_DIR=os.environ.get("OVNP_CACHE_DIR", ""),
                   PYTHONPATH=os.pathsep.join([str(REPO), str(HERE),
                                               os.environ.get("PYTHONPATH", "")]))
        report = pathlib.Path(tmp) / "report.xml"
        cmd = [sys.executable, "-m", "pytest", "array_api_tests", "-q", "-p", "no:cacheprovider",
               "-p", "conformance_plugin", "--derandomize", "--disable-deadline",
               f"--max-examples={args.max_examples}",
               f"--junitxml={report}", "-o", "junit_family=xunit1", *extra]
        print("running:", " ".join(cmd), f"(in a copy of {source})", flush=True)
        subprocess.run(cmd, cwd=suite, env=env, check=False)
        if not report.exists():
            sys.exit("pytest wrote no report")
        got, messages = outcomes(report)
    return judge(got, expected, messages)


def judge(got, expected, messages):
    failed = sorted(t for t, s in got.items() if s == "failed")
    counts = {s: sum(v == s for v in got.values()) for s in ("passed", "failed", "skipped")}
    unexpected = [t for t in failed if t not in expected]
    stale = sorted(t for t in expected if got.get(t) == "passed")
    missing = sorted(t for t in expected if t not in got)
    print(f"\nconformance (array-api-tests, {VERSION}): {counts['passed']} passed, "
          f"{counts['failed']} failed ({len(failed) - len(unexpected)} expected, "
          f"{len(unexpected)} unexpected), {counts['skipped']} skipped")
    for t in unexpected:
        print(f"  UNEXPECTED FAILURE {t}\n      {messages.get(t, '')}")
    for t in stale:
        print(f"  stale expected failure (passes now, remove it): {t}")
    for t in missing:
        print(f"  expected failure not run: {t}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
