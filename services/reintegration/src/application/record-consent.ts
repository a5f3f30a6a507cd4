import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { Consent, assertWorkable } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';
import { ReferralBodies } from './referral-bodies';

/** Records the returnee's consent (or its withdrawal) to share personal data with one body; the latest per body counts. */
@Injectable()
export class RecordConsent {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly bodies: ReferralBodies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, request: { bodyCode: string; given: boolean; note?: string }, caller: Caller): Promise<Consent> {
    assertWorkable(await loadCase(this.cases, caseNumber), 'recording consent');
    const now = this.clock.now();
    const { body } = await this.bodies.body(request.bodyCode, now);
    const consent: Consent = { bodyCode: body.code, given: request.given, recordedAt: now, recordedBy: caller.subject, note: request.note };
    const event = request.given ? 'consent-given' : 'consent-withdrawn';
    await this.cases.change(
      caseNumber,
      { $push: { consents: consent } },
      { at: now, event, by: caller.subject, details: { bodyCode: body.code } },
    );
    await this.audit.record({
      actor: caller,
      action: request.given ? 'consent-recorded' : 'consent-withdrawn',
      subject: caseNumber,
      reason: request.note ?? `consent to share personal data with ${body.code}: ${request.given ? 'given' : 'withdrawn'}`,
      details: { bodyCode: body.code },
    });
    return consent;
  }
}
