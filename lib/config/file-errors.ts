// File-system errors in words, for the one-line messages of an unusable invocation (exit 2): one table for
// reading the config and the files a command is pointed at, and for writing --out.

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOTDIR: "a parent is not a folder",
  EISDIR: "is a folder",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "already exists",
  ENOTEMPTY: "folder not empty",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
};

/**
 * Why a file operation failed, when the error is one the user can fix; undefined for anything else.
 * `missing` words ENOENT, which means a missing file when reading and a missing folder when writing.
 */
export function fileErrorReason(error: unknown, missing: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return missing;
  return code === undefined ? undefined : FS_ERRORS[code];
}
