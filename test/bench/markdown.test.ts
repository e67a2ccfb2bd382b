// BENCHMARKS.md's generated section (bench/markdown.ts): what a bench run may rewrite and what it reads back.
import { BEGIN, digestsLine, END, previousDigests, replaceGenerated, table } from "../../bench/markdown";

describe("table", () => {
  it("writes a Markdown table and escapes pipes inside cells", () => {
    expect(table(["a", "b"], [["1", "x | y"]])).toEqual(["| a | b |", "|---|---|", "| 1 | x \\| y |"]);
  });
});

describe("replaceGenerated", () => {
  const file = `# Benchmarks\n\nhand-written\n\n${BEGIN}\nold figures\n${END}\n\n## Findings\n\nhand-written too\n`;

  it("replaces only what is between the markers", () => {
    const next = replaceGenerated(file, "new figures\n");
    expect(next).toBe(`# Benchmarks\n\nhand-written\n\n${BEGIN}\nnew figures\n${END}\n\n## Findings\n\nhand-written too\n`);
    expect(replaceGenerated(next, "new figures")).toBe(next);
  });

  it("appends the section, with its markers, to a file that has none", () => {
    expect(replaceGenerated("# Notes\n", "figures")).toBe(`# Notes\n${BEGIN}\nfigures\n${END}\n`);
  });
});

describe("previousDigests", () => {
  it("reads back the commit and per-size digests a run wrote", () => {
    const digests = new Map([
      ["1x50", "0123456789abcdef"],
      ["10x200", "fedcba9876543210"],
    ]);
    const file = replaceGenerated("", ["## Latest run", `- code: abc1234`, digestsLine(digests, "abc1234")].join("\n"));
    expect(previousDigests(file)).toEqual({ commit: "abc1234", digests });
  });

  it("finds nothing outside the markers or in a file without digests", () => {
    expect(previousDigests(`${digestsLine(new Map([["1x50", "00"]]), "abc")}\n`)).toBeUndefined();
    expect(previousDigests(replaceGenerated("", "no digests here"))).toBeUndefined();
  });
});
