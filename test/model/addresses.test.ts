import fc from "fast-check";
import { uniqueAddresses } from "../../lib/model/names";
import { config, ISSUER_A, planOf } from "../support";

const policyRole = (arns: readonly string[]) =>
  planOf(config(`  dev:\n    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]\n    serviceAccounts:\n      - name: x\n        namespace: y\n        policyArns: ${JSON.stringify(arns)}\n`)).environments[0].roles[0];

describe("resource addresses", () => {
  it.each([
    [["arn:aws:iam::111122223333:policy/team.read", "arn:aws:iam::111122223333:policy/team_read"]],
    [["arn:aws:iam::111122223333:policy/a/shared", "arn:aws:iam::111122223333:policy/b/shared"]],
    [["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/service-role/AmazonS3ReadOnlyAccess"]],
  ])("tell apart policies whose names meet: %j", (arns) => {
    const forward = policyRole(arns).managedPolicies;
    const backward = policyRole([...arns].reverse()).managedPolicies;
    expect(new Set(forward.map((p) => p.address)).size).toBe(2);
    expect(Object.fromEntries(backward.map((p) => [p.arn, p.address]))).toEqual(Object.fromEntries(forward.map((p) => [p.arn, p.address])));
  });

  it("keep the readable address of the policy it names exactly, and every address that meets no other", () => {
    const addresses = Object.fromEntries(
      policyRole([
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::aws:policy/service-role/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::111122223333:policy/team_read",
        "arn:aws:iam::111122223333:policy/team.read",
        "arn:aws:iam::111122223333:policy/alone",
      ]).managedPolicies.map((p) => [p.arn.split(":").pop(), p.address]),
    );
    expect(addresses).toEqual({
      "policy/AmazonS3ReadOnlyAccess": "y__x__AmazonS3ReadOnlyAccess",
      "policy/service-role/AmazonS3ReadOnlyAccess": expect.stringMatching(/^y__x__AmazonS3ReadOnlyAccess_[0-9a-f]{8}$/),
      "policy/team_read": "y__x__111122223333-team_read",
      "policy/team.read": expect.stringMatching(/^y__x__111122223333-team_read_[0-9a-f]{8}$/),
      "policy/alone": "y__x__111122223333-alone",
    });
  });

  it("are unique and independent of order for any distinct identities", () => {
    const candidate = fc.record({ natural: fc.constantFrom("a", "b", "a_00000000", "b_1"), identity: fc.string({ maxLength: 6 }), exact: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.identity, maxLength: 8 }), (candidates) => {
        const addresses = uniqueAddresses(candidates);
        expect(new Set(addresses).size).toBe(candidates.length);
        const reversed = uniqueAddresses([...candidates].reverse()).reverse();
        expect(reversed).toEqual(addresses);
      }),
      { numRuns: 500 },
    );
  });
});
