// SARIF 2.1.0 for GitHub code scanning: one run, the rule pack as tool.driver.rules, one result per finding.
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Validation } from "../lint/validate";
import { RULES } from "../lint/rules";
import type { LintRule } from "../lint/types";
import { formatPath, type Diagnostic } from "../config/diagnostics";
import { RULE_ID } from "../config/rule-ids";
import { version } from "../../package.json";

/** Schema and model errors that no lint rule stands for are reported under this id. */
export const CONFIG_RULE: Pick<LintRule, "id" | "name" | "severity" | "summary" | "help"> = {
  id: RULE_ID.invalidConfig,
  name: "invalid-config",
  severity: "error",
  summary: "The config does not satisfy the irsa.yaml schema or the model's rules.",
  help: "Fix the value at the reported path; `irsa schema` prints the JSON Schema of irsa.yaml for editors.",
};

const DRIVER_RULES = [CONFIG_RULE, ...RULES];

export function toSarif(validation: Validation, cwd = process.cwd()): object {
  const uri = artifactUri(validation.file, cwd);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "irsa",
            semanticVersion: version,
            rules: DRIVER_RULES.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.help },
              help: { text: rule.help },
              defaultConfiguration: { level: rule.severity },
              properties: { tags: ["security", "iam", "eks"] },
            })),
          },
        },
        artifacts: [{ location: { uri } }],
        results: validation.diagnostics.map((d) => result(d, uri)),
      },
    ],
  };
}

function result(d: Diagnostic, uri: string): object {
  const ruleId = d.rule ?? CONFIG_RULE.id;
  return {
    ruleId,
    ruleIndex: DRIVER_RULES.findIndex((r) => r.id === ruleId),
    level: d.severity,
    message: { text: `${formatPath(d.path)}: ${d.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri, index: 0 }, region: { startLine: d.line ?? 1, startColumn: d.column ?? 1 } },
        logicalLocations: [{ fullyQualifiedName: formatPath(d.path), kind: "member" }],
      },
    ],
    ...(d.suppressedBecause !== undefined ? { suppressions: [{ kind: "inSource", justification: d.suppressedBecause }] } : {}),
  };
}

/** Relative to the working directory (the repository root in CI), with forward slashes; else a file: URL. */
function artifactUri(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  return pathToFileURL(file).href;
}
