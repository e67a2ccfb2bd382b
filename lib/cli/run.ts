// The irsa CLI: yargs wiring and the one place that turns errors into exit codes.
import yargs from "yargs";
import { ConfigError, formatDiagnostic } from "../spec/diagnostics";
import { UsageError } from "../spec/load";
import { EXIT, processIo, type CliIo } from "./io";
import { synthCommand } from "./synth";

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes("--debug");
  let exitCode: number = EXIT.ok;
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
            .option("config", { type: "string", default: "irsa.yaml", describe: "the irsa.yaml to read" })
            .option("out", { type: "string", default: "cdktf.out", describe: "output folder (replaced as a whole)" })
            .option("hcl", { type: "boolean", default: false, describe: "write cdk.tf (HCL) instead of cdk.tf.json" })
            .option("env", { type: "string", array: true, describe: "only these environments" })
            .example("$0 synth --config irsa.yaml --out cdktf.out", "JSON stacks in cdktf.out/stacks/<env>/cdk.tf.json")
            .example("$0 synth --hcl --env prod", "HCL for the prod stack only"),
        (args) => {
          exitCode = synthCommand({ config: args.config, out: args.out, hcl: args.hcl, env: args.env }, io);
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
      .wrap(Math.min(110, process.stdout.columns ?? 100));
    let helpText = "";
    await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (helpText) io.out(helpText);
    return exitCode;
  } catch (error) {
    return report(error, io, debug);
  }
}

function report(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof ConfigError) {
    for (const d of error.diagnostics) io.err(formatDiagnostic(error.file, d));
    return EXIT.findings;
  }
  if (error instanceof UsageError) {
    io.err(`irsa: ${error.message}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(debug && error instanceof Error && error.stack ? error.stack : `irsa: internal error: ${message.split("\n")[0]} (run with --debug for details)`);
  return EXIT.findings;
}
