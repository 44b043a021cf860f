"""A float reduction followed by an exact Divide (lower._fence_reductions_from_exact_divides).

Since float Divides carry the runtime-info key that keeps them IEEE-exact (main 1ad2401),
the CPU plugin fused an elementwise chain holding one into the float Reduce* before it,
wrongly for some shapes: sum over axis 1 of (5, 2, 5), then / 2, gave zeros after the
first slab, so mean and var along a middle axis were wrong (found by test_complex's var
test). The reduction must not be held in a variable here (a held pending node becomes
an extra model output, which hides the trap; see ROUND.md)."""

import numpy as np
import pytest

import ovnp

CASES = [((5, 2, 5), 1), ((7, 9, 3), 1), ((2, 3, 4), 1), ((3, 4, 5, 2), 2), ((6, 7), 0)]


@pytest.mark.parametrize("shape,axis", CASES)
def test_reduction_then_divide_matches_numpy(shape, axis):
    c = np.random.default_rng(len(shape) * 10 + axis).random(shape).astype(np.float32)
    x = ovnp.asarray(c)
    np.testing.assert_allclose((ovnp.sum(x, axis=axis) / 2).to_numpy(), c.sum(axis) / 2, rtol=1e-6)
    np.testing.assert_allclose((ovnp.sqrt(ovnp.sum(x, axis=axis)) / 3).to_numpy(),
                               np.sqrt(c.sum(axis)) / 3, rtol=1e-6)
    np.testing.assert_allclose(ovnp.mean(x, axis=axis).to_numpy(), c.mean(axis), rtol=1e-6)
    np.testing.assert_allclose(ovnp.var(x, axis=axis).to_numpy(), c.var(axis), rtol=1e-5)
    np.testing.assert_allclose((ovnp.max(x, axis=axis) / 3).to_numpy(), c.max(axis) / 3, rtol=1e-6)


def test_the_reported_case():
    b = np.ones((5, 2, 5), np.float32)
    b[1, 0, 0] = 0
    np.testing.assert_allclose(ovnp.var(ovnp.asarray(b), axis=1).to_numpy(), np.var(b, axis=1))
