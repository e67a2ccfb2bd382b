// The README is part of the interface: it must not drift from the catalog and the CLI.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADDONS } from "../lib/addons";
import { ROOT } from "./support";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  it("gives the set-up and test commands", () => {
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toContain("npm test");
  });

  it.each(ADDONS.map((a) => [a.id, a]))("documents the addon %s with its default ServiceAccount", (id, addon) => {
    expect(readme).toContain(`| \`${id}\` |`);
    expect(readme).toContain(`${addon.defaultNamespace}/${addon.defaultServiceAccountName}`);
  });
});
