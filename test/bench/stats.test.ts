// The bench's arithmetic (bench/stats.ts): what BENCHMARKS.md's ratios and verdicts are computed with.
import { linearFit, marginalCost, median, pairedRatio } from "../../bench/stats";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones, ignoring failed (NaN) runs", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, NaN, 1])).toBe(3);
    expect(median([])).toBeNaN();
  });
});

describe("pairedRatio", () => {
  it("is the median of the per-pair ratios, which cancels load that hits both runs of a pair", () => {
    // A is always 1.5x B, but the machine's load varies from pair to pair by up to 4x
    const b = [1, 4, 1.2, 3, 1.1];
    const a = b.map((x) => x * 1.5);
    expect(pairedRatio(a, b)).toEqual({ ratio: 1.5, min: 1.5, max: 1.5, pairs: 5 });
  });

  it("leaves out pairs with a failed run and reports the spread", () => {
    const r = pairedRatio([2, NaN, 3, 1], [1, 1, 1, 2]);
    expect(r.pairs).toBe(3);
    expect(r.ratio).toBe(2);
    expect([r.min, r.max]).toEqual([0.5, 3]);
  });
});

describe("linearFit", () => {
  it("finds an exact line with R² 1 and a poorer fit for a curve", () => {
    const line = linearFit([[0, 1], [10, 21], [20, 41]]);
    expect(line.a).toBeCloseTo(1);
    expect(line.b).toBeCloseTo(2);
    expect(line.r2).toBeCloseTo(1);
    expect(linearFit([[0, 0], [1, 1], [2, 4], [3, 9]]).r2).toBeLessThan(0.99);
  });
});

describe("marginalCost", () => {
  const at = (x: number, t: (x: number) => number) => ({ x, t: t(x) });

  it("is exactly 1 for linear growth whatever the start-up, while the ratio to the average cost reads lower", () => {
    const linear = (x: number) => 0.8 + 0.0015 * x;
    const m = marginalCost(at(50, linear), at(2000, linear), at(50000, linear));
    expect(m.slopeRatio).toBeCloseTo(1, 10);
    expect(m.marginalPast).toBeCloseTo(0.0015, 10);
    // the average at 2,000 carries the 0.8 s start-up: 3.8 s / 2000
    expect(m.againstAverage).toBeCloseTo(0.0015 / (3.8 / 2000), 10);
    expect(m.averageRatio).toBeLessThan(1);
  });

  it("exceeds 1 when the cost per service account grows with the fleet", () => {
    const quadratic = (x: number) => 0.5 + 0.001 * x + 1e-8 * x * x;
    expect(marginalCost(at(50, quadratic), at(2000, quadratic), at(50000, quadratic)).slopeRatio).toBeGreaterThan(1.3);
  });

  it("has no slope ratio without a smaller size", () => {
    expect(marginalCost(undefined, { x: 2000, t: 3 }, { x: 50000, t: 60 }).slopeRatio).toBeNaN();
  });
});
