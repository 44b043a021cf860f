"""A pytest plugin for the conformance run (`-p conformance_plugin`): after the suite's
conftest has loaded its hypothesis profile, turn shrinking off. A failing test then
reports its first failing example at once instead of spending minutes (a compile per
example) minimizing it; the outcome, failed or passed, is the same."""

import pytest
from hypothesis import Phase, settings


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    settings.register_profile(
        "ovnp-conformance", settings.get_profile("array-api-tests"),
        phases=[Phase.explicit, Phase.reuse, Phase.generate])
    settings.load_profile("ovnp-conformance")
