"""Mistakes that pyright and mypy must report (tests/test_typing.py): proof that they see
ovnp's functions, ufuncs and ndarray methods with their parameters."""

import ovnp as np

x = np.arange(10)
np.sum(x, axes=1)                   # line 7: no parameter "axes"
np.sin(x, x, x, x)                  # line 8: too many positional arguments
x.reshap(2, 5)                      # line 9: no method "reshap"
x.take()                            # line 10: "indices" missing
np.linalg.norm(x, ordd=2)           # line 11: no parameter "ordd"
