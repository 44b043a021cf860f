"""A log-mel spectrogram, run with ovnp and with NumPy side by side (benchmark W16).

`log_mel` is plain NumPy code: the only difference between the two runs is the module
passed in as `np`. The signal is 60 s of synthesized audio at 16 kHz (a chirp, two tones
and noise); frames of 512 samples every 160 (10 ms), a Hann window, the power spectrum
by rfft, 80 mel bands and decibels. ovnp builds it as one lazy graph (the framing is a
strided gather, the rfft runs on the device) and compiles it once.

    python examples/spectrogram.py           # check against NumPy and time both
"""

import time

import numpy

import ovnp

RATE, SECONDS, FRAME, HOP, BANDS = 16000, 60, 512, 160, 80


def log_mel(np, signal, window, mel_filters):
    """Decibels of the mel-band power of each frame: (frames, bands)."""
    frames = np.lib.stride_tricks.sliding_window_view(signal, FRAME)[::HOP]
    spectrum = np.fft.rfft(frames * window)
    power = np.abs(spectrum) ** 2
    mel = power @ mel_filters.T
    return 10 * np.log10(np.maximum(mel, 1e-10))


def stages(np, signal, window, mel_filters):
    """The same pipeline cut at each stage, for the per-stage timings."""
    frames = np.lib.stride_tricks.sliding_window_view(signal, FRAME)[::HOP] * window
    spectrum = np.fft.rfft(frames)
    power = np.abs(spectrum) ** 2
    mel = power @ mel_filters.T
    return {"framing+window": frames, "rfft": spectrum, "power": power, "mel matmul": mel,
            "log": 10 * np.log10(np.maximum(mel, 1e-10))}


def synthesize(seconds=SECONDS, rate=RATE, seed=0):
    t = numpy.arange(seconds * rate) / rate
    chirp = numpy.sin(2 * numpy.pi * (100 + 50 * t) * t)
    tones = 0.5 * numpy.sin(2 * numpy.pi * 440 * t) + 0.25 * numpy.sin(2 * numpy.pi * 1200 * t)
    noise = 0.1 * numpy.random.default_rng(seed).standard_normal(t.size)
    return (chirp + tones + noise).astype(numpy.float32)


def mel_filterbank(bands=BANDS, frame=FRAME, rate=RATE):
    """Triangular filters equally spaced on the HTK mel scale, (bands, frame // 2 + 1)."""
    def mel(f):
        return 2595 * numpy.log10(1 + f / 700)

    def hz(m):
        return 700 * (10 ** (m / 2595) - 1)
    edges = hz(numpy.linspace(mel(0), mel(rate / 2), bands + 2))
    freqs = numpy.fft.rfftfreq(frame, 1 / rate)
    lower = (freqs - edges[:-2, None]) / (edges[1:-1, None] - edges[:-2, None])
    upper = (edges[2:, None] - freqs) / (edges[2:, None] - edges[1:-1, None])
    return numpy.maximum(0, numpy.minimum(lower, upper)).astype(numpy.float32)


def inputs():
    return synthesize(), numpy.hanning(FRAME).astype(numpy.float32), mel_filterbank()


def _median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] * 1e3


def main(repeat=9):
    signal, window, filters = inputs()
    expected = log_mel(numpy, signal, window, filters)
    exact = log_mel(numpy, *(a.astype(numpy.float64) for a in (signal, window, filters)))

    def with_ovnp():
        return log_mel(ovnp, *map(ovnp.asarray, (signal, window, filters))).to_numpy()
    got = with_ovnp()
    ours, numpys = numpy.abs(got - exact).max(), numpy.abs(expected - exact).max()
    print(f"log-mel spectrogram of {SECONDS} s at {RATE} Hz: {expected.shape[0]} frames x "
          f"{BANDS} bands; largest difference from float64: ovnp {ours:.1e} dB, "
          f"NumPy (float32) {numpys:.1e} dB")
    assert got.shape == expected.shape and ours < 1e-2, ours
    ov_ms = _median_ms(with_ovnp, repeat)
    np_ms = _median_ms(lambda: log_mel(numpy, signal, window, filters), repeat)
    print(f"host data to host data: ovnp {ov_ms:.1f} ms, NumPy {np_ms:.1f} ms, "
          f"ratio {ov_ms / np_ms:.2f}")
    # each stage alone, its input already computed (ovnp: on the device)
    host = stages(numpy, signal, window, filters)
    before = {"framing+window": None, "rfft": "framing+window", "power": "rfft",
              "mel matmul": "power", "log": "mel matmul"}
    for name, previous in before.items():
        ratio = _stage_ratio(name, previous, host, signal, window, filters, repeat)
        print(f"  {name:15s} ratio {ratio:.2f}")


def _stage_ratio(name, previous, host, signal, window, filters, repeat):
    dev = {k: ovnp.asarray(v) for k, v in host.items()}
    args = (signal, window, filters)
    dev_args = tuple(ovnp.asarray(a) for a in args)
    for v in list(dev.values()) + list(dev_args):
        v._value()
    step = {
        "framing+window": lambda np, a, w, f, x: np.lib.stride_tricks.sliding_window_view(
            a, FRAME)[::HOP] * w,
        "rfft": lambda np, a, w, f, x: np.fft.rfft(x),
        "power": lambda np, a, w, f, x: np.abs(x) ** 2,
        "mel matmul": lambda np, a, w, f, x: x @ f.T,
        "log": lambda np, a, w, f, x: 10 * np.log10(np.maximum(x, 1e-10)),
    }[name]
    x_host = host[previous] if previous else None
    x_dev = dev[previous] if previous else None

    def run_ovnp():
        r = step(ovnp, *dev_args, x_dev)
        ovnp._engine.materialize([r._node])
    run_ovnp()
    return _median_ms(run_ovnp, repeat) / _median_ms(lambda: step(numpy, *args, x_host), repeat)


if __name__ == "__main__":
    main()
