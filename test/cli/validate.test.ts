import { relative } from "node:path";
import { config, EXAMPLES, ISSUER_A, writeConfig } from "../support";
import { cli } from "./helpers";

const dev = (entries: string) => config(`  dev:\n    clusters:\n      - { name: dev, oidcIssuerUrl: "${ISSUER_A}" }\n    serviceAccounts:\n${entries}\n`);

const GOOD = dev("      - { name: api, namespace: web }");
const WILDCARD_NAMESPACE = dev('      - { name: api, namespace: "*" }');
const REGEX_NAME = dev('      - { name: "(api|web)", namespace: web }');
const WARNINGS_ONLY = dev(`      - name: api
        namespace: web
        policy:
          Statement:
            - { Effect: Allow, Action: ["s3:PutObject"], Resource: ["*"] }`);
const SUPPRESSED_ERROR = dev(`      - name: api
        namespace: web
        policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"]
        suppress: [{ rule: IRSA005, reason: "sandbox account" }]`);

describe("irsa validate", () => {
  it.each(EXAMPLES.map((file) => [relative(process.cwd(), file)]))("passes the example %s", async (file) => {
    const result = await cli("validate", "--config", file);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/: valid \(\d+ roles? in \d+ environments?\); 0 errors/);
  });

  it("passes a good config", async () => {
    const result = await cli("validate", "--config", writeConfig(GOOD));
    expect(result.code).toBe(0);
    expect(result.out.trim()).toMatch(/irsa\.yaml: valid \(1 role in 1 environment\); 0 errors, 0 warnings$/);
  });

  it('fails a config with namespace: "*", naming ...serviceAccounts[0]', async () => {
    const file = writeConfig(WILDCARD_NAMESPACE);
    const result = await cli("validate", "--config", file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}:10:33: error [IRSA001]: environments.dev.serviceAccounts[0].namespace: "*" is a wildcard subject`);
    expect(result.out).toMatch(/invalid \(refused before linting\); 1 error, 0 warnings/);
  });

  it('fails a config with name: "(api|web)", naming ...serviceAccounts[0]', async () => {
    const result = await cli("validate", "--config", writeConfig(REGEX_NAME));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/error \[IRSA002\]: environments\.dev\.serviceAccounts\[0\]\.name: "\(api\|web\)" looks like a regular expression/);
  });

  it("prints warnings and exits 0 when only warnings remain", async () => {
    const result = await cli("validate", "--config", writeConfig(WARNINGS_ONLY));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/:14:41: warning \[IRSA006\]: environments\.dev\.serviceAccounts\[0\]\.policy\.Statement\[0\]\.Action\[0\]: /);
    expect(result.out).toMatch(/valid \(1 role in 1 environment\); 0 errors, 1 warning$/m);
  });

  it("shows a suppressed error with its reason and exits 0", async () => {
    const result = await cli("validate", "--config", writeConfig(SUPPRESSED_ERROR));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/error \[IRSA005\]: .* \(suppressed: sandbox account\)/);
    expect(result.out).toMatch(/0 errors, 0 warnings, 1 suppressed/);
  });

  it("exits 1 with one line per error for a config the schema refuses", async () => {
    const result = await cli("validate", "--config", writeConfig(config(`  dev:\n    clusters: []\n`, 'accountId: "1234"\n  region: us-west-2')));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/:3:14: error: defaults\.accountId: must be a 12-digit AWS account id/);
    expect(result.out).toMatch(/error: environments\.dev\.clusters: an environment needs at least one cluster/);
  });

  it("exits 2 for a missing file", async () => {
    const result = await cli("validate", "--config", "/nonexistent/irsa.yaml");
    expect(result.code).toBe(2);
    expect(result.err.trim()).toBe("irsa: /nonexistent/irsa.yaml: cannot read config: no such file");
  });

  it("rejects an unknown --format", async () => {
    const result = await cli("validate", "--config", writeConfig(GOOD), "--format", "xml");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Invalid values:[\s\S]*format/);
  });

  describe("--format json", () => {
    it("reports each finding with its rule, path, position and suppression", async () => {
      const result = await cli("validate", "--config", writeConfig(SUPPRESSED_ERROR), "--format", "json");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.out);
      expect(report).toMatchObject({ valid: true, linted: true, summary: { errors: 0, warnings: 0, suppressed: 1 } });
      expect(report.catalogVersion).toEqual(expect.any(String));
      expect(report.diagnostics).toEqual([
        {
          severity: "error",
          rule: "IRSA005",
          path: "environments.dev.serviceAccounts[0].policyArns[0]",
          line: 12,
          column: 22,
          message: expect.stringContaining("AdministratorAccess attached"),
          suppressed: true,
          suppressedBecause: "sandbox account",
        },
      ]);
    });

    it("reports schema errors with linted: false", async () => {
      const result = await cli("validate", "--config", writeConfig(WILDCARD_NAMESPACE), "--format", "json");
      expect(result.code).toBe(1);
      expect(JSON.parse(result.out)).toMatchObject({ valid: false, linted: false, summary: { errors: 1 }, diagnostics: [{ rule: "IRSA001", path: "environments.dev.serviceAccounts[0].namespace" }] });
    });
  });

  describe("--format sarif", () => {
    it("writes SARIF 2.1.0 that GitHub code scanning accepts", async () => {
      const file = writeConfig(WARNINGS_ONLY);
      const result = await cli("validate", "--config", file, "--format", "sarif");
      expect(result.code).toBe(0);
      const sarif = JSON.parse(result.out);
      expect(sarif.version).toBe("2.1.0");
      expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
      const [run] = sarif.runs;
      expect(run.tool.driver.name).toBe("irsa");
      const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
      expect(ids).toEqual(expect.arrayContaining(["IRSA000", "IRSA001", "IRSA006", "IRSA013"]));
      for (const rule of run.tool.driver.rules) {
        expect(rule.shortDescription.text).toEqual(expect.any(String));
        expect(["error", "warning"]).toContain(rule.defaultConfiguration.level);
      }
      expect(run.results).toEqual([
        {
          ruleId: "IRSA006",
          ruleIndex: ids.indexOf("IRSA006"),
          level: "warning",
          message: { text: expect.stringMatching(/^environments\.dev\.serviceAccounts\[0\]\.policy\.Statement\[0\]\.Action\[0\]: /) },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: expect.stringMatching(/irsa\.yaml$/), index: 0 }, region: { startLine: 14, startColumn: 41 } },
              logicalLocations: [{ fullyQualifiedName: "environments.dev.serviceAccounts[0].policy.Statement[0].Action[0]", kind: "member" }],
            },
          ],
        },
      ]);
    });

    it("marks suppressed findings as suppressed in source, and reports schema errors as IRSA000 or their rule", async () => {
      const suppressed = JSON.parse((await cli("validate", "--config", writeConfig(SUPPRESSED_ERROR), "--format", "sarif")).out);
      expect(suppressed.runs[0].results[0]).toMatchObject({ ruleId: "IRSA005", level: "error", suppressions: [{ kind: "inSource", justification: "sandbox account" }] });
      const refused = await cli("validate", "--config", writeConfig(config("  dev: {}\n")), "--format", "sarif");
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.out).runs[0].results[0]).toMatchObject({ ruleId: "IRSA000", level: "error" });
    });

    it("uses a path relative to the working directory for files under it", async () => {
      const result = await cli("validate", "--config", relative(process.cwd(), EXAMPLES[0]), "--format", "sarif");
      expect(JSON.parse(result.out).runs[0].artifacts[0].location.uri).toBe(relative(process.cwd(), EXAMPLES[0]).split("\\").join("/"));
    });
  });
});
