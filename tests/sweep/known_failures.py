"""Sweep cases known to differ from NumPy, each with its reason.

An entry is (pattern, reason). A pattern is shell-style (fnmatch) over the case id
`op|dtype|shape|view|arg|kind` (sweep_check.Case), optionally followed by ` :: ` and a
pattern over the failure's message. A reason starts with "documented:"
(docs/differences.md lists the difference) or "defect:" (an open defect; the fix removes
the entry). A failure matched by no entry fails the sweep; an entry whose cases all pass
is reported as stale (`make fuzz`, tests/sweep/test_sweep.py) so the list shrinks.

"Item N" is the numbered list of issue 12, where each defect has a minimal reproducer.
"""

_SORTING = ["sort", "argsort", "ndarray.argsort", "partition", "argpartition", "median",
            "nanmedian", "percentile", "nanpercentile", "quantile", "nanquantile",
            "sort[descending]", "argsort[stable]"]
_QUANTILES = ["median", "nanmedian", "percentile", "nanpercentile", "quantile", "nanquantile"]
_FLOAT16_SUMS = ["trace", "prod", "nanprod", "sum", "nansum", "cumsum", "nancumsum", "cumulative_sum", "mean", "nanmean",
                 "average", "ndarray.sum", "ndarray.cumsum", "ndarray.mean", "sum[keepdims]",
                 "mean[keepdims]", "std", "var", "nanstd", "nanvar", "ndarray.std",
                 "ndarray.var", "std[ddof=1]"]

def _literal(name):
    """An op name as an fnmatch pattern (its "[...]" variant suffix taken literally)."""
    return name.replace("[", "[[]")


