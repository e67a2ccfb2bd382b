// The irsa CLI: yargs wiring and the one place that turns errors into exit codes. Each command's module (and the
// rule pack, for validate's help) is imported when the command runs, so that `irsa --help` does not pay for the
// YAML parser and zod, `irsa validate` not for cdktf and `irsa schema` not for jose.
import yargs from "yargs";
import { AnalysisError } from "../analysis/errors";
import { FAIL_ON, type FailOn } from "../analysis/diff";
import { ConfigError, formatDiagnostic } from "../config/diagnostics";
import { MAX_INPUT_BYTES, UsageError } from "../config/read";
import { DIFF_FORMATS } from "./diff-report";
import { EXAMPLE_RULE_ID, RULE_ID } from "../config/rule-ids";
import { STS_AUDIENCE } from "../iam/trust";
import { EXIT, processIo, type CliIo } from "./io";

const VALIDATE_FORMATS = ["text", "json", "sarif"] as const;

/** `--fail-on a,b --fail-on c` -> [a, b, c]; an unknown name is an unusable invocation. */
function failOnList(values: readonly string[]): FailOn[] {
  const names = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const name of names) {
    if (!(FAIL_ON as readonly string[]).includes(name)) throw new UsageError(`--fail-on ${name}: not a condition; use ${FAIL_ON.join(", ")}`);
  }
  return [...new Set(names)] as FailOn[];
}

