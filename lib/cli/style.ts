// ANSI styling that switches itself off when io.color is false (not a TTY, or NO_COLOR set).
import type { CliIo } from "./io";

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

export type Style = { readonly [K in keyof typeof codes]: (text: string) => string };

export function styleFor(io: Pick<CliIo, "color">): Style {
  const make = ([open, close]: readonly [number, number]) => (text: string) => (io.color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return Object.fromEntries(Object.entries(codes).map(([name, pair]) => [name, make(pair)])) as unknown as Style;
}

/** The visible width of a string that may hold ANSI codes. */
export const visibleLength = (text: string) => text.replace(/\u001b\[\d+m/g, "").length;
