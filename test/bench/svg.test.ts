// The plot writer behind BENCHMARKS.svg (bench/svg.ts).
import { chart, escapeXml, niceTicks, type Panel } from "../../bench/svg";

/** Every element is closed in the order opened (the document is well-formed as far as tags go). */
function tagsBalance(svg: string): boolean {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

const PANEL: Panel = {
  title: "Peak memory <RSS> & time",
  xLabel: "service accounts",
  yLabel: "MB",
  series: [
    { name: "irsa synth", color: "#1f77b4", points: [[50000, 480], [50, 100], [2000, 160]] },
    { name: "bare cdktf", color: "#7f7f7f", dashed: true, points: [[50, 80], [2000, 180]] },
    { name: "nothing measured", color: "#000", points: [] },
  ],
  limits: [{ name: "target 512 MB", y: 512, color: "#d62728" }],
};

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten from 0 to the first tick at or above the maximum", () => {
    expect(niceTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(512)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(50000)).toEqual([0, 10000, 20000, 30000, 40000, 50000]);
    expect(niceTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe("chart", () => {
  const svg = chart("time & memory", [PANEL, PANEL]);

  it("is a well-formed SVG document with its text escaped", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg).toContain("Peak memory &lt;RSS&gt; &amp; time");
    expect(svg).not.toMatch(/<RSS>/);
    expect(escapeXml(`a"b'c`)).toBe("a&quot;b&apos;c");
  });

  it("draws every point inside its panel's plot area, in x order, and the limit at its height", () => {
    const frame = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/.exec(svg);
    expect(frame).not.toBeNull();
    const [left, top, width, height] = (frame as RegExpExecArray).slice(1).map(Number);
    const line = /<polyline points="([^"]+)"/.exec(svg) as RegExpExecArray;
    const xy = line[1].split(" ").map((p) => p.split(",").map(Number));
    expect(xy).toHaveLength(3);
    for (const [x, y] of xy) {
      expect(x).toBeGreaterThanOrEqual(left);
      expect(x).toBeLessThanOrEqual(left + width);
      expect(y).toBeGreaterThanOrEqual(top);
      expect(y).toBeLessThanOrEqual(top + height);
    }
    expect(xy.map(([x]) => x)).toEqual([...xy.map(([x]) => x)].sort((a, b) => a - b));
    // y axis 0..600 (ticks of 200): 480 MB sits at 80% of the height, the 512 MB limit a little higher
    expect(xy[2][1]).toBeCloseTo(top + height * 0.2, 0);
    const limit = /<line x1="[\d.]+" y1="([\d.]+)"[^>]*stroke="#d62728"/.exec(svg) as RegExpExecArray;
    expect(Number(limit[1])).toBeCloseTo(top + height * (1 - 512 / 600), 0);
  });

  it("lists only the series that have points in the legend, and writes the same text for the same figures", () => {
    expect(svg).toContain(">bare cdktf<");
    expect(svg).not.toContain("nothing measured");
    expect(chart("time & memory", [PANEL, PANEL])).toBe(svg);
  });
});
