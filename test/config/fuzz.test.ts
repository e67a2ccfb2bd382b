// Property-based tests: any input is a valid model or a clean ConfigError, never a crash; and on random
// valid configs every synthesized trust admits exactly the configured subjects.
import fc from "fast-check";
import { stringify } from "yaml";
import { evaluate, webIdentityRequest } from "../../lib/iam/evaluate";
import { buildPlan } from "../../lib/model/build";
import { ConfigError } from "../../lib/config/diagnostics";
import { parseConfig } from "../../lib/config/load";

function loadsCleanly(text: string): boolean {
  try {
    buildPlan(parseConfig(text, "fuzz.yaml"));
    return true;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split("\n")) expect(line).toMatch(/^fuzz\.yaml(:\d+:\d+)?: (error|warning)/);
    return false;
  }
}

const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const hex32 = fc.stringMatching(/^[0-9A-F]{32}$/);

const validConfig = fc
  .record({
    envs: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { minLength: 1, maxLength: 3 }),
    clusters: fc.uniqueArray(fc.tuple(dnsLabel, hex32), { minLength: 1, maxLength: 4, selector: ([name]) => name }),
    sas: fc.uniqueArray(fc.tuple(dnsLabel, dnsLabel, fc.boolean(), fc.constantFrom("irsa", "both")), { minLength: 1, maxLength: 6, selector: ([ns, name]) => `${ns}/${name}` }),
  })
  .map(({ envs, clusters, sas }) => ({
    version: 1,
    defaults: { accountId: "111122223333", region: "us-west-2", trustPolicyMaxLength: 8192 },
    environments: Object.fromEntries(
      envs.map((env, e) => [
        env,
        {
          // One cluster belongs to one environment of an account: each environment gets its own account.
          accountId: `11112222333${e}`,
          clusters: clusters.map(([name, id]) => ({ name, oidcIssuerUrl: `https://oidc.eks.us-west-2.amazonaws.com/id/${e}${id.slice(1)}` })),
          serviceAccounts: sas.map(([namespace, name, narrow, identity]) => ({
            name,
            namespace,
            identity,
            ...(narrow ? { clusters: [clusters[0][0]] } : {}),
          })),
        },
      ]),
    ),
  }));

describe("fuzzing the loader and the model", () => {
  it("turns any YAML value into a model or a clean error", () => {
    fc.assert(fc.property(fc.anything(), (value) => void loadsCleanly(stringify(value) ?? "")), { numRuns: 300 });
  });

  it("turns any text into a model or a clean error", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void loadsCleanly(text)), { numRuns: 300 });
  });

  it("survives any value put anywhere in a valid config", () => {
    fc.assert(
      fc.property(validConfig, fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.anything(), (config, path, value) => {
        let node: any = config;
        for (const key of path.slice(0, -1)) node = node && typeof node === "object" ? (node[Object.keys(node)[key.length % Math.max(1, Object.keys(node).length)]] ?? node) : node;
        if (node && typeof node === "object") node[path[path.length - 1]] = value;
        loadsCleanly(stringify(config));
      }),
      { numRuns: 200 },
    );
  });

  it("on random valid configs, every trust admits exactly the configured subjects from the configured clusters", () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const plan = buildPlan(parseConfig(stringify(config), "fuzz.yaml"));
        const everyCluster = plan.environments.flatMap((e) => e.clusters);
        for (const env of plan.environments) {
          for (const sa of config.environments[env.name].serviceAccounts) {
            const role = env.roles.find((r) => r.key === `${sa.namespace}/${sa.name}`)!;
            const intended = sa.clusters ?? config.environments[env.name].clusters.map((c) => c.name);
            for (const cluster of everyCluster) {
              const trusted = env.clusters.includes(cluster) && intended.includes(cluster.name);
              for (const other of config.environments[env.name].serviceAccounts) {
                const request = webIdentityRequest(cluster.oidcProviderArn, { sub: `system:serviceaccount:${other.namespace}:${other.name}`, aud: "sts.amazonaws.com" });
                const expected = trusted && other === sa;
                expect(evaluate(role.trust, request).decision === "allow").toBe(expected);
              }
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
