"""Shared figures of the benchmark commands (never part of the tests' timings)."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], share: float) -> float:
    """The sample at `share` (0.95 = p95) of the sorted samples, nearest rank."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def summary(samples: list[float]) -> dict[str, float]:
    """n, p50, p95 and max of samples in milliseconds, rounded to 0.1 ms."""
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "max_ms": round(max(samples), 1),
    }
