// Shared test helpers: configs in temp folders (removed with the run's temp dir, see temp-dir.ts), the real
// pipeline, and a capturing CLI io.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CliIo } from "../lib/cli/io";
import { buildPlan } from "../lib/model/build";
import type { Plan } from "../lib/model/types";
import { ConfigError } from "../lib/config/diagnostics";
import { parseConfig } from "../lib/config/load";

export const ROOT = resolve(__dirname, "..");
export const EXAMPLES = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join(ROOT, "examples", f));

export const tempDir = (prefix = "irsa-test-") => mkdtempSync(join(tmpdir(), prefix));

export function writeConfig(text: string, name = "irsa.yaml"): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

export const planOf = (yaml: string, file = "irsa.yaml"): Plan => buildPlan(parseConfig(yaml, file));

/** The one-line messages a bad config produces. */
export function errorsOf(yaml: string, file = "irsa.yaml"): string[] {
  try {
    planOf(yaml, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected the config to be refused");
}

export interface Captured extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function captureIo(): Captured {
  let out = "";
  let err = "";
  return {
    out: (t) => void (out += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith("\n") ? t : `${t}\n`),
    color: false,
    stdout: () => out,
    stderr: () => err,
  };
}

/** EKS issuers of three clusters in one region, for configs written inline. */
export const ISSUER_A = "https://oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
export const ISSUER_B = "https://oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
export const ISSUER_C = "https://oidc.eks.us-west-2.amazonaws.com/id/CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";

/** A config with the given `environments:` mapping (indented YAML) under defaults naming an account and a region. */
export function config(environments: string, defaults = 'accountId: "111122223333"\n  region: us-west-2'): string {
  return `version: 1\ndefaults:\n  ${defaults}\nenvironments:\n${environments}`;
}
