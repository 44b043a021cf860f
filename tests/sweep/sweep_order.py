"""Order independence: the same cases, shuffled, in a fresh process, give the same answers.

The child runs the case ids it is given in a shuffled order (each case its own batch, so
nothing but the process's history differs) and prints one digest per case; any digest
that differs from the parent's run is order-dependent.
"""

import json
import os
import pathlib
import random
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def order_check(digests, n, seed=7, executor="openvino"):
    """Case ids (of `n` sampled from `digests`) whose answer differs in a fresh process
    (run with the same executor as the digests were)."""
    rng = random.Random(seed)
    ids = sorted(digests)
    ids = rng.sample(ids, min(n, len(ids)))
    rng.shuffle(ids)
    env = dict(os.environ, OVNP_EXECUTOR=executor, PYTHONPATH=os.pathsep.join(
        [str(HERE), str(HERE.parent.parent), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, str(HERE / "sweep_order.py")], input=json.dumps(ids),
                         capture_output=True, text=True, env=env, check=True).stdout
    theirs = json.loads(out.strip().splitlines()[-1])
    return [i for i in ids if theirs.get(i) != digests[i]]


def _child():
    import warnings
    warnings.filterwarnings("ignore")
    from sweep_check import Case
    from sweep_compare import run_cases
    ids = json.loads(sys.stdin.read())
    result = {}
    for case_id in ids:
        [outcome] = run_cases([Case.parse(case_id)])
        result[case_id] = outcome.digest
    print(json.dumps(result))


if __name__ == "__main__":
    _child()
