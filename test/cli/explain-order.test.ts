// explain groups each environment's roles by namespace in localeCompare's order; compareNamespaces gives that order
// without ICU's collator. Checked against localeCompare itself, over the characters a namespace may hold.
import fc from "fast-check";
import { compareNamespaces } from "../../lib/cli/explain";

const namespace = fc.stringMatching(/^[-?*0-9a-z]{0,6}$/);
const sameSign = (a: string, b: string) => Math.sign(compareNamespaces(a, b)) === Math.sign(a.localeCompare(b));

describe("compareNamespaces", () => {
  it("orders namespaces and namespace globs as localeCompare does", () => {
    fc.assert(fc.property(namespace, namespace, sameSign), { numRuns: 2000 });
    // Most pairs differ at their first character: also pairs with a common start.
    fc.assert(fc.property(namespace, namespace, namespace, (start, a, b) => sameSign(start + a, start + b)), { numRuns: 2000 });
  });

  it("leaves other text to localeCompare", () => {
    for (const [a, b] of [["Orders", "billing"], ["team_a", "team-a"], ["é", "f"]]) expect(compareNamespaces(a, b)).toBe(a.localeCompare(b));
  });
});
