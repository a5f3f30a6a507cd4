import { isPartnerOutboundType, partnerReply, repeatedRecord } from './partner-reply';

describe('partner replies', () => {
  const now = new Date('2026-11-24T06:00:00Z');
  const rejection = () =>
    partnerReply(
      'DE',
      'readmission.application.rejected.v1',
      'reply-1',
      { partnerReference: 'R-1', reasons: [{ code: 'unknown-reference', message: 'no such case' }] },
      { causationId: 'in-1' },
      now,
    );

  it("are stamped with the platform's source and kept with the same headers in the history", () => {
    const { record, entry } = rejection();
    expect(record).toMatchObject({
      topic: 'readmission.partner.de.outbound.v1',
      key: 'R-1',
      headers: { ce_id: 'reply-1', ce_source: 'urn:authority:az:sms', ce_causationid: 'in-1' },
    });
    expect(entry).toMatchObject({
      direction: 'outbound',
      type: 'readmission.application.rejected.v1',
      ceId: 'reply-1',
      causationId: 'in-1',
      at: now,
      headers: record.headers,
    });
  });

  it('are repeated from the history as the very same record', () => {
    const { record, entry } = rejection();
    expect(repeatedRecord(entry, 'DE')).toEqual(record);
  });

  it('refuse a payload that breaks the contract of its type, and types that are not partner outbound', () => {
    expect(() => partnerReply('DE', 'readmission.application.rejected.v1', 'reply-2', { partnerReference: 'R-1' }, {}, now)).toThrow(
      /refusing to publish/,
    );
    expect(isPartnerOutboundType('readmission.application.acknowledged.v1')).toBe(true);
    expect(isPartnerOutboundType('readmission.internal.case-registered.v1')).toBe(false);
    expect(isPartnerOutboundType('constructor')).toBe(false);
  });
});
