import { FieldError, MessageDefinition, PARTNER_INBOUND, PARTNER_OUTBOUND } from '@readmission/contracts';
import { DEFAULT_REPLY_TIMEOUT_SECONDS } from './args';
import { EXIT } from './exit-codes';
import { Reply } from './replies';

/** Everything the tool prints, as plain strings: the commands decide where they go, the tests read them. */

export const HELP = `Partner tool: publish messages to a partner's inbound topic and follow its outbound topic
(partner interface v1: readmission.partner.<cc>.inbound.v1 / .outbound.v1).

Usage: npm run partner -- <command> [options]

Commands:
  send    --partner CC --file FILE [--type TYPE] [--id CE_ID] [--source URN] [--key KEY]
          [--brokers HOST:PORT,...] [--username USER --password-file FILE] [--ca-file FILE]
          [--no-validate] [--follow [--timeout SECONDS]]
      Publishes the file's message with its record key and CloudEvents headers, and prints the ce_id used.
      --type       the message type (ce_type); not needed when the file is an envelope
      --id         ce_id to use; repeat the printed one to resend the same message (a retry)
      --source     ce_source (default urn:authority:<cc>:partner-cli), e.g. urn:authority:de:bamf
      --key        record key (default: the payload's partnerReference, transferReference or transitReference)
      --no-validate  publish without checking the contract, to see how the platform rejects it
      --follow     then print the replies to it (same key, or ce_causationid = its ce_id) until the
                   timeout (default ${DEFAULT_REPLY_TIMEOUT_SECONDS} s) or Ctrl-C

  follow  --partner CC [--from-beginning] [--timeout SECONDS] [--brokers HOST:PORT,...]
          [--username USER --password-file FILE] [--ca-file FILE]
      Prints each reply on the partner's outbound topic as it arrives (from now on unless
      --from-beginning), checked against the contract; until the timeout, or Ctrl-C without one.

  types   Lists the inbound and outbound message types.
  help    This text (also --help, -h).

Message files are JSON, either the payload itself (then give --type) or an envelope
  { "type": "readmission.application.submitted.v1", "payload": { "partnerReference": "...", ... } }
Examples: tools/partner-cli/examples/*.json

Brokers: --brokers, else KAFKA_BROKERS, else 127.0.0.1:9092 (KAFKA_SSL and KAFKA_SASL_* as for the platform).
Credentials (a broker in production mode): --username partner-<cc> with --password-file (or KAFKA_SASL_PASSWORD),
else KAFKA_SASL_MECHANISM/KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD; the mechanism defaults to scram-sha-512.
TLS (the broker's SASL_SSL listener, reached over a network): --ca-file with the PEM of the CA that signed the
broker's certificate (else KAFKA_SSL_CA_FILE; KAFKA_SSL=true trusts the system's CAs). The broker's certificate must
carry the host name given in --brokers: the connection is refused otherwise.
The tool reads with a consumer group of its own (partner.<cc>.cli-<random>, within the partner's group prefix)
and never creates topics.

Exit codes:
  ${EXIT.ok}  done (send --follow: at least one reply arrived)
  ${EXIT.invalidMessage}  the message does not match the contract; nothing was published
  ${EXIT.usage}  bad arguments, unreadable file, unknown message type
  ${EXIT.kafka}  Kafka unreachable, or the partner's topic does not exist
  ${EXIT.noReply}  send --follow: no reply before the timeout
  ${EXIT.badReply}  follow: a reply did not match the contract
  ${EXIT.interrupted}  Ctrl-C before the message was published
`;

export function formatTypes(): string {
  const section = (title: string, catalog: Record<string, MessageDefinition>) => [
    title,
    ...Object.values(catalog).map((d) => `  ${d.type.padEnd(44)} key ${d.keyField.padEnd(18)} ${d.summary}`),
  ];
  return [
    ...section('Inbound (partner -> platform, readmission.partner.<cc>.inbound.v1):', PARTNER_INBOUND),
    '',
    ...section('Outbound (platform -> partner, readmission.partner.<cc>.outbound.v1):', PARTNER_OUTBOUND),
  ].join('\n');
}

export function formatValidationErrors(file: string, type: string | undefined, errors: FieldError[]): string {
  const what = type ? `a valid ${type}` : 'a valid message';
  const width = Math.max(...errors.map((e) => e.field.length));
  return [
    `${file} is not ${what} (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was published:`,
    ...errors.map((e) => `  ${e.field.padEnd(width)}  ${e.message}`),
  ].join('\n');
}

export function formatSent(sent: { type: string; topic: string; partition: number; offset: string; key: string; id: string }): string {
  return [
    `sent ${sent.type} to ${sent.topic} (partition ${sent.partition}, offset ${sent.offset})`,
    `  key    ${sent.key}`,
    `  ce_id  ${sent.id}`,
    `to resend the same message (a retry), add --id ${sent.id}`,
  ].join('\n');
}

export function formatReply(reply: Reply): string {
  const field = (name: string, value: string | undefined) => `  ${name.padEnd(15)}${value ?? '-'}`;
  const payload = typeof reply.payload === 'string' ? reply.payload : JSON.stringify(reply.payload, null, 2);
  const lines = [
    `<- ${reply.type ?? '(no ce_type)'}   [${reply.topic} partition ${reply.partition} offset ${reply.offset}]`,
    field('ce_id', reply.id),
    field('ce_subject', reply.subject),
    field('ce_causationid', reply.causationId),
    field('ce_time', reply.time),
    field('key', reply.key),
    ...payload.split('\n').map((line) => `  ${line}`),
  ];
  if (reply.problems.length > 0) {
    lines.push(`  !! does not match the contract (${reply.problems.length}):`);
    lines.push(...reply.problems.map((p) => `  !!   ${p.field ? `${p.field}: ` : ''}${p.message}`));
  }
  return lines.join('\n');
}
