/** Exit codes, listed in `--help`, so that an integrator's scripts can branch on the outcome. */
export const EXIT = {
  /** Done: the message was published (and, with --follow, at least one reply arrived). */
  ok: 0,
  /** The message does not match the contract; nothing was published. */
  invalidMessage: 1,
  /** Bad arguments, an unreadable file, an unknown message type. */
  usage: 2,
  /** The broker cannot be reached or the partner's topic does not exist. */
  kafka: 3,
  /** send --follow: no reply to the message before the timeout. */
  noReply: 4,
  /** follow: at least one reply did not match the contract. */
  badReply: 5,
  /** Ctrl-C before the message was published. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: its message is for the user (no stack trace) and it carries the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
