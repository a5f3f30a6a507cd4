import { DEFAULT_REPLY_TIMEOUT_SECONDS, parseCommandLine } from './args';
import { CliError, EXIT } from './exit-codes';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return (error as CliError).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('parseCommandLine', () => {
  it('reads a send with every option', () => {
    expect(
      parseCommandLine([
        'send',
        '--partner',
        'de',
        '--file',
        'app.json',
        '--type',
        'readmission.application.submitted.v1',
        '--id',
        'abc',
        '--source',
        'urn:authority:de:bamf',
        '--key',
        'K-1',
        '--brokers',
        'kafka1:9092, kafka2:9092',
        '--follow',
        '--timeout',
        '2.5',
      ]),
    ).toEqual({
      name: 'send',
      partner: 'DE',
      file: 'app.json',
      type: 'readmission.application.submitted.v1',
      id: 'abc',
      source: 'urn:authority:de:bamf',
      key: 'K-1',
      brokers: ['kafka1:9092', 'kafka2:9092'],
      validate: true,
      follow: true,
      timeoutSeconds: 2.5,
    });
  });

  it('defaults: validation on, no follow, 30 s reply timeout, brokers from the environment', () => {
    const command = parseCommandLine(['send', '--partner', 'NO', '-f', 'x.json', '--no-validate']);
    expect(command).toMatchObject({ name: 'send', partner: 'NO', file: 'x.json', validate: false, follow: false, brokers: undefined });
    expect(command).toHaveProperty('timeoutSeconds', DEFAULT_REPLY_TIMEOUT_SECONDS);
  });

  it('reads follow, with and without a timeout', () => {
    expect(parseCommandLine(['follow', '--partner', 'ch'])).toEqual({
      name: 'follow',
      partner: 'CH',
      brokers: undefined,
      fromBeginning: false,
      timeoutSeconds: undefined,
    });
    expect(parseCommandLine(['follow', '--partner', 'ME', '--from-beginning', '--timeout', '10'])).toMatchObject({
      fromBeginning: true,
      timeoutSeconds: 10,
    });
  });

  it('reads the connection options: SASL user, password file and TLS CA file', () => {
    expect(
      parseCommandLine(['follow', '--partner', 'ch', '--username', 'partner-ch', '--password-file', 'pw', '--ca-file', 'ca.pem']),
    ).toMatchObject({ partner: 'CH', username: 'partner-ch', passwordFile: 'pw', caFile: 'ca.pem' });
    expect(parseCommandLine(['follow', '--partner', 'ch'])).not.toHaveProperty('caFile');
    expect(usageError(['follow', '--partner', 'CH', '--ca-file', ''])).toMatch(/--ca-file must not be empty/);
  });

  it('knows types and help in every spelling', () => {
    expect(parseCommandLine(['types'])).toEqual({ name: 'types' });
    for (const argv of [['help'], ['--help'], ['-h'], ['send', '--help'], ['follow', '-h'], ['types', '--help']]) {
      expect(parseCommandLine(argv)).toEqual({ name: 'help' });
    }
  });

  it('refuses bad input with exit code 2 and a message naming the problem', () => {
    expect(usageError([])).toMatch(/no command/);
    expect(usageError(['publish'])).toMatch(/unknown command "publish"/);
    expect(usageError(['send', '--file', 'a.json'])).toMatch(/needs --partner/);
    expect(usageError(['send', '--partner', 'DE'])).toMatch(/needs --file/);
    expect(usageError(['send', '--partner', 'DEU', '--file', 'a.json'])).toMatch(/alpha-2/);
    expect(usageError(['send', '--partner', 'D1', '--file', 'a.json'])).toMatch(/alpha-2/);
    expect(usageError(['send', '--partner', 'DE', '--file', 'a.json', '--colour'])).toMatch(/Unknown option '--colour'/);
    expect(usageError(['send', '--partner', 'DE', '--file'])).toMatch(/--file/);
    expect(usageError(['send', '--partner', 'DE', '--file', 'a.json', 'extra'])).toMatch(/extra/);
    expect(usageError(['send', '--partner', 'DE', '--file', 'a.json', '--timeout', '0'])).toMatch(/--timeout/);
    expect(usageError(['follow', '--partner', 'DE', '--timeout', 'soon'])).toMatch(/--timeout/);
    expect(usageError(['follow', '--partner', 'DE', '--brokers', 'localhost'])).toMatch(/--brokers/);
    expect(usageError(['send', '--partner', 'DE', '--file', 'a.json', '--id', 'x'.repeat(201)])).toMatch(/--id/);
    expect(usageError(['send', '--partner', 'DE', '--file', 'a.json', '--key', ''])).toMatch(/--key/);
    expect(usageError(['follow', '--partner', 'DE', '--follow'])).toMatch(/Unknown option '--follow'/);
    expect(usageError(['types', 'DE'])).toMatch(/no arguments/);
  });
});
