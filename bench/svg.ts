// A small SVG line-chart writer for BENCHMARKS.svg: panels side by side, linear axes from 0 with round ticks,
// one polyline with dots per series, dashed horizontal lines for limits. Deterministic text (no dates, ids or
// randomness), so the file changes only when the figures do.

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** [x, y] in data units; drawn in x order */
  readonly points: readonly (readonly [number, number])[];
}

export interface Limit {
  readonly name: string;
  readonly y: number;
  readonly color: string;
}

export interface Panel {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly limits?: readonly Limit[];
}

const PANEL_WIDTH = 460;
const PANEL_HEIGHT = 320;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 84 };
const HEADER = 28;

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);

const num = (x: number) => String(Math.round(x * 10) / 10);

/** Ticks 0, step, 2·step, ... up to the first at or above max, step 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) as number;
  const ticks = [0];
  while (ticks[ticks.length - 1] < max - step * 1e-9) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const tickLabel = (x: number) => (x >= 10000 && x % 1000 === 0 ? `${x / 1000}k` : String(x));

function panel(p: Panel, offsetX: number): string[] {
  const points = p.series.flatMap((s) => s.points);
  const xTicks = niceTicks(Math.max(0, ...points.map(([x]) => x)));
  const yTicks = niceTicks(Math.max(0, ...points.map(([, y]) => y), ...(p.limits ?? []).map((l) => l.y)));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const w = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const h = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const left = offsetX + MARGIN.left;
  const top = HEADER + MARGIN.top;
  const sx = (x: number) => left + (x / xMax) * w;
  const sy = (y: number) => top + h - (y / yMax) * h;
  const out: string[] = [`<text x="${num(left + w / 2)}" y="${num(HEADER + 20)}" text-anchor="middle" font-weight="bold">${escapeXml(p.title)}</text>`];
  for (const t of yTicks) {
    out.push(`<line x1="${num(left)}" y1="${num(sy(t))}" x2="${num(left + w)}" y2="${num(sy(t))}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${num(left - 6)}" y="${num(sy(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${num(sx(t))}" y1="${num(top + h)}" x2="${num(sx(t))}" y2="${num(top + h + 4)}" stroke="#555"/>`);
    out.push(`<text x="${num(sx(t))}" y="${num(top + h + 18)}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  out.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="#555"/>`);
  out.push(`<text x="${num(left + w / 2)}" y="${num(top + h + 38)}" text-anchor="middle">${escapeXml(p.xLabel)}</text>`);
  out.push(`<text transform="translate(${num(offsetX + 16)} ${num(top + h / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(p.yLabel)}</text>`);
  for (const l of p.limits ?? []) {
    out.push(`<line x1="${num(left)}" y1="${num(sy(l.y))}" x2="${num(left + w)}" y2="${num(sy(l.y))}" stroke="${l.color}" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${num(left + w - 4)}" y="${num(sy(l.y) - 4)}" text-anchor="end" fill="${l.color}">${escapeXml(l.name)}</text>`);
  }
  const legend: Series[] = [];
  for (const s of p.series) {
    if (!s.points.length) continue;
    legend.push(s);
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(`<polyline points="${sorted.map(([x, y]) => `${num(sx(x))},${num(sy(y))}`).join(" ")}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of sorted) out.push(`<circle cx="${num(sx(x))}" cy="${num(sy(y))}" r="3" fill="${s.color}"/>`);
  }
  legend.forEach((s, i) => {
    const y = top + h + 58;
    const x = left + i * (w / Math.max(legend.length, 1));
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(`<line x1="${num(x)}" y1="${num(y - 4)}" x2="${num(x + 22)}" y2="${num(y - 4)}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${num(x + 27)}" y="${num(y)}">${escapeXml(s.name)}</text>`);
  });
  return out;
}

/** An SVG document with the panels side by side under a title. */
export function chart(title: string, panels: readonly Panel[]): string {
  const width = PANEL_WIDTH * panels.length;
  const height = HEADER + PANEL_HEIGHT;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    ...panels.flatMap((p, i) => panel(p, i * PANEL_WIDTH)),
    "</svg>",
    "",
  ].join("\n");
}
