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
_FLOAT16_SUMS = ["sum", "nansum", "cumsum", "nancumsum", "cumulative_sum", "mean", "nanmean",
                 "average", "ndarray.sum", "ndarray.cumsum", "ndarray.mean", "sum[keepdims]",
                 "mean[keepdims]", "std", "var", "nanstd", "nanvar", "ndarray.std",
                 "ndarray.var", "std[ddof=1]"]

KNOWN = [
    # ---- open defects (issue 12), being fixed on other branches
    *[(f"* :: fused != unfused ({d} result followed in the graph)",
       f"defect: item 3, a {d} result read by the next op of the same graph is not rounded "
       f"or wrapped to {d} (e.g. int16 (a + a) > 0; astype(float16).astype(float32))")
      for d in ("float16", "int8", "int16", "uint8", "uint16")],
    ("* :: NumPy's 64-bit integer result does not fit: OverflowError expected",
     "defect: item 2, integer sums/products/scans wrap in 32 bits where NumPy's int64 "
     "result does not fit (arange(100000).sum())"),
    ("* :: ovnp raised OverflowError: Python integer * out of bounds for *",
     "defect: item 7, comparisons with a Python int outside the array's dtype raise "
     "(uint8_arr > -1, int32_arr < 2**40) where NumPy 2 answers"),
    ("*|uint32|* :: fused != unfused (input pending)",
     "defect: item 4, uint32 values >= 2**31 computed inside a graph as signed"),
    *[(f"{op}|uint32|* :: values differ*",
       "defect: item 4, median/quantile of uint32 values >= 2**31 are wrong")
      for op in _QUANTILES],
    *[(f"{op}|* :: *differ*", "defect: item 1, sort along a middle axis / after a NaN "
       "row gives NaN or wrong values (and what is built on it)") for op in _SORTING],
    ("nextafter|uint32|* :: values differ*",
     "defect: nextafter of a uint32 view (x[::2]) with values >= 2**31 steps from the wrong "
     "float32 (off by 1 ulp); contiguous input is right"),
    ("isin|complex64|* :: ovnp raised NotImplementedError*",
     "defect: isin has no complex64 lowering (NotImplementedError)"),
    ("*pow*|*|*|*|arr:complex64|special :: NaN places differ",
     "defect: complex power of special values (inf/NaN parts) puts NaN where NumPy does not"),
    ("*pow*|complex64|*|*|*|special :: NaN places differ",
     "defect: complex power of special values (inf/NaN parts) puts NaN where NumPy does not"),

    # ---- documented differences (docs/differences.md)
    ("*|np.int64(2p33)|* :: ovnp raised OverflowError: integer 8589934592 does not fit int32*",
     "documented: the 32-bit policy, an int64 value outside int32 raises OverflowError"),
    ("*pow*|*|*|*|arr:complex64|* :: values differ*",
     "documented: complex64 power within about 2e-6 x |b| (complex64 table)"),
    ("*pow*|complex64|* :: values differ*",
     "documented: complex64 power within about 2e-6 x |b| (complex64 table)"),
    ("*pow*|int*|* :: NumPy raised ValueError, ovnp did not",
     "documented: power(int, negative int) raises ValueError only when the exponent is "
     "known at call time (a data exponent is not inspected)"),
    *[(f"{op}|float16|* :: *", "documented: float16 sums accumulate in float32 and round "
       "once: where NumPy's float16 partial sums overflow to inf/NaN, ovnp's do not")
      for op in _FLOAT16_SUMS],
    ("i0|float16|* :: infinities differ",
     "documented: float16 graphs compute in float32 (ovnp is the more accurate): NumPy's "
     "float16 i0 overflows to inf where the value fits float16"),
    *[(f"{op}|complex64|* :: ovnp raised NotImplementedError*",
       "documented: median/quantile/percentile of complex input raise NotImplementedError")
      for op in _QUANTILES],
]
