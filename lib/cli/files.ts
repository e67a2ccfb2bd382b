// Writing the files a command creates (init, import): never over an existing one unless --force.
import { writeFileSync } from "node:fs";
import { fileErrorReason } from "../config/file-errors";
import { UsageError } from "../config/read";

export function writeNewFile(out: string, text: string, force: boolean): void {
  try {
    writeFileSync(out, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${out} already exists; not overwriting it (use --force to replace it)`);
    throw new UsageError(`--out ${out}: cannot write: ${fileErrorReason(error, "no such folder") ?? String(error)}`);
  }
}
