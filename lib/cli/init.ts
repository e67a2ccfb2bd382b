// irsa init: writes the starter irsa.yaml, never over an existing file unless --force.
import { writeNewFile } from "./files";
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
  writeNewFile(args.out, STARTER_CONFIG, args.force);
  io.out(`wrote ${args.out}; next: irsa validate --config ${args.out}`);
  return EXIT.ok;
}
