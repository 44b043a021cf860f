"""What the compile cache tells the `ovnp` logger: each compile (ops, seconds) and why
each graph missed the cache (what differs from the nearest cached key, as JAX's
jax_explain_cache_misses says).

    import logging
    logging.basicConfig()
    logging.getLogger("ovnp").setLevel(logging.INFO)

Nothing here runs unless the logger is enabled for INFO (compile.py asks `enabled()`
before it takes the cache's keys), so the hot path pays one level check per miss. Keys
are compile.py's: (device, entries, outputs, signature), an entry being
(op, attrs, input refs, shape, dtype) and the signature the inputs' (shape, dtype).
"""

import logging

log = logging.getLogger("ovnp")

# Keys compared at most, and differences named at most, per miss.
MAX_COMPARED = 256
MAX_NAMED = 3


def enabled() -> bool:
    return log.isEnabledFor(logging.INFO)


def _entry_differences(entries, other):
    """(count, names of the first few) of positions where two graphs' ops differ."""
    named, count = [], abs(len(entries) - len(other))
    for k, (mine, theirs) in enumerate(zip(entries, other)):
        if mine == theirs:
            continue
        count += 1
        if len(named) < MAX_NAMED:
            fields = [f"{field} {a} (cached {b})" for field, a, b in
                      zip(("op", "attrs", "inputs", "shape", "dtype", "wide"), mine, theirs) if a != b]
            named.append(f"op %{k} {mine[0]}: " + ", ".join(fields))
    return count, named


def _signature_differences(signature, other):
    named, count = [], abs(len(signature) - len(other))
    for k, (mine, theirs) in enumerate(zip(signature, other)):
        if mine != theirs:
            count += 1
            if len(named) < MAX_NAMED:
                named.append(f"input {k}: {mine[0]} {mine[1]} (cached {theirs[0]} {theirs[1]})")
    return count, named


def difference(key, cached_keys) -> str:
    """Why `key` missed: what differs from the nearest of `cached_keys` (same device)."""
    device, entries, outputs, signature = key
    candidates = [k for k in cached_keys if k[0] == device][-MAX_COMPARED:]
    if not candidates:
        others = sorted({k[0] for k in cached_keys})
        return ("no graph compiled for this device yet" if not others
                else f"no graph compiled for {device} yet (cached: {', '.join(others)})")
    best = None
    for other in candidates:
        n_entries, entry_names = _entry_differences(entries, other[1])
        n_inputs, input_names = _signature_differences(signature, other[3])
        score = n_entries + n_inputs + (outputs != other[2])
        if best is None or score < best[0]:
            best = (score, other, input_names + entry_names)
    score, other, names = best
    parts = []
    if len(entries) != len(other[1]):
        parts.append(f"{len(entries)} ops (nearest cached graph: {len(other[1])})")
    parts += names
    if outputs != other[2]:
        parts.append(f"outputs {list(outputs)} (cached {list(other[2])})")
    return "; ".join(parts) if parts else "an equal key was evicted from the cache"


def compiled(key, cached_keys, seconds, what="graph") -> None:
    """Log a compile of `key` and why it missed (`cached_keys`: the keys at the miss)."""
    if not enabled():
        return
    log.info("cache miss on %s: %s", key[0], difference(key, cached_keys))
    log.info("compiled %s of %d ops (%d inputs) for %s in %.3f s", what, len(key[1]),
             len(key[3]), key[0], seconds)


def slow_compile(device, ops, inputs, seconds) -> None:
    """A compile over compile.SLOW_COMPILE_SECONDS: a warning, whatever the level."""
    log.warning("slow compile: a model of %d ops (%d inputs) for %s took %.2f s "
                "(graphs of more than %d ops are cut: OVNP_MAX_STAGE_OPS)", ops, inputs,
                device, seconds, _max_stage_ops())


def _max_stage_ops():
    from . import stages
    return stages.MAX_STAGE_OPS
