// Where commands write, so tests can run the CLI in-process and read what it printed.
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour only on a TTY and never with NO_COLOR. */
  readonly color: boolean;
  /** The clock of time-dependent checks (check-token's exp/nbf); tests inject one. Defaults to the system clock. */
  readonly now?: () => Date;
}

export const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
});

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
