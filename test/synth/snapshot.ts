// A folder as data, for byte-for-byte comparisons of outputs before and after a run.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file and folder below `folder` with its bytes ("<dir>" for folders) and mode. */
export function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const stat = statSync(path);
      const key = relative(folder, path);
      if (stat.isDirectory()) {
        out[key] = `<dir ${(stat.mode & 0o777).toString(8)}>`;
        walk(path);
      } else out[key] = `${(stat.mode & 0o777).toString(8)} ${readFileSync(path, "latin1")}`;
    }
  };
  walk(folder);
  return out;
}

