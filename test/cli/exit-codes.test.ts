// Exit codes: 0 ok, 1 findings, 2 unusable invocation or file, 3 internal error (a bug). Every file the CLI reads
// is capped at MAX_INPUT_BYTES: endless devices and oversized files are refused at once.
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as build from "../../lib/model/build";
import { MAX_INPUT_BYTES, readInput } from "../../lib/config/read";
import { ROOT, tempDir } from "../support";
import { cli } from "./helpers";

const EXAMPLE = join(ROOT, "examples/irsa.yaml");
const LIMIT = /larger than the input limit of 64 MiB$/;

describe("input size cap", () => {
  const oversized = join(tempDir(), "big.yaml");
  beforeAll(() => {
    writeFileSync(oversized, "");
    truncateSync(oversized, MAX_INPUT_BYTES + 1);
  });

  it.each([
    ["validate --config /dev/zero", ["validate", "--config", "/dev/zero"]],
    ["synth --config /dev/urandom", ["synth", "--config", "/dev/urandom", "--out", join(tempDir(), "o")]],
    ["explain --config <oversized file>", ["explain", "--config", "<big>"]],
    ["diff --base /dev/zero", ["diff", "--config", EXAMPLE, "--base", "/dev/zero"]],
    ["check-token --token /dev/urandom", ["check-token", "--config", EXAMPLE, "--env", "prod", "--role", "orders/orders-api", "--token", "/dev/urandom"]],
    ["check-token --jwks /dev/zero", ["check-token", "--config", EXAMPLE, "--env", "prod", "--role", "orders/orders-api", "--token", EXAMPLE, "--jwks", "/dev/zero"]],
  ])("%s: exit 2 with one line", async (_name, argv) => {
    const started = Date.now();
    const result = await cli(...argv.map((a) => (a === "<big>" ? oversized : a)));
    expect(result.code).toBe(2);
    expect(result.err.trimEnd().split("\n")).toEqual([expect.stringMatching(LIMIT)]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("reads a file up to the limit, and devices and pipes in chunks", () => {
    const file = join(tempDir(), "at-limit");
    writeFileSync(file, "");
    truncateSync(file, MAX_INPUT_BYTES);
    expect(readInput(file, "f").length).toBe(MAX_INPUT_BYTES);
    expect(readInput("/dev/null", "f")).toBe("");
    expect(() => readInput(tempDir(), "--token x: cannot read")).toThrow(/^--token x: cannot read: is a folder$/);
  });
});

describe("exit codes", () => {
  afterEach(() => jest.restoreAllMocks());

  it("3 for an internal error, saying it is a bug and asking for a report", async () => {
    jest.spyOn(build, "buildPlan").mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const result = await cli("synth", "--config", EXAMPLE, "--out", join(tempDir(), "o"));
    expect(result.code).toBe(3);
    expect(result.err).toBe(
      "irsa: internal error (a bug in irsa, not in your input): Cannot read properties of undefined (reading 'x'); please report it with the command and the output of --debug\n",
    );
  });

  it("are listed in --help", async () => {
    const help = (await cli("--help")).out.replace(/\s+/g, " ");
    expect(help).toMatch(/Exit codes: 0 ok; 1 findings .*; 2 unusable invocation or file .*over 64 MiB\); 3 internal error \(a bug: please report it\)\./);
  });
});
