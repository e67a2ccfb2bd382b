// irsa import eksctl: an eksctl ClusterConfig -> irsa.yaml (stdout, or --out, never over a file unless --force).
// The result is loaded and planned like any config before the command reports success.
import { basename } from "node:path";
import { validateConfigText } from "../lint/validate";
import { formatDiagnostic } from "../config/diagnostics";
import { accountId as accountIdField, issuerUrl as issuerUrlField, roleName as roleNameField } from "../config/fields";
import { UsageError } from "../config/load";
import { importEksctl, roleNamesFromEksctl } from "../import/eksctl";
import { readInput } from "../config/read";
import { writeNewFile } from "./files";
import { EXIT, type CliIo } from "./io";

export interface ImportEksctlArgs {
  readonly clusterConfig: string;
  readonly issuerUrl: string;
  readonly accountId: string;
  readonly env?: string;
  readonly out?: string;
  readonly force: boolean;
  /** `<namespace>/<name>=<RoleName>`, repeatable. */
  readonly roleName?: readonly string[];
  /** The output of `eksctl get iamserviceaccount --cluster C -o json`. */
  readonly roleNames?: string;
}

export function importEksctlCommand(args: ImportEksctlArgs, io: CliIo): number {
  checkFlag("--issuer-url", args.issuerUrl, issuerUrlField);
  checkFlag("--account-id", args.accountId, accountIdField);
  if (args.env !== undefined && !/^[A-Za-z][\w-]*$/.test(args.env)) throw new UsageError(`--env ${args.env}: environment names start with a letter: letters, digits, '-', '_'`);
  const roleNames = new Map<string, string>();
  if (args.roleNames) {
    const text = readInput(args.roleNames, `--role-names ${args.roleNames}: cannot read`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--role-names ${args.roleNames}: not JSON: ${(error as Error).message}`);
    }
    const { names, problems } = roleNamesFromEksctl(json);
    for (const problem of problems) io.err(`${args.roleNames}: warning: ${problem}`);
    for (const [key, name] of names) roleNames.set(key, name);
  }
  for (const flag of args.roleName ?? []) {
    const match = /^([^/=]+)\/([^/=]+)=(.+)$/.exec(flag);
    if (!match) throw new UsageError(`--role-name ${flag}: expected <namespace>/<name>=<RoleName>`);
    checkFlag("--role-name", match[3], roleNameField);
    roleNames.set(`${match[1]}/${match[2]}`, match[3]);
  }

  const file = args.clusterConfig;
  const result = importEksctl(readInput(file, `ClusterConfig ${file}: cannot read`), { file: basename(file), issuerUrl: args.issuerUrl, accountId: args.accountId, environment: args.env, roleNames });
  for (const warning of result.warnings) io.err(formatDiagnostic(file, warning));
  if (args.out) writeNewFile(args.out, result.text, args.force);
  else io.out(result.text);

  // The output must be a config irsa accepts: the checks of `irsa validate` (schema, model, lint rules).
  const written = args.out ?? "(stdout)";
  const validation = validateConfigText(result.text, written);
  for (const d of validation.diagnostics) io.err(formatDiagnostic(written, d));
  if (!validation.valid) {
    io.err(`irsa: the imported config has errors (above); fix them in ${written}`);
    return EXIT.findings;
  }
  const summary = `environment ${result.environment}: ${result.adopted} adopted, ${result.notAdopted} not adopted (role name unknown)`;
  io.err(args.out ? `wrote ${args.out}; ${summary}; next: irsa validate --config ${args.out}` : summary);
  return EXIT.ok;
}

function checkFlag(flag: string, value: string, schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }): void {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${flag} ${value}: ${result.error!.issues[0].message}`);
}
