import os
import warnings

from hypothesis import HealthCheck, settings

# CI keeps `make test` well under 15 minutes on 2 cores; `dev` digs deeper locally.
settings.register_profile(
    "ci", max_examples=25, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "dev", max_examples=200, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The suite exercises OpenVINO: every op is recorded and compiled, so tests of graphs,
# keys and compile counts mean what they say. The eager host executor (small CPU work
# computed at once by NumPy, the default for users) has its own tests in test_eager.py,
# which switch it on for themselves.
os.environ.setdefault("OVNP_EXECUTOR", "openvino")

# Tests use a private compile cache folder so they never depend on a warm user cache.
os.environ.setdefault("OVNP_CACHE_DIR", "")
warnings.filterwarnings("ignore", category=RuntimeWarning)
