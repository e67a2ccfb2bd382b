// Adding or removing one service account must not rename any other resource: a rename is a destroy
// and re-create of a live role.
import { Testing } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { config, ISSUER_A, ISSUER_B, planOf } from "../support";

const entries = [
  "      - { name: api, namespace: web, policyArns: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"] }",
  "      - { name: worker, namespace: jobs, clusters: [green] }",
  "      - name: reports\n        namespace: analytics\n        policy: { Statement: [{ Effect: Allow, Action: [\"s3:GetObject\"], Resource: [\"arn:aws:s3:::r/*\"] }] }",
];

function resources(list: readonly string[]): Record<string, unknown> {
  const yaml = config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    serviceAccounts:
${list.join("\n")}
`);
  const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), planOf(yaml).environments[0])));
  const out: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries<Record<string, any>>(json.resource)) {
    for (const [name, body] of Object.entries(byName)) out[`${type}.${name}`] = { ...body, "//": undefined };
  }
  return out;
}

describe("Terraform addresses", () => {
  const all = resources(entries);

  it.each([0, 1, 2])("stay the same for every other workload when entry %i is removed", (removed) => {
    const fewer = resources(entries.filter((_, i) => i !== removed));
    for (const [address, body] of Object.entries(fewer)) expect(all[address]).toEqual(body);
    expect(Object.keys(fewer).length).toBeLessThan(Object.keys(all).length);
  });

  it("stay the same when the entries are reordered", () => {
    expect(resources([...entries].reverse())).toEqual(all);
  });
});
