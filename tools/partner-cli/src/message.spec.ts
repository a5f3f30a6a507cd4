import { readdirSync } from 'fs';
import { join } from 'path';
import { PARTNER_INBOUND } from '@readmission/contracts';
import { CliError, EXIT } from './exit-codes';
import { PreparedMessage, prepareMessage, readMessageFile } from './message';

const EXAMPLES = join(__dirname, '..', 'examples');
const withdrawal = { partnerReference: 'BAMF-2026-100102', reason: 'granted a residence permit' };
const envelope = (type: string, payload: unknown) => JSON.stringify({ type, payload });

function refusal(prepared: PreparedMessage) {
  if (prepared.ok) throw new Error('expected the message to be refused');
  return prepared;
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('the example files', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

  it('cover every inbound message type', () => {
    const types = files.map((f) => (JSON.parse(readMessageFile(join(EXAMPLES, f))) as { type: string }).type);
    expect(new Set(types)).toEqual(new Set(Object.keys(PARTNER_INBOUND)));
  });

  it.each(files)('%s passes the contract validation', (file) => {
    const prepared = prepareMessage(readMessageFile(join(EXAMPLES, file)), { validate: true });
    expect(prepared).toMatchObject({ ok: true, warnings: [] });
  });

  it('include a national with an original passport and a third-country national under the accelerated procedure', () => {
    const national = JSON.parse(readMessageFile(join(EXAMPLES, 'application-national-passport.json'))).payload;
    expect(national).toMatchObject({ category: 'national', evidence: [{ type: 'passport', form: 'original' }] });
    const tcn = JSON.parse(readMessageFile(join(EXAMPLES, 'application-tcn-accelerated.json'))).payload;
    expect(tcn).toMatchObject({ category: 'third-country-national', procedure: 'accelerated' });
  });
});

describe('prepareMessage', () => {
  it('takes type and payload from an envelope, and the key from the payload', () => {
    expect(prepareMessage(envelope('readmission.application.withdrawn.v1', withdrawal), { validate: true })).toEqual({
      ok: true,
      warnings: [],
      message: { type: 'readmission.application.withdrawn.v1', key: 'BAMF-2026-100102', value: withdrawal, raw: false },
    });
  });

  it('takes a bare payload with --type; transfer messages are keyed by transferReference', () => {
    const cancellation = { transferReference: 'BAMF-TR-1', reason: 'flight cancelled' };
    const prepared = prepareMessage(JSON.stringify(cancellation), { type: 'readmission.transfer.cancelled.v1', validate: true });
    expect(prepared).toMatchObject({ ok: true, message: { key: 'BAMF-TR-1', value: cancellation } });
  });

  it('accepts --type that agrees with the envelope and refuses one that contradicts it', () => {
    expect(
      prepareMessage(envelope('readmission.application.withdrawn.v1', withdrawal), {
        type: 'readmission.application.withdrawn.v1',
        validate: true,
      }).ok,
    ).toBe(true);
    expect(
      usageError(() =>
        prepareMessage(envelope('readmission.application.withdrawn.v1', withdrawal), {
          type: 'readmission.transfer.cancelled.v1',
          validate: true,
        }),
      ),
    ).toMatch(/contradicts/);
  });

  it('asks for the type when neither --type nor an envelope gives it', () => {
    expect(usageError(() => prepareMessage(JSON.stringify(withdrawal), { validate: true }))).toMatch(/--type/);
  });

  it("refuses a malformed envelope, e.g. the fixtures' {type, value} form", () => {
    expect(
      usageError(() =>
        prepareMessage(JSON.stringify({ type: 'readmission.application.withdrawn.v1', value: withdrawal }), { validate: true }),
      ),
    ).toMatch(/exactly two fields.*"value"/);
    expect(usageError(() => prepareMessage(JSON.stringify({ type: 7, payload: withdrawal }), { validate: true }))).toMatch(/envelope/);
  });

  it('refuses types that are not inbound, naming outbound ones as such', () => {
    expect(usageError(() => prepareMessage(envelope('readmission.application.acknowledged.v1', withdrawal), { validate: true }))).toMatch(
      /outbound type/,
    );
    expect(usageError(() => prepareMessage(envelope('readmission.application.deleted.v1', withdrawal), { validate: true }))).toMatch(
      /not an inbound message type/,
    );
  });

  it('reports every contract error with its JSON path', () => {
    const payload = {
      partnerReference: 'BAMF 2026',
      procedure: 'accelerated',
      category: 'third-country-national',
      requestingAuthority: { name: 'BAMF' },
      person: { surname: 'X', givenNames: 'Y', sex: 'male', dateOfBirth: '1990-02-30', nationality: 'de', hairColour: 'brown' },
      evidence: [
        { type: 'passport', form: 'original' },
        { type: 'horoscope', form: 'copy' },
      ],
      interviewRequested: false,
      colour: 'red',
    };
    const { errors, type } = refusal(prepareMessage(envelope('readmission.application.submitted.v1', payload), { validate: true }));
    expect(type).toBe('readmission.application.submitted.v1');
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '$.partnerReference',
        '$.apprehension',
        '$.knowledgeDate',
        '$.person.dateOfBirth',
        '$.person.nationality',
        '$.person.hairColour',
        '$.evidence[1].type',
        '$.colour',
      ]),
    );
    expect(errors.find((e) => e.field === '$.colour')?.message).toMatch(/not a field/);
  });

  it("refuses a --key that differs from the payload's key field, as the platform would", () => {
    const { errors } = refusal(
      prepareMessage(envelope('readmission.application.withdrawn.v1', withdrawal), { key: 'OTHER', validate: true }),
    );
    expect(errors).toEqual([{ field: '$.partnerReference', message: expect.stringMatching(/must equal the record key/) }]);
  });

  it('refuses a file that is not JSON', () => {
    const { errors } = refusal(prepareMessage('{"partnerReference": ', { type: 'readmission.application.withdrawn.v1', validate: true }));
    expect(errors).toEqual([{ field: '$', message: expect.stringMatching(/not JSON/) }]);
  });

  describe('with --no-validate', () => {
    it('sends what the contract forbids, with a warning', () => {
      const prepared = prepareMessage(envelope('readmission.application.withdrawn.v1', { partnerReference: 'R-1', colour: 'red' }), {
        validate: false,
      });
      expect(prepared).toMatchObject({
        ok: true,
        message: { key: 'R-1', value: { colour: 'red' } },
        warnings: [expect.stringMatching(/not validated/)],
      });
    });

    it('sends types outside the contract, keyed by --key or a reference field', () => {
      expect(
        prepareMessage(envelope('readmission.application.deleted.v1', { partnerReference: 'R-2' }), { validate: false }),
      ).toMatchObject({
        ok: true,
        message: { type: 'readmission.application.deleted.v1', key: 'R-2' },
      });
      expect(usageError(() => prepareMessage(envelope('x.v1', {}), { validate: false }))).toMatch(/--key/);
    });

    it('sends a non-JSON file as text when --type and --key are given', () => {
      expect(prepareMessage('not json', { type: 'readmission.application.withdrawn.v1', key: 'R-3', validate: false })).toMatchObject({
        ok: true,
        message: { value: 'not json', raw: true, key: 'R-3' },
      });
      expect(usageError(() => prepareMessage('not json', { validate: false }))).toMatch(/--type and --key/);
    });
  });

  it('reports an unreadable file as a usage error', () => {
    expect(usageError(() => readMessageFile('/nonexistent/app.json'))).toMatch(/cannot read \/nonexistent\/app.json/);
  });
});
