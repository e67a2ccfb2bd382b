// A process that synthesizes environment after environment (the in-process path, each synthesis worker) lets
// go of every App once its files are written: cdktf's process-wide token map holds none of their tokens, so
// memory follows one environment, not all those synthesized so far.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Lazy } from "cdktf";
import { TokenMap } from "cdktf/lib/tokens/private/token-map";
import { writeStacks } from "../../lib/app";
import { loadConfig } from "../../lib/config/load";
import { buildPlan } from "../../lib/model/build";
import { tempDir } from "../support";

/** What cdktf 0.21 keeps in its process-wide map (private fields of TokenMap). */
interface TokenMapState {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
  readonly tokenCounter: number;
}
const tokenMap = () => TokenMap.instance() as unknown as TokenMapState;

describe("writeStacks", () => {
  it("writes the stacks and leaves none of the App's tokens in cdktf's token map", () => {
    const environments = buildPlan(loadConfig(join(__dirname, "..", "..", "examples", "irsa.yaml"))).environments;
    // A token registered before the App (as by a module loaded earlier) stays resolvable.
    const earlier = Lazy.stringValue({ produce: () => "earlier" });
    const before = { strings: [...tokenMap().stringTokenMap.keys()], numbers: [...tokenMap().numberTokenMap.keys()], counter: tokenMap().tokenCounter };
    expect(before.strings.some((key) => earlier.includes(key))).toBe(true);

    const out = tempDir();
    writeStacks(environments, out);

    expect(readdirSync(join(out, "stacks")).sort()).toEqual(environments.map((e) => e.name).sort());
    // The App registered tokens of its own (a few per environment: providers, references), all released below.
    expect(tokenMap().tokenCounter - before.counter).toBeGreaterThan(environments.length);
    expect([...tokenMap().stringTokenMap.keys()]).toEqual(before.strings);
    expect([...tokenMap().numberTokenMap.keys()]).toEqual(before.numbers);
  });

  it("releases the App's tokens when synthesis fails too", () => {
    const [environment] = buildPlan(loadConfig(join(__dirname, "..", "..", "examples", "irsa.yaml"))).environments;
    const before = tokenMap().stringTokenMap.size;
    const counter = tokenMap().tokenCounter;
    // The stacks are built, then cannot be written: stacks/ is a file.
    const out = tempDir();
    writeFileSync(join(out, "stacks"), "");
    expect(() => writeStacks([environment], out)).toThrow();
    expect(tokenMap().tokenCounter).toBeGreaterThan(counter);
    expect(tokenMap().stringTokenMap.size).toBe(before);
  });
});
