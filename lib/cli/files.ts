// Reading the files a command is pointed at; a missing or unreadable one is an unusable invocation (exit 2).
import { readFileSync } from "node:fs";
import { UsageError } from "../config/load";

export function readInputFile(file: string, option: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(code ?? error);
    throw new UsageError(`${option} ${file}: cannot read: ${why}`);
  }
}
