// irsa check-token: reads the token (and JWKS), runs the offline STS checks, prints each check and the verdict.
import { checkToken, type Check, type TokenVerdict } from "../analysis/check-token";
import { decodeToken, parseJwks } from "../analysis/token";
import { buildPlan } from "../model/build";
import { loadConfig } from "../config/load";
import { readInput } from "../config/read";
import { EXIT, type CliIo } from "./io";
import { selectEnvironment, selectRole } from "./select";
import { styleFor, type Style } from "./style";
import { table } from "./table";

export interface CheckTokenArgs {
  readonly config: string;
  readonly env: string;
  readonly role: string;
  readonly token: string;
  readonly jwks?: string;
  readonly json: boolean;
}

export async function checkTokenCommand(args: CheckTokenArgs, io: CliIo): Promise<number> {
  const plan = buildPlan(loadConfig(args.config));
  const environment = selectEnvironment(plan, args.env);
  const role = selectRole(environment, args.role);
  const tokenText = readInput(args.token, `--token ${args.token}: cannot read`);
  const jwksText = args.jwks !== undefined ? readInput(args.jwks, `--jwks ${args.jwks}: cannot read`) : undefined;
  const token = decodeToken(tokenText, args.token);
  const jwks = args.jwks !== undefined && jwksText !== undefined ? parseJwks(jwksText, args.jwks) : undefined;
  const verdict = await checkToken({ token, jwks, environment, role, now: io.now?.() ?? new Date() });
  if (args.json) io.out(JSON.stringify(verdict, null, 2));
  else io.out(verdictText(verdict, styleFor(io)));
  return verdict.allowed ? EXIT.ok : EXIT.findings;
}

function verdictText(verdict: TokenVerdict, style: Style): string {
  const mark = (c: Check) => (c.outcome === "pass" ? style.green("ok") : c.outcome === "fail" ? style.red("FAIL") : style.yellow("WARN"));
  const rows = table(verdict.checks.map((c) => [mark(c), c.check, c.detail]), "  ");
  const who = `${verdict.subject ?? "(no sub)"}${verdict.cluster ? ` from cluster ${verdict.cluster}` : ""}`;
  const unverified = verdict.signatureVerified ? "" : style.yellow(" (signature NOT verified)");
  const last = verdict.failure
    ? `${style.red(style.bold("refused"))}: ${verdict.failure.detail}`
    : `${style.green(style.bold("allowed"))}${unverified}: ${who} may assume ${verdict.role.arn}`;
  return [`role ${verdict.role.name} (${verdict.role.key}) in environment ${verdict.environment}`, ...rows, last].join("\n");
}
