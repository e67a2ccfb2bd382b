// Reading a file the CLI is pointed at (config, --base, token, JWKS, ClusterConfig, ...). Every such read goes
// through readInput: it stops at MAX_INPUT_BYTES, so `--config /dev/zero` or a token of /dev/urandom is refused
// at once instead of filling memory, and a missing, unreadable or oversized file is an unusable invocation (exit 2).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { fileErrorReason } from "./file-errors";

/** The largest input file any command reads: 64 MiB, above a config of 100 environments x 500 ServiceAccounts (~20 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** An unusable invocation or input file (exit 2), as opposed to findings about a file's content (exit 1). */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The text of `file` (UTF-8), read without ever holding more than MAX_INPUT_BYTES + 1 bytes. Errors name the
 * file through `what` ("irsa.yaml: cannot read config", "--token t.jwt: cannot read") and say why, on one line.
 */
export function readInput(file: string, what: string): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new UsageError(`${what}: ${reason(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError(`${what}: is a folder`);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge(what);
    // Devices and pipes have no size: read in chunks and stop one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, MAX_INPUT_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_INPUT_BYTES) throw tooLarge(what);
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what}: ${reason(error)}`);
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (what: string) => new UsageError(`${what}: larger than the input limit of ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);

const reason = (error: unknown) => fileErrorReason(error, "no such file") ?? String((error as NodeJS.ErrnoException).code ?? error);
