"""A NumPy-style feature pipeline, run with ovnp and with NumPy side by side.

`pipeline` is plain NumPy code: the only difference between the two runs is the module
passed in as `np`. Each run gets a fresh batch of data; ovnp compiles the pipeline on
the first batch and reuses the compiled model for every later one.
"""

import time

import numpy

import ovnp


def pipeline(np, raw):
    """Clean, transform and standardize a feature matrix, then score each row."""
    x = np.asarray(raw)
    x = np.where(np.isfinite(x), x, 0.0)                  # missing readings -> 0
    x = np.clip(x, -50.0, 50.0)                            # cap outliers
    x = np.sign(x) * np.log1p(np.abs(x))                   # signed log transform
    z = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)      # standardize columns
    weights = np.linspace(0.5, 1.5, x.shape[1], dtype=np.float32)
    scores = 1.0 / (1.0 + np.exp(-(z @ weights)))          # logistic score per row
    return scores.mean(), (scores > 0.5).sum(), z.std(axis=0)


def make_batch(rng):
    batch = rng.normal(3.0, 4.0, size=(200_000, 16)).astype(numpy.float32)
    batch[rng.random(batch.shape) < 0.001] = numpy.nan     # a few missing readings
    return batch


def run(np, batches):
    times, results = [], []
    for batch in batches:
        start = time.perf_counter()
        mean_score, positives, spread = pipeline(np, batch)
        results.append((float(mean_score), int(positives), numpy.asarray(spread)))
        times.append(time.perf_counter() - start)
    return results, times


def main():
    rng = numpy.random.default_rng(0)
    batches = [make_batch(rng) for _ in range(12)]
    ref, np_times = run(numpy, batches)
    got, ov_times = run(ovnp, batches)

    median = lambda ts: sorted(ts)[len(ts) // 2]  # noqa: E731
    print("Pipeline: clean, clip, signed log, standardize, logistic score")
    print(f"on {len(batches)} fresh (200000, 16) float32 batches\n")
    print(f"  mean score (last batch)   ovnp {got[-1][0]:.6f}   numpy {ref[-1][0]:.6f}")
    print(f"  rows scored > 0.5         ovnp {got[-1][1]}   numpy {ref[-1][1]}")
    print(f"  column spread after z     ovnp {numpy.round(got[-1][2][:3], 5)}   "
          f"numpy {numpy.round(ref[-1][2][:3], 5)}")
    print(f"\n  median time per batch     ovnp {median(ov_times) * 1e3:7.2f} ms   "
          f"numpy {median(np_times) * 1e3:7.2f} ms   ratio {median(ov_times) / median(np_times):.2f}")
    print(f"  first ovnp batch (compiles) {ov_times[0] * 1e3:.0f} ms; "
          f"compile cache {ovnp.cache_info()}")
    for (gs, gp, gz), (rs, rp, rz) in zip(got, ref):
        # float32 rounding may move a few of 200,000 scores across 0.5
        assert abs(gs - rs) < 1e-4 and abs(gp - rp) <= 10, (gs, rs, gp, rp)
        numpy.testing.assert_allclose(gz, rz, rtol=1e-3)


if __name__ == "__main__":
    main()
