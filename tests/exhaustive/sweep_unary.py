"""Max-ulp sweep of ovnp's unary float32 ufuncs against a float64 reference.

    python tests/exhaustive/sweep_unary.py                 # strided subset (fast)
    python tests/exhaustive/sweep_unary.py --step 1        # all 2**32 float32 inputs
    python tests/exhaustive/sweep_unary.py log log10 --step 257
    python tests/exhaustive/sweep_unary.py --kernels --check   # make fuzz's step
    python tests/exhaustive/sweep_unary.py --kernels --check --step 1   # make exhaustive

For every function it prints the largest error in ulp (units in the last place of the
float32 grid at the reference value) of ovnp's float32 result and of NumPy's own float32
result, both against NumPy's float64 result on the same inputs, and the number of
inputs where ovnp and the reference disagree on a special value (nan, +-inf, the sign of
zero). Results beyond float32's range count as correct when they are inf of the right
sign. The sweep walks the 2**32 bit patterns with the given step, in chunks.

--check exits non-zero when a function's largest error is above NumPy's own on the same
inputs or a special value differs (issue 17's bar for the fused kernels, --kernels).
"""

import argparse
import sys
import time

import numpy

FUNCTIONS = ["log", "log2", "log10", "log1p", "expm1", "exp2", "tanh", "sinh", "cosh",
             "cbrt", "tan", "arctan", "arcsin", "arccos", "arcsinh", "arccosh", "arctanh",
             "sin", "cos", "exp", "sqrt"]
# ovnp's fused kernels (docs/performance.md, "Kernels"; tanh, exp and sqrt are
# OpenVINO's ops: exp's known overflow gap is in docs/elementwise.md)
KERNELS = ["log", "log2", "log10", "log1p", "expm1", "exp2", "sinh", "cosh", "cbrt", "tan",
           "arctan", "arcsin", "arccos", "arcsinh", "arccosh", "arctanh", "sin", "cos"]
CHUNK = 1 << 22


def ulp_errors(y, ref):
    """Per-element error of float32 `y` against float64 `ref` in float32 ulp (inf where
    a special value differs)."""
    y64 = y.astype(numpy.float64)
    with numpy.errstate(all="ignore"):
        mag = numpy.abs(ref)
        # ulp of the float32 grid at |ref|: 2**(exponent - 23), at least 2**-149
        exponent = numpy.floor(numpy.log2(numpy.where(mag > 0, mag, 1.0)))
        ulp = numpy.exp2(numpy.maximum(exponent, -126.0) - 23.0)
        err = numpy.abs(y64 - ref) / ulp
        too_big = mag >= 2.0 ** 128 * (1 - 2.0 ** -25)       # rounds to inf in float32
    err = numpy.where(too_big, numpy.where(y64 == numpy.copysign(numpy.inf, ref), 0.0,
                                           numpy.inf), err)
    same_special = (numpy.isnan(y64) & numpy.isnan(ref)) | (y64 == ref)
    # +-0: the sign must agree
    zero = (ref == 0) & (y64 == 0)
    same_special &= ~zero | (numpy.signbit(y64) == numpy.signbit(ref))
    err = numpy.where(same_special, 0.0, err)
    err = numpy.where(zero & ~same_special, numpy.inf, err)
    return numpy.where(numpy.isnan(err), numpy.inf, err)


def sweep(names, step, start=0, stop=2 ** 32, progress=False):
    import ovnp
    table = {name: [0.0, 0.0, 0, None] for name in names}     # ovnp, numpy, specials, worst x
    lo = start
    t0 = time.time()
    while lo < stop:
        hi = min(lo + CHUNK * step, stop)
        bits = numpy.arange(lo, hi, step, dtype=numpy.uint64).astype(numpy.uint32)
        x = bits.view(numpy.float32)
        x64 = x.astype(numpy.float64)
        for name in names:
            with numpy.errstate(all="ignore"):
                ref = getattr(numpy, name)(x64)
                theirs = getattr(numpy, name)(x)
            ours = getattr(ovnp, name)(ovnp.asarray(x)).to_numpy()
            e_ours = ulp_errors(ours, ref)
            e_np = ulp_errors(theirs, ref)
            row = table[name]
            i = int(numpy.argmax(e_ours))
            if e_ours[i] > row[0]:
                row[0], row[3] = float(e_ours[i]), float(x[i])
            row[1] = max(row[1], float(e_np.max()))
            row[2] += int(numpy.count_nonzero(numpy.isinf(e_ours) & ~numpy.isinf(e_np)))
        lo = hi
        if progress:
            print(f"  {lo / 2 ** 32:6.1%} {time.time() - t0:7.0f} s", file=sys.stderr)
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=FUNCTIONS)
    parser.add_argument("--step", type=int, default=4093,
                        help="stride over the 2**32 bit patterns (1: all of them)")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--kernels", action="store_true", help="the fused kernels' functions")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 where ovnp is above NumPy's error or a special differs")
    args = parser.parse_args(argv)
    names = KERNELS if args.kernels else args.names
    table = sweep(names, args.step, progress=args.progress)
    count = len(range(0, 2 ** 32, args.step))
    kind = "full sweep" if args.step == 1 else f"strided sweep, step {args.step}"
    print(f"max ulp against float64, {count} float32 inputs ({kind})")
    print("| ufunc | ovnp | NumPy | special mismatches | ovnp's worst x |")
    print("| --- | --- | --- | --- | --- |")
    for name, (ours, theirs, specials, worst) in table.items():
        print(f"| {name} | {ours:.2f} | {theirs:.2f} | {specials} | {worst!r} |")
    failed = above_numpy(table)
    if failed:
        print(f"above NumPy's error or with special-value mismatches: {', '.join(failed)}")
    return 1 if args.check and failed else 0


def above_numpy(table):
    """The functions whose ovnp error is above NumPy's or that got a special value wrong."""
    return [name for name, (ours, theirs, specials, _) in table.items()
            if ours > theirs or specials]


if __name__ == "__main__":
    sys.exit(main())
