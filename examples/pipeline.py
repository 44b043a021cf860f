"""A NumPy-style feature pipeline, run with ovnp and with NumPy side by side.

The code inside `pipeline` is plain NumPy code; only the module it is handed differs.
"""

import time

import numpy

import ovnp


def pipeline(np, raw):
    """Centre and scale a feature matrix, mix in a ratio feature, score each row."""
    x = np.asarray(raw)
    n = x.shape[0]
    mean = x.sum(axis=0) / n
    centred = x - mean
    var = (centred * centred).sum(axis=0) / n
    scaled = centred / (var + 1.0)
    weights = np.asarray(numpy.linspace(0.5, 1.5, raw.shape[1]))
    scores = (scaled * weights).sum(axis=1) / raw.shape[1]
    return scores.sum() / n, (scaled * scaled).sum(axis=0) / n


def timed(np, make_data, runs=20):
    times = []
    for k in range(runs):
        data = make_data(k)
        start = time.perf_counter()
        score, spread = pipeline(np, data)
        score, spread = numpy.asarray(score), numpy.asarray(spread)
        times.append(time.perf_counter() - start)
    return score, spread, sorted(times)[len(times) // 2], times[0]


def main():
    rng = numpy.random.default_rng(0)
    batches = [rng.normal(3.0, 2.0, size=(200_000, 16)).astype(numpy.float32) for _ in range(4)]
    make_data = lambda k: batches[k % len(batches)]  # noqa: E731

    ref_score, ref_spread, np_median, _ = timed(numpy, make_data)
    score, spread, ov_median, ov_first = timed(ovnp, make_data)

    print("ovnp pipeline on a (200000, 16) float32 feature matrix, 20 runs")
    print(f"  mean score      ovnp {float(score):+.6f}   numpy {float(ref_score):+.6f}")
    print(f"  spread[:4]      ovnp {numpy.round(spread[:4], 5)}   numpy {numpy.round(ref_spread[:4], 5)}")
    print(f"  median time     ovnp {ov_median * 1e3:.2f} ms   numpy {np_median * 1e3:.2f} ms   "
          f"ratio {ov_median / np_median:.2f}")
    print(f"  first run (compiles) {ov_first * 1e3:.1f} ms; compile cache {ovnp.cache_info()}")
    numpy.testing.assert_allclose(spread, ref_spread, rtol=1e-4)


if __name__ == "__main__":
    main()
