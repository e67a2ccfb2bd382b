// ARCHITECTURE.md stays a map of the tree as it is: every folder of lib/ and every top-level folder of the
// repository has its line, and every path it names exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const doc = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");
const folders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !["node_modules", "dist", "cdktf.out"].includes(entry.name))
    .map((entry) => (dir === "." ? `${entry.name}/` : `${dir}/${entry.name}/`));

describe("ARCHITECTURE.md", () => {
  it("has a line for every folder of lib/ and of the repository, and for each module directly in lib/", () => {
    const modules = readdirSync(join(ROOT, "lib")).filter((name) => name.endsWith(".ts")).map((name) => `lib/${name}`);
    const missing = [...folders("lib"), ...folders("."), ...modules].filter((path) => !doc.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });

  it("names only folders and files that exist", () => {
    const named = [...doc.matchAll(/`((?:lib|test|bin|stacks|examples|docs|scripts|bench)\/[\w./-]*)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("fits one screen", () => {
    expect(doc.trimEnd().split("\n").length).toBeLessThanOrEqual(60);
  });
});
