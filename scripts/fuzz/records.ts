// The records of a hostile-input run: what a broken or malicious partner system can put on its inbound topic,
// each with what the platform must do with it (answer it with a rejection naming a field, or dead-letter it).
import { randomBytes, randomUUID } from 'crypto';
import { CE, CE_SPEC_VERSION, JSON_CONTENT_TYPE, PARTNER_INBOUND, PARTNER_OUTBOUND } from '@readmission/contracts';

export interface FuzzRecord {
  /** What kind of hostile input this is (figures are printed per kind). */
  kind: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: Record<string, string | Buffer | (string | Buffer)[]>;
  /** answered: a rejection must come back (found by key or by ce_id); dead-lettered: no key to answer to; valid: acknowledged. */
  expect: 'answered' | 'dead-lettered' | 'valid';
  /** How the answer is found: the record key it goes back under, or the ce_id it names as its cause. */
  answerKey?: string;
  ceId?: string;
}

type Application = Record<string, unknown> & { person: Record<string, unknown> };

/** A deterministic pseudo-random source, so that a run can be repeated with --seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

export class RecordFactory {
  private n = 0;

  constructor(
    private readonly run: string,
    private readonly partner: string,
    private readonly application: Application,
    private readonly rnd: () => number,
  ) {}

  private reference(): string {
    this.n += 1;
    return `FZ-${this.run}-${String(this.n).padStart(6, '0')}`;
  }

  private headers(type: string, id: string): Record<string, string> {
    return {
      [CE.specversion]: CE_SPEC_VERSION,
      [CE.id]: id,
      [CE.type]: type,
      [CE.source]: `urn:authority:${this.partner.toLowerCase()}:fuzz`,
      [CE.time]: new Date().toISOString(),
      [CE.contentType]: JSON_CONTENT_TYPE,
    };
  }

  /** A valid application: it must be acknowledged whatever came before it on the partition. */
  valid(): FuzzRecord {
    const ref = this.reference();
    const id = randomUUID();
    const value = { ...structuredClone(this.application), partnerReference: ref };
    return {
      kind: 'valid',
      key: ref,
      value: JSON.stringify(value),
      headers: this.headers(SUBMITTED, id),
      expect: 'valid',
      answerKey: ref,
      ceId: id,
    };
  }

  /** One hostile record, of a kind picked at random. */
  hostile(): FuzzRecord {
    const kinds = Object.keys(this.kinds);
    const kind = kinds[Math.floor(this.rnd() * kinds.length)];
    return this.kinds[kind]();
  }

  /** Every kind once (the first records of a run), so that each is covered whatever the size. */
  everyKind(): FuzzRecord[] {
    return Object.values(this.kinds).map((make) => make());
  }

  /** An attributable record: the key is a fresh reference (or `key`), ce_id fresh; `patch` breaks it. */
  private answered(
    kind: string,
    patch: (r: { key: string | Buffer; value: string | Buffer; headers: FuzzRecord['headers'] }) => void,
    answerBy: 'key' | 'ce-id' = 'key',
  ): FuzzRecord {
    const ref = this.reference();
    const id = randomUUID();
    const r = {
      key: ref as string | Buffer,
      value: JSON.stringify({ ...structuredClone(this.application), partnerReference: ref }) as string | Buffer,
      headers: this.headers(SUBMITTED, id) as FuzzRecord['headers'],
    };
    patch(r);
    return {
      kind,
      key: r.key,
      value: r.value,
      headers: r.headers,
      expect: 'answered',
      ...(answerBy === 'key' ? { answerKey: ref } : {}),
      ceId: id,
    };
  }

  private withValue(kind: string, change: (app: Application) => void): FuzzRecord {
    return this.answered(kind, (r) => {
      const app = JSON.parse(r.value as string) as Application;
      change(app);
      r.value = JSON.stringify(app);
    });
  }

  private readonly kinds: Record<string, () => FuzzRecord> = {
    'random-bytes': () => this.answered('random-bytes', (r) => (r.value = randomBytes(1 + Math.floor(this.rnd() * 4000)))),
    'invalid-utf8': () =>
      this.answered(
        'invalid-utf8',
        (r) => (r.value = Buffer.concat([Buffer.from('{"partnerReference":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])),
      ),
    'not-json': () => this.answered('not-json', (r) => (r.value = '{"partnerReference": ')),
    'json-array': () => this.answered('json-array', (r) => (r.value = '[1,2,3]')),
    'empty-value': () => this.answered('empty-value', (r) => (r.value = '')),
    'wrong-types': () =>
      this.withValue('wrong-types', (a) => {
        a.interviewRequested = 'yes';
        a.person.dateOfBirth = 19800101;
        a.evidence = { not: 'an array' };
      }),
    'huge-string': () => this.withValue('huge-string', (a) => (a.person.surname = 'S'.repeat(200_000 + Math.floor(this.rnd() * 100_000)))),
    'huge-array': () => this.withValue('huge-array', (a) => (a.evidence = Array.from({ length: 20_000 }, () => ({ type: 'nonsense' })))),
    'many-aliases': () => this.withValue('many-aliases', (a) => (a.person.aliases = Array.from({ length: 5_000 }, (_, i) => `Alias ${i}`))),
    'deep-nesting': () =>
      this.answered('deep-nesting', (r) => {
        const depth = 5_000 + Math.floor(this.rnd() * 5_000);
        r.value = (r.value as string).replace(
          /"requestingAuthority":\{[^}]*\}/,
          `"requestingAuthority":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
        );
      }),
    'dollar-keys': () =>
      this.withValue('dollar-keys', (a) => {
        a.$where = 'sleep(1000)';
        a.person.$set = { status: 'accepted' };
      }),
    'proto-keys': () =>
      this.answered(
        'proto-keys',
        (r) =>
          (r.value = (r.value as string).replace(/}$/, ',"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
      ),
    'long-field-name': () => this.withValue('long-field-name', (a) => (a['f'.repeat(2_500)] = 1)),
    'unknown-field': () => this.withValue('unknown-field', (a) => (a.status = 'accepted')),
    'missing-field': () => this.withValue('missing-field', (a) => delete (a as Record<string, unknown>).person),
    'key-mismatch': () =>
      this.answered(
        'key-mismatch',
        (r) => (r.value = (r.value as string).replace(/"partnerReference":"[^"]*"/, '"partnerReference":"SOMETHING-ELSE"')),
      ),
    'missing-header': () => {
      const name = pick([CE.specversion, CE.type, CE.source, CE.time, CE.contentType], this.rnd);
      return this.answered(`missing-header`, (r) => delete r.headers[name]);
    },
    'missing-ce-id': () => this.answered('missing-ce-id', (r) => delete r.headers[CE.id]),
    'duplicated-header': () =>
      this.answered('duplicated-header', (r) => (r.headers[CE.type] = ['readmission.no-such-type.v1', SUBMITTED]), 'key'),
    'oversized-ce-type': () =>
      this.answered('oversized-ce-type', (r) => (r.headers[CE.type] = 'x'.repeat(2_000 + Math.floor(this.rnd() * 20_000)))),
    'oversized-ce-id': () =>
      this.answered('oversized-ce-id', (r) => (r.headers[CE.id] = `${r.headers[CE.id] as string}${'i'.repeat(50_000)}`)),
    'bad-ce-time': () => this.answered('bad-ce-time', (r) => (r.headers[CE.time] = 'yesterday')),
    'bad-specversion': () => this.answered('bad-specversion', (r) => (r.headers[CE.specversion] = '0.3')),
    'prototype-ce-type': () =>
      this.answered(
        'prototype-ce-type',
        (r) => (r.headers[CE.type] = pick(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'], this.rnd)),
      ),
    'unknown-ce-type': () => this.answered('unknown-ce-type', (r) => (r.headers[CE.type] = `readmission.${randomUUID()}.v1`)),
    'empty-ce-type': () => this.answered('empty-ce-type', (r) => (r.headers[CE.type] = '')),
    'outbound-ce-type': () =>
      this.answered('outbound-ce-type', (r) => (r.headers[CE.type] = pick(Object.keys(PARTNER_OUTBOUND), this.rnd))),
    'other-inbound-type': () =>
      // Every inbound type with an application as payload: its closed schema must refuse it.
      this.answered(
        'other-inbound-type',
        (r) =>
          (r.headers[CE.type] = pick(
            Object.keys(PARTNER_INBOUND).filter((t) => t !== SUBMITTED),
            this.rnd,
          )),
      ),
    'long-key': () => this.answered('long-key', (r) => (r.key = `K${'k'.repeat(300 + Math.floor(this.rnd() * 5_000))}`), 'ce-id'),
    'invalid-utf8-key': () => this.answered('invalid-utf8-key', (r) => (r.key = Buffer.from([0x46, 0x5a, 0xc3, 0x28, 0xff])), 'ce-id'),
    'no-key': () => ({
      ...this.answered('no-key', (r) => (r.key = null as unknown as string)),
      expect: 'dead-lettered',
      answerKey: undefined,
    }),
    'empty-key': () => ({ ...this.answered('empty-key', (r) => (r.key = '')), expect: 'dead-lettered', answerKey: undefined }),
    'no-key-random-bytes': () => ({ kind: 'no-key-random-bytes', key: null, value: randomBytes(64), headers: {}, expect: 'dead-lettered' }),
  };
}

const SUBMITTED = 'readmission.application.submitted.v1';

function pick<T>(list: T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)];
}
