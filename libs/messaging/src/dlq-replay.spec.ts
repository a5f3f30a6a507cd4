import { REPLAY_HEADERS, checkReplay, replayHeaders } from './dlq-replay';

const KEY = 'k'.repeat(40);
const record = { topic: 'readmission.partner.de.inbound.v1', key: 'DE-REF-1', value: '{"partnerReference":"DE-REF-1"}' };
const stamp = { receivedAt: '1764000000000', of: 'readmission.dlq.intake.v1/0/12', by: 'ops-1' };
const asMessage = (headers: Record<string, string>, value = record.value) => ({
  key: Buffer.from(record.key),
  value: Buffer.from(value),
  headers,
});

describe('replay stamp of a dead-letter replay', () => {
  it('verifies a stamp signed with the key for this topic, key and value', () => {
    const headers = replayHeaders(KEY, record, stamp);
    expect(checkReplay(record.topic, asMessage(headers), KEY)).toEqual({ replayed: true, valid: true, stamp });
  });

  it('is no replay without its headers', () => {
    expect(checkReplay(record.topic, asMessage({ ce_id: 'x' }), KEY)).toEqual({ replayed: false });
  });

  it.each([
    ['a partner forging the headers without the key', () => replayHeaders('f'.repeat(40), record, stamp), record.topic, record.value, KEY],
    [
      'an earlier time put on a signed stamp',
      () => ({ ...replayHeaders(KEY, record, stamp), [REPLAY_HEADERS.receivedAt]: '1000000000000' }),
      record.topic,
      record.value,
      KEY,
    ],
    [
      'a signed stamp copied onto other content',
      () => replayHeaders(KEY, record, stamp),
      record.topic,
      '{"partnerReference":"OTHER"}',
      KEY,
    ],
    ['a signed stamp on another topic', () => replayHeaders(KEY, record, stamp), 'readmission.partner.no.inbound.v1', record.value, KEY],
    ['a service without a key', () => replayHeaders(KEY, record, stamp), record.topic, record.value, undefined],
  ])('refuses %s', (_, headers, topic, value, key) => {
    expect(checkReplay(topic, asMessage(headers(), value), key)).toMatchObject({ replayed: true, valid: false });
  });
});
