import { parseConfig } from "../../lib/config/load";
import { BAD_INPUTS, dev } from "../bad-inputs";
import { config, errorsOf, ISSUER_A, ISSUER_B } from "../support";

describe("loading irsa.yaml", () => {
  it("merges defaults into each environment: the environment wins, maps merge, lists replace", () => {
    const yaml = `version: 1
defaults:
  accountId: "111122223333"
  region: us-west-2
  tags: { owner: platform, tier: shared }
  maxSessionDuration: 7200
  backend: { cloud: { organization: acme, workspace: "irsa-{env}" } }
environments:
  a:
    region: eu-west-1
    tags: { tier: gold }
    clusters: [{ name: a, oidcIssuerUrl: "${ISSUER_A}" }]
  b:
    backend: { s3: { bucket: acme-state, key: "irsa/{env}.tfstate" } }
    clusters: [{ name: b, oidcIssuerUrl: "${ISSUER_B}" }]
`;
    const [a, b] = parseConfig(yaml, "irsa.yaml").environments;
    expect(a.region).toBe("eu-west-1");
    expect(a.tags).toEqual({ owner: "platform", tier: "gold" });
    expect(a.maxSessionDuration).toBe(7200);
    expect(a.backend).toEqual({ cloud: { organization: "acme", workspace: "irsa-{env}" } });
    // A backend of another kind replaces the default instead of conflicting with it.
    expect(b.backend).toEqual({ s3: { bucket: "acme-state", key: "irsa/{env}.tfstate" } });
    expect(b.region).toBe("us-west-2");
    expect(a.partition).toBe("aws");
    expect(a.rolePath).toBe("/");
  });

  it("replaces lists instead of concatenating them", () => {
    const yaml = config(dev("      - { name: api, namespace: web, policyArns: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"] }"));
    const [env] = parseConfig(yaml, "irsa.yaml").environments;
    expect(env.serviceAccounts[0].policyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  it.each(BAD_INPUTS)("refuses %s with one located line naming file, path and reason", (_name, yaml, expected) => {
    const lines = errorsOf(yaml);
    expect(lines.some((line) => expected.test(line))).toBe(true);
    for (const line of lines) {
      expect(line).toMatch(/^irsa\.yaml(:\d+:\d+)?: error/);
      expect(line).not.toMatch(/\n|at .*\.ts:\d+/);
    }
  });

  it("locates a finding at the line of the offending value", () => {
    const yaml = config(dev("      - name: api\n        namespace: Bad"));
    const [line] = errorsOf(yaml);
    const expectedLine = yaml.split("\n").findIndex((l) => l.includes("namespace: Bad")) + 1;
    expect(line.startsWith(`irsa.yaml:${expectedLine}:`)).toBe(true);
  });
});
