#!/usr/bin/env python3
"""Independent reference values for tests/Orrery.Evaluation.Tests/Metrics/MetricReferenceTests.cs.

Run once with numpy (Debian's python3-numpy): /usr/bin/python3 ssim_reference.py
The C# code uses separable filters over valid windows; this script instead takes every fully-inside window
explicitly (a direct 2-D weighted sum with numpy), following scikit-image's `structural_similarity` formulas:
  - Gaussian variant: 11x11 Gaussian weights sigma 1.5 (normalised to sum 1), population covariance;
  - uniform variant:  7x7 box, sample covariance (N/(N-1) with N = 49), i.e. skimage defaults with win_size=7.
K1 = 0.01, K2 = 0.03, data range 1, mean over valid positions per channel, then over channels.
The fixed arrays are generated from an integer formula, so the C# test rebuilds the same bytes without a file.
"""
import numpy as np


def frames(h=16, w=16, c=3):
    i = np.arange(h * w * c, dtype=np.int64)
    a = (i * 37 + 11) % 256                      # same formula as MetricReferenceTests.FrameA
    b = (a + ((i * 53) % 41) - 20).clip(0, 255)  # same formula as MetricReferenceTests.FrameB
    return a.reshape(h, w, c).astype(np.uint8), b.reshape(h, w, c).astype(np.uint8)


def window(size, sigma):
    if sigma > 0:
        r = (size - 1) / 2.0
        g = np.exp(-((np.arange(size) - r) ** 2) / (2 * sigma * sigma))
    else:
        g = np.ones(size)
    w2 = np.outer(g, g)
    return w2 / w2.sum()


def ssim_channel(x, y, size, sigma, sample_cov, k1=0.01, k2=0.03):
    wt = window(size, sigma)
    n = size * size
    norm = n / (n - 1.0) if sample_cov else 1.0
    c1, c2 = k1 ** 2, k2 ** 2
    vals = []
    for r in range(x.shape[0] - size + 1):
        for c in range(x.shape[1] - size + 1):
            px = x[r:r + size, c:c + size]
            py = y[r:r + size, c:c + size]
            mx, my = (wt * px).sum(), (wt * py).sum()
            vx = norm * (wt * (px - mx) ** 2).sum()
            vy = norm * (wt * (py - my) ** 2).sum()
            vxy = norm * (wt * (px - mx) * (py - my)).sum()
            vals.append((2 * mx * my + c1) * (2 * vxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2)))
    return float(np.mean(vals))


def ssim(a, b, size, sigma, sample_cov):
    x = a.astype(np.float64) / 255.0
    y = b.astype(np.float64) / 255.0
    return float(np.mean([ssim_channel(x[..., k], y[..., k], size, sigma, sample_cov) for k in range(a.shape[2])]))


def sobel_energy(a):
    g = a.astype(np.float64).mean(axis=2) / 255.0
    h, w = g.shape
    total = 0.0
    for r in range(1, h - 1):
        for c in range(1, w - 1):
            p = g[r - 1:r + 2, c - 1:c + 2]
            gx = (p * np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])).sum()
            gy = (p * np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])).sum()
            total += np.hypot(gx, gy)
    return total / ((h - 2) * (w - 2))


if __name__ == "__main__":
    a, b = frames()
    x, y = a.astype(np.float64) / 255.0, b.astype(np.float64) / 255.0
    mse = ((x - y) ** 2).mean()
    print(f"psnr            {-10 * np.log10(mse):.12f}")
    print(f"frame_mse_sum   {((x - y) ** 2).sum():.12f}")
    print(f"frame_mae_sum   {np.abs(x - y).sum():.12f}")
    print(f"ssim_gaussian11 {ssim(a, b, 11, 1.5, False):.12f}")
    print(f"ssim_uniform7   {ssim(a, b, 7, 0, True):.12f}")
    print(f"edge_energy_a   {sobel_energy(a):.12f}")