const EXIT_CODES =
  "Exit codes: 0 ok; 1 findings (invalid config, lint errors, a refused token); 2 unusable invocation or file (missing, unreadable, " +
  `not a folder, over ${MAX_INPUT_BYTES / 1024 / 1024} MiB); 3 internal error (a bug: please report it).`;

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes("--debug");
  let exitCode: number = EXIT.ok;
  const config = { type: "string", default: "irsa.yaml", describe: "the irsa.yaml to read" } as const;
  try {
    const parser = yargs([...argv])
      .scriptName("irsa")
      .usage("$0 <command> [options]\n\nLeast-privilege IAM roles for EKS workloads (IRSA and Pod Identity) from one irsa.yaml.")
      .option("debug", { type: "boolean", describe: "show stack traces of internal errors" })
      .command(
        "synth",
        "synthesize one Terraform stack per environment",
        (y) =>
          y
            .option("config", config)
            .option("out", { type: "string", default: "cdktf.out", describe: "output folder (replaced as a whole)" })
            .option("hcl", { type: "boolean", default: false, describe: "write cdk.tf (HCL) instead of cdk.tf.json" })
            .option("env", { type: "string", array: true, describe: "only these environments" })
            .option("jobs", { type: "number", describe: "environments synthesized at once, each in a worker thread (default: one per CPU when the fleet is large enough; 1 = in one process)" })
            .example("$0 synth --config irsa.yaml --out cdktf.out", "JSON stacks in cdktf.out/stacks/<env>/cdk.tf.json")
            .example("$0 synth --hcl --env prod", "HCL for the prod stack only"),
        async (args) => {
          exitCode = await (await import("./synth")).synthCommand({ config: args.config, out: args.out, hcl: args.hcl, env: args.env, jobs: args.jobs }, io);
        },
      )
      .command(
        "validate",
        `check a config: schema, then the lint rules (${EXAMPLE_RULE_ID}...)`,
        (y) =>
          y
            .option("config", config)
            .option("format", { choices: VALIDATE_FORMATS, default: "text" as const, describe: "text; json; sarif (SARIF 2.1.0 for GitHub code scanning)" })
            .example("$0 validate --config irsa.yaml", "one line per finding, then a summary")
            .example("$0 validate --format sarif > irsa.sarif", "upload with github/codeql-action/upload-sarif")
            .epilog(
              [
                `Rules (suppress one on a serviceAccounts entry with  suppress: [{ rule: ${RULE_ID.writeOnAnyResource}, reason: "..." }]):`,
                ...ruleSummaries().map((r) => `  ${r.id}  ${r.severity.padEnd(7)}  ${r.name}: ${r.summary}`),
                "",
                "Exits 1 while an unsuppressed error remains; warnings are printed and do not fail the run.",
                EXIT_CODES,
              ].join("\n"),
            ),
        async (args) => {
          exitCode = (await import("./validate")).validateCommand({ config: args.config, format: args.format }, io);
        },
      )
      .command(
        "explain",
        "who may assume each role (clusters, issuers, subjects, IRSA / Pod Identity) and what it may do",
        (y) => {
          // Required here, synchronously, and only for `irsa explain`: ./explain loads the YAML parser and zod.
          const { EXPLAIN_FORMATS, TABLE_ROLES_DETAILED } = require("./explain") as typeof import("./explain");
          const { GRAPH_ROLES_DRAWN } = require("./explain-graph") as typeof import("./explain-graph");
          return y
            .option("config", config)
            .option("env", { type: "string", describe: "only this environment" })
            .option("role", { type: "string", describe: "only this role (name, <namespace>/<name> key, addon id or addons output key), always in detail" })
            .option("format", { choices: EXPLAIN_FORMATS, describe: "table (default); json (stable); mermaid (GitHub renders it in Markdown); dot (Graphviz)" })
            .option("json", { type: "boolean", default: false, describe: "the same as --format json" })
            .example("$0 explain --config irsa.yaml", "a table per environment (grouped by namespace), then each role in detail")
            .example("$0 explain --env prod --json | jq '.environments[0].roles[] | {name, issuerUrls, subjects}'", "issuers and subjects of every prod role")
            .example("$0 explain --env prod --format mermaid", "clusters, namespaces, ServiceAccounts, roles and the services they may use; paste it in a ```mermaid block")
            .example("$0 explain --env prod --format dot | dot -Tsvg > prod.svg", "the same picture with Graphviz")
            .epilog(
              `Who may assume a role is read from the trust policy the stack will create, not from the config. ` +
                `Large environments stay legible: the table shows details of at most ${TABLE_ROLES_DETAILED} roles (--role shows any one), ` +
                `and the pictures draw an environment of more than ${GRAPH_ROLES_DRAWN} roles per namespace.`,
            );
        },
        async (args) => {
          if (args.json && args.format !== undefined && args.format !== "json") throw new UsageError(`--json and --format ${args.format} disagree: give one`);
          const format = args.json ? "json" : (args.format ?? "table");
          exitCode = (await import("./explain")).explainCommand({ config: args.config, env: args.env, role: args.role, format }, io);
        },
      )
      .command(
        "diff",
        "what a change to the config grants and takes away: roles, trust, permissions, ServiceAccounts, new findings",
        (y) =>
          y
            .option("config", config)
            .option("base", { type: "string", demandOption: true, describe: "the config to compare with: a file, or else a git revision (its copy of --config's path)" })
            .option("format", { choices: DIFF_FORMATS, default: "text" as const, describe: "text; markdown (a pull-request comment); json (stable)" })
            .option("fail-on", {
              type: "string",
              array: true,
              default: [] as string[],
              describe: `exit 1 when the change has one of: ${FAIL_ON.join(", ")} (comma-separated or repeated)`,
            })
            .example("$0 diff --base origin/main", "the change since main, in the terminal")
            .example("$0 diff --base origin/main --format markdown > diff.md", "a pull-request comment")
            .example("$0 diff --base old.yaml --fail-on new-wildcard,role-replaced", "fail CI on a new wildcard or a replaced role")
            .epilog(
              [
                "Compares the two configs through the model: what Terraform will create, not the text.",
                `--fail-on: new-wildcard (a new * in an action, resource or subject), new-escalation (a new finding of the rule pack's privilege-escalation rule, ${RULE_ID.privilegeEscalation}),`,
                "new-cross-account (new trust or permission reaching another account), role-replaced (a role Terraform destroys and re-creates: its ARN changes).",
                "Exit codes: 0 ok; 1 a --fail-on condition is met or the config is invalid; 2 unusable invocation, unreadable file, unknown revision or refused base; 3 internal error.",
              ].join("\n"),
            ),
        async (args) => {
          exitCode = (await import("./diff")).diffCommand({ config: args.config, base: args.base, format: args.format, failOn: failOnList(args["fail-on"]) }, io);
        },
      )
      .command(
        "check-token",
        "would STS let this ServiceAccount token assume the role? (offline AssumeRoleWithWebIdentity)",
        (y) =>
          y
            .option("config", config)
            .option("env", { type: "string", demandOption: true, describe: "the environment of the role" })
            .option("role", { type: "string", demandOption: true, describe: "role name, <namespace>/<name> key, addon id, or addons output key (clusterAutoscaler@prod-blue)" })
            .option("token", { type: "string", demandOption: true, describe: "file holding the projected ServiceAccount token (a JWT)" })
            .option("jwks", { type: "string", describe: "the cluster issuer's JWKS (<issuer>/keys); without it the signature is NOT verified" })
            .option("json", { type: "boolean", default: false, describe: "print the verdict as JSON" })
            .example(`kubectl create token reporter -n billing --audience ${STS_AUDIENCE} > token.jwt`, "get a token")
            .example("kubectl get --raw /openid/v1/jwks > jwks.json", "get the cluster's signing keys")
            .example("$0 check-token --env prod --role billing/reporter --token token.jwt --jwks jwks.json", "check it")
            .epilog(
              "Checks, in order, stopping at the first failure: signature (RS256, against the JWKS), issuer (a cluster of the environment), " +
                `audience (${STS_AUDIENCE}), expiry and not-before (now), then the role's trust policy.\n` +
                "Exit 0 allowed; 1 refused (the failing check says what it expected and what the token has); 2 unusable input.",
            ),
        async (args) => {
          exitCode = await (await import("./check-token")).checkTokenCommand({ config: args.config, env: args.env, role: args.role, token: args.token, jwks: args.jwks, json: args.json }, io);
        },
      )
      .command(
        "addons",
        "list the controller catalog: ids for addons:, default ServiceAccounts, install method, options",
        (y) =>
          y
            .option("json", { type: "boolean", default: false, describe: "machine-readable catalog" })
            .example("$0 addons", "the catalog as a table")
            .example("$0 addons --json | jq -r '.[].id'", "just the ids"),
        async (args) => {
          exitCode = (await import("./addons")).addonsCommand({ json: args.json }, io);
        },
      )
      .command("import", "write an irsa.yaml from another tool's description of existing roles", (y) =>
        y
          .command(
            "eksctl <clusterConfig>",
            "from an eksctl ClusterConfig (iam.serviceAccounts, iam.podIdentityAssociations); adopts the existing roles where their names are known",
            (e) =>
              e
                .positional("clusterConfig", { type: "string", demandOption: true, describe: "the eksctl ClusterConfig (YAML)" })
                .option("issuer-url", { type: "string", demandOption: true, describe: "the cluster's OIDC issuer (eksctl looks it up; aws eks describe-cluster --query cluster.identity.oidc.issuer)" })
                .option("account-id", { type: "string", demandOption: true, describe: "the account that holds the roles and the OIDC provider" })
                .option("env", { type: "string", describe: "environment name (default: the cluster's name)" })
                .option("out", { type: "string", describe: "write the irsa.yaml there instead of stdout (refuses an existing file)" })
                .option("force", { type: "boolean", default: false, describe: "with --out: overwrite an existing file" })
                .option("role-name", { type: "string", array: true, describe: "<namespace>/<name>=<RoleName>: the real name of a role CloudFormation named (repeatable)" })
                .option("role-names", { type: "string", describe: "file with the output of  eksctl get iamserviceaccount --cluster C -o json  (real role names)" })
                .example(
                  "$0 import eksctl cluster.yaml --issuer-url https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE --account-id 111122223333 --out irsa.yaml",
                  "roles with a roleName in the ClusterConfig are adopted",
                )
                .example("eksctl get iamserviceaccount --cluster cluster-13 -o json > eksctl-roles.json", "the names CloudFormation generated")
                .example("$0 import eksctl cluster.yaml --issuer-url URL --account-id ID --role-names eksctl-roles.json", "adopt every role eksctl created")
                .example("$0 import eksctl cluster.yaml --issuer-url URL --account-id ID --role-name backend-apps/s3-reader=eksctl-cluster-13-addon-iamserviceacc-Role1-AB12CD34EF56", "name one role")
                .epilog(
                  "Warnings (stderr) name each part of the ClusterConfig that has no equivalent; the output keeps it as a comment.\n" +
                    "The output is loaded and planned like any irsa.yaml: exit 1 if it has errors. README: detaching eksctl's CloudFormation stacks without deleting the roles.",
                ),
            async (args) => {
              exitCode = (await import("./import")).importEksctlCommand(
                {
                  clusterConfig: args.clusterConfig,
                  issuerUrl: args.issuerUrl,
                  accountId: args.accountId,
                  env: args.env,
                  out: args.out,
                  force: args.force,
                  roleName: args.roleName,
                  roleNames: args.roleNames,
                },
                io,
              );
            },
          )
          .demandCommand(1, "name the tool to import from: eksctl"),
      )
      .command(
        "init",
        "write a commented starter irsa.yaml",
        (y) =>
          y
            .option("out", { type: "string", default: "irsa.yaml", describe: "where to write it" })
            .option("force", { type: "boolean", default: false, describe: "overwrite an existing file" })
            .option("stdout", { type: "boolean", default: false, describe: "print it instead of writing a file" })
            .example("$0 init", "writes ./irsa.yaml unless it exists")
            .example("$0 init --out environments/irsa.yaml --force", "replace an existing file")
            .example("$0 init --stdout | less", "just read it"),
        async (args) => {
          exitCode = (await import("./init")).initCommand({ out: args.out, force: args.force, stdout: args.stdout }, io);
        },
      )
      .command(
        "schema",
        "print the JSON Schema of irsa.yaml (for editors)",
        (y) =>
          y
            .example("$0 schema > irsa.schema.json", "save it beside irsa.yaml")
            .epilog(
              "Point the YAML language server (VS Code's YAML extension, and others) at it with this first line in irsa.yaml:\n\n" +
                "  # yaml-language-server: $schema=./irsa.schema.json\n\n" +
                "The schema checks structure and field formats; cross-field rules and the lint rules need `irsa validate`.",
            ),
        async () => {
          exitCode = (await import("./schema")).schemaCommand(io);
        },
      )
      .demandCommand(1, "name a command")
      .strict()
      .help()
      .version(false)
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .epilog(EXIT_CODES)
      .wrap(Math.min(110, process.stdout.columns ?? 100));
    withoutHelpCaching(parser);
    let helpText = "";
    await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (helpText) io.out(helpText);
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/**
 * yargs renders the whole help of a command each time it has started the command's handler (command.js, for a
 * handler that would show it later, when the command context is gone): 5-9 ms of `irsa validate`. No handler
 * here shows help (usage errors are thrown and printed as one line), so that rendering is skipped; --help renders it
 * as before. The usage instance is yargs' internal object, the same one for the whole parse.
 */
function withoutHelpCaching(parser: object): void {
  const internals = parser as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } };
  internals.getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
}

/** The rule pack, loaded synchronously (a yargs builder cannot wait) and only for `irsa validate`. */
function ruleSummaries(): typeof import("../lint/rules").RULES {
  return (require("../lint/rules") as typeof import("../lint/rules")).RULES;
}

/** The one place that turns an error into its exit code and one line on stderr (also used by main.ts). */
export function reportError(error: unknown, io: CliIo, debug = false): number {
  if (error instanceof ConfigError) {
    for (const d of error.diagnostics) io.err(formatDiagnostic(error.file, d));
    return EXIT.findings;
  }
  if (error instanceof UsageError || error instanceof AnalysisError) {
    io.err(`irsa: ${error.message}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(
    debug && error instanceof Error && error.stack
      ? error.stack
      : `irsa: internal error (a bug in irsa, not in your input): ${message.split("\n")[0]}; please report it with the command and the output of --debug`,
  );
  return EXIT.internal;
}
