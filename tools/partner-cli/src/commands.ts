import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Command, FollowOptions, SendOptions, parseCommandLine } from './args';
import { CliError, EXIT, ExitCode } from './exit-codes';
import { Follower, startFollowing, waitForEnd } from './follow';
import { connectKafka, inspectTopic, newGroupId } from './kafka';
import { prepareMessage, readMessageFile } from './message';
import { HELP, formatReply, formatSent, formatTypes, formatValidationErrors } from './print';
import { Reply, isReplyTo } from './replies';
import { publish } from './send';

/** Where the commands write and how they learn of Ctrl-C; main.ts passes the process's, tests their own. */
export interface Io {
  /** Results: the sent message, replies, lists. */
  out(text: string): void;
  /** Progress and problems, kept apart so that stdout can be piped. */
  err(text: string): void;
  signal: AbortSignal;
}

/** Runs one command line and returns the exit code; never throws. */
export async function run(argv: string[], io: Io): Promise<ExitCode> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    return report(error, io);
  }
  try {
    switch (command.name) {
      case 'help':
        io.out(HELP);
        return EXIT.ok;
      case 'types':
        io.out(formatTypes());
        return EXIT.ok;
      case 'send':
        return await sendCommand(command, io);
      case 'follow':
        return await followCommand(command, io);
    }
  } catch (error) {
    return report(error, io);
  }
}

export async function sendCommand(options: SendOptions, io: Io): Promise<ExitCode> {
  const prepared = prepareMessage(readMessageFile(options.file), options);
  if (!prepared.ok) {
    io.err(formatValidationErrors(options.file, prepared.type, prepared.errors));
    return EXIT.invalidMessage;
  }
  prepared.warnings.forEach((w) => io.err(`warning: ${w}`));
  const { message } = prepared;
  const record = buildPartnerRecord({
    type: message.type,
    value: message.value,
    raw: message.raw,
    key: message.key,
    id: options.id,
    source: options.source ?? `urn:authority:${options.partner.toLowerCase()}:partner-cli`,
  });
  const id = record.headers.ce_id;
  const inbound = partnerInboundTopic(options.partner);
  const outbound = partnerOutboundTopic(options.partner);
  const kafka = await connectKafka(options.brokers, `partner-cli-${options.partner.toLowerCase()}`, options);

  await inspectTopic(kafka, inbound);
  const replies: Reply[] = [];
  // Following starts before publishing, so that even an immediate reply is seen.
  const follower: Follower | undefined = options.follow
    ? await startFollowing(kafka, { topic: outbound, groupId: newGroupId(options.partner), fromBeginning: false }, (reply) => {
        if (!isReplyTo(reply, { key: record.key, id })) return;
        replies.push(reply);
        io.out(formatReply(reply));
      })
    : undefined;
  try {
    if (io.signal.aborted) {
      io.err('interrupted; nothing was published');
      return EXIT.interrupted;
    }
    const where = await publish(kafka, inbound, record);
    io.out(formatSent({ type: message.type, topic: inbound, key: record.key, id, ...where }));
    if (!follower) return EXIT.ok;

    io.err(`waiting ${options.timeoutSeconds} s for replies on ${outbound} (key ${record.key} or ce_causationid ${id}); Ctrl-C to stop`);
    const end = await waitForEnd(options.timeoutSeconds * 1000, io.signal, follower.failed);
    if (end.reason === 'failed') throw end.error;
    io.err(
      replies.length === 0 ? `no reply within ${options.timeoutSeconds} s` : `${replies.length} repl${replies.length === 1 ? 'y' : 'ies'}`,
    );
    return replies.length === 0 ? EXIT.noReply : EXIT.ok;
  } finally {
    await follower?.stop();
  }
}

export async function followCommand(options: FollowOptions, io: Io): Promise<ExitCode> {
  const outbound = partnerOutboundTopic(options.partner);
  const kafka = await connectKafka(options.brokers, `partner-cli-${options.partner.toLowerCase()}`, options);
  const groupId = newGroupId(options.partner);
  let count = 0;
  let bad = 0;
  const follower = await startFollowing(kafka, { topic: outbound, groupId, fromBeginning: options.fromBeginning }, (reply) => {
    count += 1;
    if (reply.problems.length > 0) bad += 1;
    io.out(formatReply(reply));
  });
  try {
    const until = options.timeoutSeconds === undefined ? 'Ctrl-C' : `${options.timeoutSeconds} s have passed (or Ctrl-C)`;
    io.err(`following ${outbound} ${options.fromBeginning ? 'from the beginning' : 'from now on'} as group ${groupId}, until ${until}`);
    const end = await waitForEnd(
      options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      io.signal,
      follower.failed,
    );
    if (end.reason === 'failed') throw end.error;
    io.err(`${count} repl${count === 1 ? 'y' : 'ies'}${bad > 0 ? `, ${bad} not matching the contract` : ''}`);
    return bad > 0 ? EXIT.badReply : EXIT.ok;
  } finally {
    await follower.stop();
  }
}

function report(error: unknown, io: Io): ExitCode {
  if (error instanceof CliError) {
    io.err(error.message);
    return error.exitCode;
  }
  // Anything else comes from the broker connection (kafkajs); it is reported, not dumped as a stack.
  io.err(`kafka: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.kafka;
}
