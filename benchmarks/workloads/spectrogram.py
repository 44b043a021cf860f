"""W16: a log-mel spectrogram (examples/spectrogram.py): framing by sliding_window_view,
a Hann window, rfft, power, an 80-band mel matmul and decibels, 60 s at 16 kHz."""

import os
import sys

from harness import Workload

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
import spectrogram  # noqa: E402

WORKLOADS = [
    Workload("W16 log-mel", spectrogram.log_mel, spectrogram.inputs, target=0.5,
             needs=("lib", "fft", "abs", "log10", "maximum", "matmul"), matmul=True,
             note="5997 frames of 512, rfft, (5997, 257) @ (257, 80)"),
]
