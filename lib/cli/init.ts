// irsa init: writes the starter irsa.yaml, never over an existing file unless --force.
import { writeFileSync } from "node:fs";
import { fileErrorReason } from "../config/file-errors";
import { UsageError } from "../config/load";
import { EXIT, type CliIo } from "./io";
import { STARTER_CONFIG } from "./starter";

export interface InitArgs {
  readonly out: string;
  readonly force: boolean;
  readonly stdout: boolean;
}

export function initCommand(args: InitArgs, io: CliIo): number {
  if (args.stdout) {
    io.out(STARTER_CONFIG);
    return EXIT.ok;
  }
  try {
    writeFileSync(args.out, STARTER_CONFIG, { flag: args.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${args.out} already exists; not overwriting it (use --force to replace it)`);
    throw new UsageError(`--out ${args.out}: cannot write: ${fileErrorReason(error, "no such folder") ?? String(error)}`);
  }
  io.out(`wrote ${args.out}; next: irsa validate --config ${args.out}`);
  return EXIT.ok;
}
