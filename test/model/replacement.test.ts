import { roleReplacement, roleReplacements } from "../../lib/model/replacement";
import { config, ISSUER_A, planOf } from "../support";

const plan = (settings: string, entry = "{ name: api, namespace: web }") =>
  planOf(config(`  prod:
${settings}    clusters: [{ name: blue, oidcIssuerUrl: "${ISSUER_A}" }]
    serviceAccounts:
      - ${entry}
      - { name: worker, namespace: web }
`));
const roles = (settings = "", entry?: string) => plan(settings, entry).environments[0].roles;

describe("role replacement", () => {
  it("is nothing when only in-place attributes change (tags, policies, trust)", () => {
    expect(roleReplacements(roles(), roles("", "{ name: api, namespace: web, tags: { team: x }, policyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }"))).toEqual([]);
  });

  it("names a role renamed in place (roleName) with both ARNs", () => {
    const [replaced] = roleReplacements(roles(), roles("", "{ name: api, namespace: web, roleName: orders-api }"));
    expect(replaced.reasons).toEqual(["name"]);
    expect(replaced.before.arn).toBe("arn:aws:iam::111122223333:role/prod-web-api");
    expect(replaced.after.arn).toBe("arn:aws:iam::111122223333:role/orders-api");
  });

  it("replaces every role of an environment whose rolePath, prefix or account changes", () => {
    expect(roleReplacements(roles(), roles("    rolePath: /eks/\n")).map((r) => r.reasons)).toEqual([["path"], ["path"]]);
    expect(roleReplacements(roles(), roles('    roleNamePrefix: "acme-"\n')).map((r) => r.reasons)).toEqual([["name"], ["name"]]);
    expect(roleReplacements(roles(), roles('    accountId: "444455556666"\n')).map((r) => r.reasons)).toEqual([["account"], ["account"]]);
  });

  it("does not call a role that was removed or added a replacement", () => {
    const [api] = roles();
    expect(roleReplacements([api], roles("", "{ name: other, namespace: web }")).length).toBe(0);
    expect(roleReplacement(api, api)).toBeUndefined();
  });
});
