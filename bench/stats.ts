// The arithmetic of the bench, kept apart from the measuring so that it can be tested: medians, ratios of
// paired runs, the least-squares line and the marginal cost per service account.

export const median = (xs: readonly number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The ratio of A to B from paired runs (A and B run back to back, their order alternating): the median of the
 * per-pair ratios A_i / B_i, with the smallest and largest of them. Pairing cancels what the machine's load does
 * to both runs of a pair, which medians of A and of B taken separately do not. Pairs where either run is missing
 * (failed) are left out.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): { ratio: number; min: number; max: number; pairs: number } {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (Number.isFinite(a[i]) && Number.isFinite(b[i]) && b[i] > 0) ratios.push(a[i] / b[i]);
  return { ratio: median(ratios), min: ratios.length ? Math.min(...ratios) : NaN, max: ratios.length ? Math.max(...ratios) : NaN, pairs: ratios.length };
}

/** Least squares y = a + b x, with R². */
export function linearFit(points: readonly (readonly [number, number])[]): { a: number; b: number; r2: number } {
  const n = points.length;
  if (n < 2) return { a: NaN, b: NaN, r2: NaN };
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const b = sxy / sxx;
  const a = my - b * mx;
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - a - b * x) ** 2, 0);
  return { a, b, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/** A fleet size and the time it took: x service accounts, t seconds. */
export interface SizedTime {
  readonly x: number;
  readonly t: number;
}

/**
 * How the cost per service account changes from a reference size to a large one. `verdict` is `slopeRatio`:
 * the marginal cost from the reference to the large size, (t_L − t_R) / (x_L − x_R), over the marginal cost up
 * to the reference, (t_R − t_S) / (x_R − x_S) from the smallest size. Both are differences, so the start-up
 * cost (node, loading cdktf) cancels out of each: 1.0 is exactly linear growth, above 1 growth steeper past the
 * reference. `againstAverage` divides the same marginal cost by the reference's average cost t_R / x_R, which
 * still holds the start-up, so it reads lower than `slopeRatio` whenever the start-up is a visible part of t_R;
 * `averageRatio` compares the two average costs (t_L / x_L) / (t_R / x_R), the figure issue 15 quoted (0.79x).
 */
export function marginalCost(small: SizedTime | undefined, reference: SizedTime, large: SizedTime) {
  const marginalPast = (large.t - reference.t) / (large.x - reference.x);
  const marginalUpTo = small ? (reference.t - small.t) / (reference.x - small.x) : NaN;
  return {
    /** seconds per service account past the reference size */
    marginalPast,
    /** seconds per service account up to the reference size (NaN without a smaller size) */
    marginalUpTo,
    slopeRatio: marginalPast / marginalUpTo,
    againstAverage: marginalPast / (reference.t / reference.x),
    averageRatio: large.t / large.x / (reference.t / reference.x),
  };
}

export const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : "–");
