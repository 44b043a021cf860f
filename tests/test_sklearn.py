"""scikit-learn's array_api_dispatch on ovnp arrays: estimators that support the Array API
fit on ovnp arrays, keep their results as ovnp arrays, and match NumPy's fit.

scikit-learn needs SCIPY_ARRAY_API=1 set before scipy is first imported, and other test
files import scipy, so the fits run in one fresh interpreter (as a user's script would)
that reports back as JSON.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("sklearn")
pytest.importorskip("array_api_compat")

SCRIPT = textwrap.dedent(r'''
    import json, sys, traceback, warnings
    import numpy
    import ovnp
    import sklearn
    from sklearn.decomposition import PCA
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    # Staying on ovnp means no NumPy fallback: any would be a failure.
    warnings.simplefilter("error", ovnp.NumPyFallbackWarning)
    rng = numpy.random.default_rng(0)
    X = (rng.standard_normal((80, 6)) @ rng.standard_normal((6, 6))).astype(numpy.float32)
    y = ((X[:, 0] > 0).astype(numpy.int32) + (X[:, 1] > 0.5)).astype(numpy.int32)

    def pca(solver):
        return lambda: PCA(n_components=3, svd_solver=solver, random_state=0)

    CASES = {
        "pca_full": (pca("full"), False),
        "pca_randomized": (pca("randomized"), False),
        "pca_covariance_eigh": (pca("covariance_eigh"), False),
        "lda_svd": (lambda: LinearDiscriminantAnalysis(solver="svd"), True),
    }
    ATTRS = ["components_", "explained_variance_", "explained_variance_ratio_", "mean_",
             "singular_values_", "means_", "priors_", "scalings_", "coef_", "intercept_",
             "classes_", "xbar_"]

    def run(name):
        make, supervised = CASES[name]
        ref = make().fit(X, y) if supervised else make().fit(X)
        with sklearn.config_context(array_api_dispatch=True):
            est = make()
            Xo, yo = ovnp.asarray(X), ovnp.asarray(y)
            est.fit(Xo, yo) if supervised else est.fit(Xo)
            outputs = {"transform": (est.transform(Xo), ref.transform(X))}
            if supervised:
                outputs["predict"] = (est.predict(Xo), ref.predict(X))
                outputs["predict_proba"] = (est.predict_proba(Xo), ref.predict_proba(X))
        for a in ATTRS:
            if hasattr(ref, a):
                outputs[a] = (getattr(est, a), getattr(ref, a))
        report = {}
        for key, (got, want) in outputs.items():
            want = numpy.asarray(want)
            report[key] = {"type": type(got).__module__.split(".")[0], "dtype": str(got.dtype),
                           "shape": list(got.shape), "want_shape": list(want.shape),
                           "got": numpy.asarray(got).astype(float).tolist(),
                           "want": want.astype(float).tolist()}
        return report

    results = {}
    for name in CASES:
        try:
            results[name] = {"ok": True, "outputs": run(name)}
        except Exception:
            results[name] = {"ok": False, "error": traceback.format_exc()}
    json.dump(results, sys.stdout)
''')


@pytest.fixture(scope="module")
def fits():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, SCIPY_ARRAY_API="1",
               PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _check(result, sign_free=()):
    import numpy as np
    assert result["ok"], result.get("error")
    for key, out in result["outputs"].items():
        assert out["type"] == "ovnp", (key, out["type"])          # results stay ovnp arrays
        assert out["shape"] == out["want_shape"], key
        got, want = np.array(out["got"]), np.array(out["want"])
        if key in sign_free:  # components are defined up to the sign of each one
            got, want = np.abs(got), np.abs(want)
        scale = max(1.0, float(np.abs(want).max(initial=0.0)))
        np.testing.assert_allclose(got, want, rtol=2e-3, atol=2e-4 * scale, err_msg=key)


@pytest.mark.parametrize("solver", ["full", "randomized", "covariance_eigh"])
def test_pca_on_ovnp_matches_numpy(fits, solver):
    result = fits[f"pca_{solver}"]
    _check(result, sign_free=("components_", "transform"))
    assert result["outputs"]["components_"]["dtype"] == "float32"


def test_linear_discriminant_analysis_on_ovnp_matches_numpy(fits):
    _check(fits["lda_svd"], sign_free=("transform", "scalings_"))
