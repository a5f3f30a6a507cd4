import { Io } from './commands';

/** An Io that keeps what a command prints, for the tests (and anyone driving the commands from code). */
export class CapturedIo implements Io {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;

  out(text: string): void {
    this.stdout.push(text);
  }
  err(text: string): void {
    this.stderr.push(text);
  }
  /** What Ctrl-C does in main.ts. */
  interrupt(): void {
    this.controller.abort();
  }
  get output(): string {
    return this.stdout.join('\n');
  }
  get errors(): string {
    return this.stderr.join('\n');
  }
}