KNOWN = [
    # ---- documented differences that must match before the defects below
    ("*|int-2p31m1|* :: ovnp raised OverflowError: integer -2147483649 does not fit int32*",
     "documented: the 32-bit policy, an int64 value outside int32 raises OverflowError"),
    ("*|uint32|*|*|np.int32(7)|* :: integer values differ*", "documented: int32 with uint32 "
     "computes in int32 (the 32-bit policy): uint32 values >= 2**31 wrap"),
    *[(f"{op}|complex64|* :: values differ*", "documented: complex64 abs within a few ulp "
       "of |z| (complex64 table)") for op in ("abs", "absolute", "operator.abs")],
    *[(f"*|{a}|*|*|{b}|* :: {m}", "documented: int32 with uint32 computes in int32 (the 32-bit "
       "policy, differences.md): uint32 values >= 2**31 wrap")
      for a, b in (("int*", "arr:uint32"), ("int*", "0d.uint32(3e9)"), ("uint32", "arr:int*"),
                   ("uint32", "0d.int32(-5)"))
      for m in ("integer values differ*", "NumPy's 64-bit integer result does not fit*")],
    *[(f"*|{a}|*|*|{b}|* :: ovnp raised OverflowError: astype (uint32 to int64)*",
       "documented: a uint32 value >= 2**31 that NumPy computes with in int64 (uint32 with "
       "a signed integer) raises OverflowError, even where the result would fit int32 (the "
       "32-bit policy, dtypes.md)")
      for a, b in (("int*", "arr:uint32"), ("int*", "0d.uint32(3e9)"), ("uint32", "arr:int*"),
                   ("uint32", "0d.int32(-5)"), ("uint32", "np.int32(7)"))],

    ("*|bool|*|*|int* :: ovnp raised OverflowError: Python integer * out of bounds for int32",
     "documented: the 32-bit policy, bool with a Python int is int32 in ovnp (int64 in "
     "NumPy): an int beyond int32 raises OverflowError"),
    *[(f"{op}|* :: ovnp raised OverflowError: {op.split('|')[0]}: the exact integer result*",
       "documented: integer matmul/dot/einsum raise OverflowError near int32's edge, where "
       "the float32 check cannot prove the fit (differences.md)")
      for op in ("matmul", "inner", "vecdot", "dot", "vdot", "outer", "kron", "tensordot",
                 "operator.matmul")],
    *[(f"{op}|* :: ovnp raised OverflowError: einsum: the exact integer result*",
       "documented: integer matmul/dot/einsum raise OverflowError near int32's edge, where "
       "the float32 check cannot prove the fit (differences.md)")
      for op in ("inner", "vecdot", "dot", "vdot", "outer", "kron", "matmul")],

    # ---- open defects (issue 12), being fixed on other branches
    ("* :: NumPy's 64-bit integer result does not fit: OverflowError expected",
     "defect: item 2, integer sums/products/scans wrap in 32 bits where NumPy's int64 "
     "result does not fit (arange(100000).sum())"),
    *[(f"{_literal(op)}|* :: *differ*", "defect: item 1, sort along a middle axis / after a NaN "
       "row gives NaN or wrong values (and what is built on it)") for op in _SORTING],
    ("*|int2p40|* :: ovnp raised OverflowError: integer * does not fit int32*; NumPy ValueError",
     "defect: a Python int beyond int32 is range-checked (OverflowError) before the "
     "arguments NumPy rejects first (ValueError), e.g. vdot(x, 2**40)"),
    ("matmul|*|0d|* :: ovnp raised ValueError*; NumPy OverflowError",
     "defect: matmul(0-d, out-of-range Python int) checks dimensions first (ValueError); "
     "NumPy's OverflowError for the scalar comes first"),
    ("i0|uint8|* :: infinities differ", "defect: to triage - i0 of large uint8 values: "
     "infinities where NumPy's float64 answer narrowed to float32 has none (or the reverse)"),
    ("float_power|int32|* :: infinities differ", "defect: to triage - float_power of int32 "
     "arrays: infinities differ from NumPy's float64 answer narrowed to float32"),
    ("isclose|float16|*|*|int-2p31m1|* :: integer values differ*", "defect: to triage - "
     "isclose(float16 with ±inf/max, -2**31-1) differs from NumPy (which compares in float64)"),
    *[(f"{op}|float32|*|*|*|large :: NaN places differ", "defect: to triage - mean of "
       "values near float32's max: NaN where NumPy has ±inf (or the reverse; summation order)")
      for op in ("mean", "nanmean", "ndarray.mean", "average", _literal("mean[keepdims]"))],

    # ---- documented differences (docs/differences.md)
    *[(f"{op}|uint32|* :: values differ*", "documented: integer true division rounds "
       "both operands to float32 first (NumPy divides exactly in float64): within 2 ulp "
       "beyond 2**24") for op in ("divide", "true_divide", "operator.truediv",
                                  "operator.rtruediv", "operator.itruediv")],
    ("*|np.int64(2p33)|* :: ovnp raised OverflowError: integer 8589934592 does not fit int32*",
     "documented: the 32-bit policy, an int64 value outside int32 raises OverflowError"),
    *[(f"*|{s}|* :: {m}", "documented: the 32-bit policy, a Python float beyond float32 "
       "is ±inf (1e40) and a subnormal one keeps float32's digits (1e-42)")
      for s in ("float1e40", "floatsub")
      for m in ("values differ*", "NaN places differ", "infinities differ")],
    ("isin|*|*|*|float1e40|* :: integer values differ*", "documented: the 32-bit policy, a "
     "Python float beyond float32 is ±inf (1e40), so isin(x, 1e40) finds inf"),
    *[(f"*pow*|{d}|*|*|{e}|* :: infinities differ", "documented: complex power with a huge "
       "real exponent whose result overflows: the signs of the infinities follow the last bit "
       "of Im(b log a) (arctan2 within 1 ulp of glibc's atan2f)")
      for d, e in (("complex64", "int2p31"), ("complex64", "0d.uint32(3e9)"),
                   ("complex64", "int2654435761"), ("complex64", "int-2p31m1"),
                   ("complex64", "arr:int32"), ("int32", "arr:complex64"),
                   ("uint32", "arr:complex64"),
                   ("float32", "arr:complex64"))],
    *[(f"float_power|{p} :: {m}", "documented: float_power of complex is complex128 in "
       "NumPy, complex64 in ovnp (the 32-bit policy): an intermediate overflow makes NaN parts, "
       "a huge exponent is rounded") for m in ("NaN places differ", "infinities differ")
      for p in ("complex64|*", "*|*|*|arr:complex64|*")],
    ("*pow*|*|*|*|arr:complex64|* :: values differ*",
     "documented: complex64 power within about 2e-6 x |b| (complex64 table)"),
    ("*pow*|complex64|* :: values differ*",
     "documented: complex64 power within about 2e-6 x |b| (complex64 table)"),
    ("*pow*|int*|* :: NumPy raised ValueError, ovnp did not",
     "documented: power(int, negative int) raises ValueError only when the exponent is "
     "known at call time (a data exponent is not inspected)"),
    *[(f"{_literal(op)}|float16|* :: *", "documented: float16 sums accumulate in float32 and round "
       "once: where NumPy's float16 partial sums overflow to inf/NaN, ovnp's do not")
      for op in _FLOAT16_SUMS],
    ("i0|float16|* :: infinities differ",
     "documented: float16 graphs compute in float32 (ovnp is the more accurate): NumPy's "
     "float16 i0 overflows to inf where the value fits float16"),
    # found by make fuzz (this round's order of the grid), each checked by hand
    *[(f"{op}|*|*|*|{big}|* :: ovnp raised OverflowError: integer * does not fit int32*",
       "documented: the 32-bit policy, dot-like functions take a Python int as an array "
       "(asarray): beyond int32 it is int64 data in NumPy, OverflowError in ovnp")
      for op in ("inner", "vdot", "dot", "outer", "kron", "tensordot", "matmul", "vecdot")
      for big in ("int2p31", "int2654435761", "int2p40")],
    ("dot|uint32|* :: ovnp raised OverflowError: matmul: the exact integer result*",
     "documented: integer matmul/dot/einsum raise OverflowError near the 32-bit edge, where "
     "the float32 check cannot prove the fit (differences.md)"),
    *[(f"operator.i{op}|float32|*|*|arr:uint32|* :: values differ*", "documented: the 32-bit "
       "policy, float32 with uint32 computes in float32 (NumPy: float64, then the in-place "
       "cast), so uint32 values beyond 2**24 round first") for op in ("add", "sub", "mul")],
    ("nextafter|float32|*|*|np.int32(7)|* :: infinities differ", "documented: the 32-bit "
     "policy, float32 with int32 steps in float32 (NumPy steps in float64: nextafter(inf, 7) "
     "is float64's max, inf in float32); ovnp equals NumPy on float32 operands"),
    ("*prod|int*|* :: ovnp raised OverflowError: prod: the exact result*", "documented: "
     "integer products exact or OverflowError (differences.md); NumPy's int64 product wraps "
     "at 2**64, and its wrapped value can fit int32"),
    ("cumprod|float*|* :: infinities differ", "documented: cumprod is a Hillis-Steele scan "
     "(another multiplication order than NumPy's sequential one, within the 'prod' "
     "tolerance): an element at the overflow threshold can be inf in one, finite in the other"),
    ("cumprod|float16|* :: NaN places differ", "documented: float16 graphs compute in "
     "float32 and cumprod multiplies in another order: where NumPy's float16 products "
     "overflow to inf and then meet 0 (NaN), ovnp's may not"),
    *[(f"{op}|float32|*|*|*|large* :: NaN places differ", "documented: float32 sums of "
       "values near float32's max overflow to ±inf, and inf + -inf to NaN, in an order-"
       "dependent way: NumPy's pairwise order and ovnp's reduction order meet them "
       "differently") for op in ("mean", "nanmean", "ndarray.mean", "average", "nansum",
                                 _literal("mean[keepdims]"), "sum", "ndarray.sum",
                                 _literal("sum[keepdims]"), "vecdot", "inner", "dot",
                                 "vdot", "matmul", "tensordot")],
    # found by a sweep of the end of make fuzz's order (what its budget never reaches)
    *[(f"operator.i{op}|float32|*|*|np.float64(*)|* :: values differ*", "documented: the "
       "32-bit policy, a NumPy float64 scalar is float32 in ovnp (NumPy computes float32 "
       "with it in float64, then the in-place cast rounds again)")
      for op in ("add", "sub", "mul", "truediv")],
    *[(f"operator.i{op}|float32|*|*|arr:int32|* :: values differ*", "documented: the "
       "32-bit policy, float32 with int32 computes in float32 (NumPy: float64, then the "
       "in-place cast), so int32 values beyond 2**24 round first")
      for op in ("add", "sub", "mul")],
    ("exp|int16|*|*|*|extremes* :: fused != unfused*", "defect: exp of int16 extremes: "
     "a pending and a computed input give answers an ulp apart near exp(-82), both ~3 ulp "
     "from NumPy (OpenVINO's Exp); fused == unfused must hold"),
    ("float_power|float16|* :: fused != unfused*", "defect: float_power of float16 special "
     "values: a pending and a computed input differ in NaN places"),
    *[(f"{op}|* :: ovnp raised ValueError: {op}: Input operand 1 does not have enough "
       "dimensions*; NumPy OverflowError", "defect: error order, an out-of-range Python int "
       "with a gufunc: ovnp checks the core dimensions first (ValueError), NumPy the "
       "scalar (OverflowError); both raise") for op in ("matmul", "vecdot")],
    ("*|bool|*|*|int*|* :: ovnp raised OverflowError: Python integer * out of bounds for "
     "int32; NumPy *", "documented: the 32-bit policy, bool with a Python int beyond int32 "
     "raises OverflowError before NumPy's own error (UFuncTypeError, ValueError); both raise"),
    *[(f"append|*|*|*|{big}|* :: ovnp raised OverflowError: integer * does not fit int32*",
       "documented: the 32-bit policy, append takes a Python int as an array (int64 in "
       "NumPy): beyond int32, OverflowError") for big in ("int2p31", "int2654435761", "int2p40")],
    ("*|float1e40|* :: integer values differ*", "documented: the 32-bit policy, a Python "
     "float beyond float32 is inf (isclose then compares with inf)"),
    ("float_power|float32|*|*|int255|* :: values differ*", "documented: the 32-bit policy, "
     "float_power computes in float32 (NumPy float64): x ** 255 amplifies the ulp of x "
     "255-fold"),
    *[(f"{op}|complex64|*|*|*|special* :: NaN places differ", "documented: complex "
       "contractions of values with inf/NaN parts: where products of infinities meet "
       "(inf - inf = NaN) depends on the order of the real products and sums")
      for op in ("inner", "vecdot", "dot", "vdot", "matmul", "tensordot")],
    ("sinc|float16|* :: NaN places differ", "defect: to triage - sinc of float16 "
     "special values: NaN where NumPy's float16 answer has none (or the reverse)"),
    ("float_power|float16|* :: NaN places differ", "defect: to triage - float_power of "
     "float16 special values with a float32 exponent"),
    ("i0|int8|* :: *", "defect: to triage - i0 of int8 extremes: infinities and values "
     "differ from NumPy's float64 answer narrowed to float32"),
    ("exp|int16|*|*|*|extremes* :: values differ*", "defect: to triage - exp of int16 "
     "extremes near -82 is a little over 2 ulp from NumPy (OpenVINO's Exp)"),
    *[(f"{op}|complex64|* :: ovnp raised NotImplementedError*",
       "documented: median/quantile/percentile of complex input raise NotImplementedError")
      for op in _QUANTILES],
]
