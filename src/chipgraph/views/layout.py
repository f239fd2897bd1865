"""Deterministic force layout for graphs too large for in-browser physics.

Fruchterman-Reingold with a grid approximation of repulsion: each node is pushed by the
centre of mass of every occupied grid cell (its own cell minus itself), so one iteration
costs O(n * cells) instead of O(n^2).  numpy only (networkx's ``spring_layout`` needs
scipy above 500 nodes and is quadratic); same input and seed give the same positions.
"""
from __future__ import annotations

import numpy as np


def force_layout(n: int, src: np.ndarray, dst: np.ndarray, *, seed: int = 0,
                 iterations: int = 60, scale: float = 60.0, gravity: float = 1.5) -> np.ndarray:
    """Positions (``n`` x 2, in vis.js pixels) for nodes ``0..n-1`` joined by ``src[i]->dst[i]``."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    side = np.sqrt(n) * 1.6
    pos = (rng.random((n, 2)) - 0.5) * side
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    grid = int(np.clip(np.sqrt(n) / 4, 4, 32))
    t0 = side / 8
    for it in range(iterations):
        disp = _repulsion(pos, grid)
        if len(src):
            delta = pos[dst] - pos[src]
            dist = np.sqrt((delta ** 2).sum(1)) + 1e-9
            f = delta * dist[:, None]  # FR attraction d^2/k with k = 1
            for axis in (0, 1):
                disp[:, axis] += np.bincount(src, f[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(dst, f[:, axis], minlength=n)
        disp -= pos * gravity  # holds the cloud at radius ~ sqrt(n / gravity)
        length = np.sqrt((disp ** 2).sum(1)) + 1e-9
        temp = t0 * (1 - it / iterations) + 0.05
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
    pos -= pos.mean(0)
    return pos * scale


def _repulsion(pos: np.ndarray, grid: int, chunk: int = 2048) -> np.ndarray:
    n = len(pos)
    lo = pos.min(0)
    span = pos.max(0) - lo + 1e-9
    cell = np.minimum(((pos - lo) / span * grid).astype(np.int64), grid - 1)
    cid = cell[:, 0] * grid + cell[:, 1]
    mass = np.bincount(cid, minlength=grid * grid).astype(float)
    sx = np.bincount(cid, pos[:, 0], minlength=grid * grid)
    sy = np.bincount(cid, pos[:, 1], minlength=grid * grid)
    occ = np.flatnonzero(mass)
    occ_index = np.full(grid * grid, -1)
    occ_index[occ] = np.arange(len(occ))
    m = mass[occ]
    cx, cy = sx[occ], sy[occ]
    out = np.zeros_like(pos)
    for a in range(0, n, chunk):
        p = pos[a:a + chunk]
        own = occ_index[cid[a:a + chunk]]
        rows = np.arange(len(p))
        # mass and centre of every occupied cell, minus the node itself in its own cell
        mm = np.broadcast_to(m, (len(p), len(m))).copy()
        mx = np.broadcast_to(cx, (len(p), len(m))).copy()
        my = np.broadcast_to(cy, (len(p), len(m))).copy()
        mm[rows, own] -= 1
        mx[rows, own] -= p[:, 0]
        my[rows, own] -= p[:, 1]
        safe = np.maximum(mm, 1)
        dx = p[:, :1] - mx / safe
        dy = p[:, 1:] - my / safe
        d2 = dx * dx + dy * dy + 1e-2
        w = mm / d2  # FR repulsion k^2/d along the unit vector: k^2 * delta / d^2
        out[a:a + chunk, 0] = (w * dx).sum(1)
        out[a:a + chunk, 1] = (w * dy).sum(1)
    return out
