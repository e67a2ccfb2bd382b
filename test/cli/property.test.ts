// The whole CLI under generated configs and file-system states: every run ends in 0, 1 or 2 (never 3, an
// internal error), a failed synth leaves --out exactly as it was, and a successful one keeps every file it did
// not write. Bounded: a few dozen runs of a few hundred milliseconds.
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCli } from "../../lib/cli/run";
import { OWNERSHIP_RECORD } from "../../lib/output";
import { captureIo, tempDir } from "../support";
import { snapshot } from "../synth/snapshot";

/** Strings a user might write, hostile ones included: template sequences, quotes, unicode, control characters. */
const text = fc.oneof(
  fc.constantFrom("${file(\"/etc/hostname\")}", "100%{", "%{ if true }x%{ endif }", "$${x}", "${aws:username}", "${TfToken[TOKEN.1]}", "a\"b\\c", "é✓", "", " ", "\n", "\u0000"),
  fc.string({ maxLength: 12 }),
);
/** Mostly valid, sometimes not: most runs should get through validation to the writing of --out. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: other });
const label = mostly(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/), fc.oneof(fc.constantFrom("a.b", "*", "x*", "Api", "-x", "kube-system"), text));
const policyArn = mostly(
  fc.constantFrom(
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AmazonS3ReadOnlyAccess",
    "arn:aws:iam::111122223333:policy/team.read",
    "arn:aws:iam::111122223333:policy/team_read",
    "arn:aws:iam::111122223333:policy/a/shared",
    "arn:aws:iam::111122223333:policy/b/shared",
  ),
  fc.oneof(fc.constant("arn:aws-cn:iam::aws:policy/X"), text.map((t) => `arn:aws:iam::111122223333:policy/${t}`)),
);
const issuer = mostly(
  fc.stringMatching(/^[0-9A-F]{32}$/).map((id) => `https://oidc.eks.us-west-2.amazonaws.com/id/${id}`),
  fc.oneof(text.map((t) => `https://oidc.eks.us-west-2.amazonaws.com/id/${t}`), text),
);

const serviceAccount = fc.record(
  {
    name: label,
    namespace: label,
    identity: fc.constantFrom("irsa", "pod-identity", "both"),
    createServiceAccount: fc.boolean(),
    roleName: mostly(fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,20}$/), text),
    policyArns: fc.array(policyArn, { maxLength: 4 }),
    tags: fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), text, { maxKeys: 2 }),
    annotations: fc.dictionary(fc.constantFrom("example.com/a", "b", "example.com/${k}"), text, { maxKeys: 2 }),
    labels: fc.dictionary(fc.constantFrom("team", "app"), text, { maxKeys: 2 }),
    policy: fc.record({ Statement: fc.array(fc.record({ Effect: fc.constantFrom("Allow", "Deny"), Action: fc.constantFrom(["s3:GetObject"], ["*"], "sqs:*"), Resource: fc.constantFrom(["*"], ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*"]) }), { minLength: 1, maxLength: 2 }) }),
  },
  { requiredKeys: ["name", "namespace", "policyArns"] },
);

const configText = fc.oneof(
  { weight: 10, arbitrary: fc
    .record({
      envs: fc.uniqueArray(mostly(fc.constantFrom("dev", "prod"), label), { minLength: 1, maxLength: 2 }),
      clusters: fc.uniqueArray(fc.record({ name: fc.oneof(fc.constantFrom("blue", "green"), label), oidcIssuerUrl: issuer }), { minLength: 1, maxLength: 2, selector: (c) => c.name }),
      serviceAccounts: fc.uniqueArray(serviceAccount, { maxLength: 3, selector: (sa) => `${sa.namespace}/${sa.name}` }),
      rolePath: mostly(fc.constant("/"), text.map((t) => `/${t}/`)),
      tags: fc.dictionary(fc.constantFrom("owner", "cost"), text, { maxKeys: 2 }),
      addons: fc.constantFrom({}, { awsLoadBalancerController: {} }, { externalDns: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] } }),
    })
    .map(({ envs, clusters, serviceAccounts, rolePath, tags, addons }) =>
      stringify({
        version: 1,
        defaults: { accountId: "111122223333", region: "us-west-2", rolePath, tags },
        environments: Object.fromEntries(envs.map((env, i) => [env, { accountId: `11112222333${i}`, clusters, serviceAccounts, addons }])),
      }),
    ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

/** What --out holds before the run. */
type OutState = "absent" | "empty" | "a file" | "foreign files" | "previous output" | "previous output with state" | "legacy output" | "bad record" | "record escaping the folder" | "below a file";
const outState = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<OutState>("previous output", "previous output with state", "legacy output") },
  { weight: 1, arbitrary: fc.constantFrom<OutState>("absent", "empty", "a file", "foreign files", "bad record", "record escaping the folder", "below a file") },
);

