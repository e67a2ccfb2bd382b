// Validating a config text through the whole pipeline, and picking findings by rule.
import { validateConfig, type Validation } from "../../lib/lint/validate";
import { formatPath, type Diagnostic } from "../../lib/config/diagnostics";
import { config, ISSUER_A, writeConfig } from "../support";

export const validate = (yaml: string): Validation => validateConfig(writeConfig(yaml));

/** One environment `dev` with one cluster; `entries` are the serviceAccounts list items (indented 6). */
export const devWith = (entries: string, envExtra = "") =>
  config(`  dev:
${envExtra}    clusters:
      - { name: dev, oidcIssuerUrl: "${ISSUER_A}" }
    serviceAccounts:
${entries}
`);

/** A serviceAccounts entry `web/api` with an inline policy of one Allow statement. */
export const withStatement = (statement: string, extra = "") => devWith(`      - name: api
        namespace: web
${extra}        policy:
          Statement:
            - ${statement}`);

export interface Shown {
  readonly rule?: string;
  readonly severity: string;
  readonly path: string;
  readonly message: string;
  readonly suppressedBecause?: string;
}

export const shown = (d: Diagnostic): Shown => ({
  rule: d.rule,
  severity: d.severity,
  path: formatPath(d.path),
  message: d.message,
  ...(d.suppressedBecause !== undefined ? { suppressedBecause: d.suppressedBecause } : {}),
});

export async function findings(yaml: string, rule: string): Promise<Shown[]> {
  const validation = await validate(yaml);
  return validation.diagnostics.filter((d) => d.rule === rule).map(shown);
}
