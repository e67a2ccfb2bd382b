// Reading the files a command is pointed at; a missing or unreadable one is an unusable invocation (exit 2).
import { readFileSync } from "node:fs";
import { fileErrorReason } from "../config/file-errors";
import { UsageError } from "../config/load";

export function readInputFile(file: string, option: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read: ${fileErrorReason(error, "no such file") ?? String(error)}`);
  }
}
