"""tests/conformance/run_conformance.py (make conformance) judges the suite's report
correctly: an unlisted failure fails, a listed one does not, listed tests that pass are
reported stale, and every listed test carries a reason. (The suite itself runs under
make conformance.)"""

import run_conformance as run


def _report(tmp_path, cases):
    body = "".join(
        f'<testcase classname="array_api_tests.{module}" name="{name}">{inner}</testcase>'
        for module, name, inner in cases)
    path = tmp_path / "report.xml"
    path.write_text(f'<?xml version="1.0"?><testsuites><testsuite>{body}</testsuite></testsuites>')
    return path


def test_outcomes_and_judgement(tmp_path, capsys):
    report = _report(tmp_path, [
        ("test_a", "test_ok", ""),
        ("test_a", "test_known[x]", '<failure message="boom&#10;more">tb</failure>'),
        ("test_b", "test_new", '<error message="new">tb</error>'),
        ("test_b", "test_fixed", ""),
        ("test_b.TestClass", "test_skip", '<skipped message="s"/>'),
    ])
    got, messages = run.outcomes(report)
    assert got == {"array_api_tests/test_a.py::test_ok": "passed",
                   "array_api_tests/test_a.py::test_known[x]": "failed",
                   "array_api_tests/test_b.py::test_new": "failed",
                   "array_api_tests/test_b.py::test_fixed": "passed",
                   "array_api_tests/test_b.py::TestClass::test_skip": "skipped"}
    assert messages["array_api_tests/test_a.py::test_known[x]"] == "boom"
    expected = {"array_api_tests/test_a.py::test_known[x]": "defect: known",
                "array_api_tests/test_b.py::test_fixed": "defect: fixed since"}
    assert run.judge(got, expected, messages) == 1          # test_new is not listed
    out = capsys.readouterr().out
    assert "UNEXPECTED FAILURE array_api_tests/test_b.py::test_new" in out
    assert ("stale expected failure (passes now, remove it): "
            "array_api_tests/test_b.py::test_fixed") in out
    del got["array_api_tests/test_b.py::test_new"]
    assert run.judge(got, expected, messages) == 0
    assert "2 passed, 1 failed (1 expected, 0 unexpected), 1 skipped" in capsys.readouterr().out


def test_every_expected_failure_has_a_reason():
    listed = run.expected_failures()
    assert len(listed) > 10
    for test_id, reason in listed.items():
        assert test_id.startswith("array_api_tests/test_") and "::" in test_id, test_id
        assert reason.split(":")[0] in ("numpy", "documented", "defect", "suite"), reason
