import { parseArgs } from 'util';
import { CliError, EXIT } from './exit-codes';

export interface ConnectionOptions {
  /** Upper-case ISO 3166-1 alpha-2 code of the partner whose topics are used. */
  partner: string;
  /** From --brokers; undefined means KAFKA_BROKERS or 127.0.0.1:9092. */
  brokers?: string[];
  /** SASL user (--username; the broker's production mode): else KAFKA_SASL_USERNAME, if set. */
  username?: string;
  /** File holding the SASL password (--password-file): else KAFKA_SASL_PASSWORD. */
  passwordFile?: string;
  /** PEM file of the CA that signed the broker's TLS certificate (--ca-file): TLS; else KAFKA_SSL_CA_FILE, if set. */
  caFile?: string;
}

export interface SendOptions extends ConnectionOptions {
  file: string;
  type?: string;
  id?: string;
  source?: string;
  key?: string;
  validate: boolean;
  follow: boolean;
  timeoutSeconds: number;
}

export interface FollowOptions extends ConnectionOptions {
  fromBeginning: boolean;
  /** Undefined: follow until Ctrl-C. */
  timeoutSeconds?: number;
}

export type Command = { name: 'help' } | { name: 'types' } | ({ name: 'send' } & SendOptions) | ({ name: 'follow' } & FollowOptions);

/** send --follow waits this long for replies unless --timeout says otherwise. */
export const DEFAULT_REPLY_TIMEOUT_SECONDS = 30;

const CONNECTION = {
  partner: { type: 'string' },
  brokers: { type: 'string' },
  username: { type: 'string' },
  'password-file': { type: 'string' },
  'ca-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SEND = {
  ...CONNECTION,
  file: { type: 'string', short: 'f' },
  type: { type: 'string' },
  id: { type: 'string' },
  source: { type: 'string' },
  key: { type: 'string' },
  // Node 20's parseArgs has no negated options, so the negative form is an option of its own.
  'no-validate': { type: 'boolean' },
  follow: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

const FOLLOW = {
  ...CONNECTION,
  'from-beginning': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** Turns the arguments after `npm run partner --` into a command; throws a CliError (exit 2) for bad input. */
export function parseCommandLine(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new CliError('no command given; try --help', EXIT.usage);
  if (command === 'help' || command === '--help' || command === '-h') return { name: 'help' };
  switch (command) {
    case 'types':
      if (rest.some((a) => a === '--help' || a === '-h')) return { name: 'help' };
      if (rest.length > 0) throw new CliError(`types takes no arguments (got ${rest.join(' ')})`, EXIT.usage);
      return { name: 'types' };
    case 'send': {
      const values = parse(command, rest, SEND);
      if (values.help) return { name: 'help' };
      const validate = !values['no-validate'];
      return {
        name: 'send',
        ...connection(command, values),
        file: required(command, 'file', values.file),
        type: nonEmpty('type', values.type),
        id: checkId(values.id),
        source: nonEmpty('source', values.source),
        // With --no-validate an empty key is allowed on purpose: it tests how the platform treats key-less records.
        key: validate ? nonEmpty('key', values.key) : values.key,
        validate,
        follow: values.follow ?? false,
        timeoutSeconds: values.timeout === undefined ? DEFAULT_REPLY_TIMEOUT_SECONDS : seconds(values.timeout),
      };
    }
    case 'follow': {
      const values = parse(command, rest, FOLLOW);
      if (values.help) return { name: 'help' };
      return {
        name: 'follow',
        ...connection(command, values),
        fromBeginning: values['from-beginning'] ?? false,
        timeoutSeconds: values.timeout === undefined ? undefined : seconds(values.timeout),
      };
    }
    default:
      throw new CliError(`unknown command "${command}"; the commands are send, follow, types and help`, EXIT.usage);
  }
}

type Options = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? NonNullable<O> : never) : never;

function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Node's messages explain positionals at length; the first sentence is what the user needs.
    const message = (error as Error).message.split(/\. /)[0];
    throw new CliError(`${command}: ${message}; try --help`, EXIT.usage);
  }
}

function connection(
  command: string,
  values: { partner?: string; brokers?: string; username?: string; 'password-file'?: string; 'ca-file'?: string },
): ConnectionOptions {
  const partner = required(command, 'partner', values.partner);
  if (!/^[A-Za-z]{2}$/.test(partner)) {
    throw new CliError(`--partner must be an ISO 3166-1 alpha-2 code such as DE (got "${partner}")`, EXIT.usage);
  }
  const brokers = values.brokers
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers !== undefined && (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b)))) {
    throw new CliError(`--brokers must be host:port[,host:port...] (got "${values.brokers}")`, EXIT.usage);
  }
  const username = nonEmpty('username', values.username);
  const passwordFile = nonEmpty('password-file', values['password-file']);
  if (passwordFile !== undefined && username === undefined) throw new CliError('--password-file needs --username', EXIT.usage);
  const caFile = nonEmpty('ca-file', values['ca-file']);
  return {
    partner: partner.toUpperCase(),
    brokers,
    ...(username ? { username } : {}),
    ...(passwordFile ? { passwordFile } : {}),
    ...(caFile ? { caFile } : {}),
  };
}

function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new CliError(`${command} needs --${name}; try --help`, EXIT.usage);
  return value;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new CliError(`--${name} must not be empty`, EXIT.usage);
  return value;
}

/** The platform refuses ce_id values over 200 characters, so the tool does too rather than send a sure rejection. */
function checkId(value: string | undefined): string | undefined {
  if (value !== undefined && (value.trim() === '' || value.length > 200)) {
    throw new CliError('--id must be 1 to 200 characters', EXIT.usage);
  }
  return value;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new CliError(`--timeout must be a positive number of seconds (got "${value}")`, EXIT.usage);
  }
  return n;
}
