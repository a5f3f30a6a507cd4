// The partner tool: `npm run partner -- --help`. Wires the commands to the process: arguments, stdout/stderr,
// Ctrl-C and the exit code. The logic lives in commands.ts and the modules it uses.
import { Logger, LoggerService } from '@nestjs/common';
import { run } from './commands';
import { EXIT } from './exit-codes';

// The Kafka layer logs through Nest's Logger, which writes warnings to stdout; here stdout carries only messages.
const toStderr =
  (level: string) =>
  (message: unknown, ...context: unknown[]) =>
    process.stderr.write(`${level} ${context.length > 0 ? `[${String(context[context.length - 1])}] ` : ''}${String(message)}\n`);
const stderrLogger: LoggerService = { log: toStderr('info'), warn: toStderr('warn'), error: toStderr('error') };
Logger.overrideLogger(stderrLogger);

const interrupt = new AbortController();
const onSignal = () => {
  // The first Ctrl-C ends the command cleanly (consumers leave their group); a second one does not wait.
  if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
  process.stderr.write('\nstopping (Ctrl-C again to quit at once)\n');
  interrupt.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  signal: interrupt.signal,
}).then((code) => {
  process.exitCode = code;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
});
