// Aligned text tables: columns padded to their widest cell (ANSI codes do not count), two spaces apart.
import { visibleLength } from "./style";

export function table(rows: readonly (readonly string[])[], indent = ""): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i] - visibleLength(cell)))).join("  ").trimEnd());
}
