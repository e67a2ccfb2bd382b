// irsa synth warns, located in the config, when the stack it writes would make Terraform replace a role that the
// earlier synth in --out has at the same address (a new name, path or account: a new ARN under running pods).
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { cli } from "../cli/helpers";
import { config, ISSUER_A, tempDir } from "../support";

const irsaYaml = (entry: string, settings = "") =>
  config(`  dev:
${settings}    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - name: api
        namespace: web
${entry}      - { name: worker, namespace: web }
`);

async function synthTwice(before: string, after: string, hcl: boolean) {
  const dir = tempDir();
  const file = join(dir, "irsa.yaml");
  const out = join(dir, "out");
  const flags = hcl ? ["--hcl"] : [];
  writeFileSync(file, before);
  expect((await cli("synth", "--config", file, "--out", out, ...flags)).code).toBe(0);
  writeFileSync(file, after);
  const second = await cli("synth", "--config", file, "--out", out, ...flags);
  expect(second.code).toBe(0);
  return second.err.split("\n").filter((line) => line.includes("would be replaced"));
}

describe("the synth-time replacement warning", () => {
  it.each([["JSON", false], ["HCL", true]])("names a renamed role, where it is configured, from the earlier %s stack", async (_format, hcl) => {
    const warnings = await synthTwice(irsaYaml(""), irsaYaml("        roleName: web-api-v2\n"), hcl);
    expect(warnings).toEqual([
      expect.stringMatching(
        /irsa\.yaml:9:9: warning: environments\.dev\.serviceAccounts\[0\]: role web\/api of environment dev would be replaced \(name dev-web-api -> web-api-v2\): Terraform destroys arn:aws:iam::111122223333:role\/dev-web-api and creates arn:aws:iam::111122223333:role\/web-api-v2/,
      ),
    ]);
  });

  it("names a changed path, and stays quiet when nothing forces a replacement", async () => {
    expect(await synthTwice(irsaYaml(""), irsaYaml("", "    rolePath: /eks/\n"), false)).toEqual([
      expect.stringContaining("role web/api of environment dev would be replaced (path / -> /eks/)"),
      expect.stringContaining("role web/worker of environment dev would be replaced (path / -> /eks/)"),
    ]);
    expect(await synthTwice(irsaYaml(""), irsaYaml("        policyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n"), false)).toEqual([]);
  });
});