const LEGACY_MANIFEST = JSON.stringify({ version: "0.21.0", stacks: { dev: { synthesizedStackPath: "stacks/dev/cdk.tf.json" } } });

function prepare(state: OutState, root: string): string {
  const out = join(root, "out");
  const write = (file: string, content: string) => {
    mkdirSync(join(out, file, ".."), { recursive: true });
    writeFileSync(join(out, file), content);
  };
  switch (state) {
    case "absent":
      return out;
    case "empty":
      mkdirSync(out);
      return out;
    case "a file":
      writeFileSync(out, "x");
      return out;
    case "below a file":
      writeFileSync(out, "x");
      return join(out, "inner");
    case "foreign files":
      write("manifest.json", "{}");
      write("irsa.yaml", "version: 1");
      return out;
    case "previous output":
    case "previous output with state":
      write(OWNERSHIP_RECORD, JSON.stringify({ files: [OWNERSHIP_RECORD, "manifest.json", "stacks/dev/cdk.tf.json"] }));
      write("manifest.json", LEGACY_MANIFEST);
      write("stacks/dev/cdk.tf.json", "{}");
      write("NOTES.md", "mine");
      if (state === "previous output with state") {
        write("stacks/dev/terraform.dev.tfstate", '{"serial": 1}');
        write("stacks/dev/.terraform.lock.hcl", "# lock");
        write("stacks/dev/plan", "PK\x03\x04");
      }
      return out;
    case "legacy output":
      write("manifest.json", LEGACY_MANIFEST);
      write("stacks/dev/cdk.tf.json", "{}");
      write("stacks/dev/terraform.dev.tfstate", "{}");
      return out;
    case "bad record":
      write(OWNERSHIP_RECORD, "not json");
      return out;
    case "record escaping the folder":
      write(OWNERSHIP_RECORD, JSON.stringify({ files: ["../victim"] }));
      writeFileSync(join(root, "victim"), "keep");
      return out;
  }
}

const invocation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ command: fc.constant("synth" as const), hcl: fc.boolean(), env: fc.option(fc.constantFrom("dev", "prod", "nope"), { nil: undefined, freq: 3 }), state: outState }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constantFrom("validate" as const, "explain" as const) }) },
  { weight: 1, arbitrary: fc.record({ command: fc.constant("check-token" as const), token: fc.string({ maxLength: 40 }) }) },
);

describe("the CLI on generated configs and file-system states", () => {
  it("never ends in an internal error, and never loses a file it did not write", async () => {
    await fc.assert(
      fc.asyncProperty(configText, invocation, async (yaml, run) => {
        const root = tempDir("irsa-prop-");
        const configFile = join(root, "irsa.yaml");
        writeFileSync(configFile, yaml);
        let argv: string[];
        let out: string | undefined;
        if (run.command === "synth") {
          out = prepare(run.state, root);
          argv = ["synth", "--config", configFile, "--out", out, ...(run.hcl ? ["--hcl"] : []), ...(run.env ? ["--env", run.env] : [])];
        } else if (run.command === "check-token") {
          writeFileSync(join(root, "token"), run.token);
          argv = ["check-token", "--config", configFile, "--env", "dev", "--role", "x/y", "--token", join(root, "token")];
        } else argv = [run.command, "--config", configFile];
        const before = snapshot(root);
        const io = captureIo();
        const code = await runCli(argv, io);
        expect({ argv, code: [0, 1, 2].includes(code) ? "0-2" : code, stderr: io.stderr() }).toEqual({ argv, code: "0-2", stderr: expect.not.stringContaining("internal error") });
        const after = snapshot(root);
        if (run.command !== "synth" || code !== 0) {
          expect(after).toEqual(before);
          return;
        }
        const ours = /(^|\/)(\.irsa-synth\.json|manifest\.json|cdk\.tf(\.json)?|metadata\.json)$/;
        for (const [file, content] of Object.entries(before)) if (!ours.test(file) && !content.startsWith("<dir")) expect([file, after[file]]).toEqual([file, content]);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 15_000 },
    );
  });
});
