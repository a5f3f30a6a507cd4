import { MessageHistoryEntry, answerToRepeat, repliesIn, textHeaders } from './message-history';

const at = new Date('2026-11-24T06:00:00Z');
const entry = (direction: 'inbound' | 'outbound', type: string, ceId: string, causationId?: string): MessageHistoryEntry => ({
  direction,
  type,
  ceId,
  causationId,
  at,
  headers: { ce_id: ceId },
  payload: { partnerReference: 'R-1' },
});
const SUBMITTED = 'readmission.application.submitted.v1';
const history = [
  entry('inbound', SUBMITTED, 'in-1'),
  entry('outbound', 'readmission.application.acknowledged.v1', 'ack-1', 'in-1'),
  entry('inbound', SUBMITTED, 'in-2'), // a resend of the same application under its own ce_id: no answer of its own
  entry('inbound', 'readmission.application.supplemented.v1', 'in-3'),
  entry('outbound', 'readmission.reply.extended.v1', 'ext-1', 'in-3'),
];

describe('message history', () => {
  it('keeps only the headers the interface defines, as text', () => {
    expect(
      textHeaders({ ce_id: Buffer.from('abc'), ce_type: 'x', 'content-type': 'application/json', 'x-partner-trace': 'secret' }),
    ).toEqual({
      ce_id: 'abc',
      ce_type: 'x',
      'content-type': 'application/json',
    });
  });

  it('lists the replies of a history, all or those caused by one message', () => {
    expect(repliesIn(history).map((h) => h.ceId)).toEqual(['ack-1', 'ext-1']);
    expect(repliesIn(history, 'in-3').map((h) => h.ceId)).toEqual(['ext-1']);
  });

  it("repeats a message's own answer, and the first acknowledgement for a resent application", () => {
    expect(answerToRepeat(history, 'in-1', 'in-1', SUBMITTED)).toBe('in-1');
    expect(answerToRepeat(history, 'in-1', 'in-2', SUBMITTED)).toBe('in-1');
    expect(answerToRepeat(history, 'in-1', 'in-3', 'readmission.application.supplemented.v1')).toBe('in-3');
  });
});
