import { randomUUID } from 'crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CalendarSource } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { deadlineBasis, referralDeadline, sharedWithBody } from '../domain/referral';
import { assertWorkable, latestConsent } from '../domain/reintegration-case';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';
import { ReferralBodies } from './referral-bodies';
import { reintegrationMetrics } from './reintegration-metrics';

export interface ReferralRequest {
  bodyCode: string;
  purpose: string;
  area?: string;
  owner?: string;
  withoutPersonalData?: boolean;
}

/**
 * Refers the returnee to a body of the referral bodies in effect (their version is kept on the referral), with
 * an owner (the assigned case worker by default) and the body's deadline. Personal data goes only with the
 * returnee's consent for that body (see sharedWithBody); the referral records what was shared.
 */
@Injectable()
export class ReferToBody {
  private readonly logger = new Logger(ReferToBody.name);

  constructor(
    private readonly cases: ReintegrationCases,
    private readonly referrals: Referrals,
    private readonly bodies: ReferralBodies,
    private readonly calendars: CalendarSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, r: ReferralRequest, caller: Caller) {
    const c = await loadCase(this.cases, caseNumber);
    assertWorkable(c, 'a referral');
    const sentAt = this.clock.now();
    const { version, body } = await this.bodies.body(r.bodyCode, sentAt);
    const shared = sharedWithBody(c, body.code, latestConsent(c.consents, body.code), r);
    const deadline = referralDeadline(body, sentAt, await this.calendars.calendars(), version);
    const id = `${caseNumber}-${body.code}-${randomUUID().slice(0, 8)}`;
    await this.referrals.insert({
      _id: id,
      caseNumber,
      bodyCode: body.code,
      bodyName: body.name,
      referralBodiesVersion: version,
      owner: r.owner ?? c.caseWorker ?? caller.subject,
      purpose: r.purpose,
      area: r.area,
      sentAt,
      dueOn: deadline.dueDate,
      dueBy: deadline.dueBy,
      dueBasis: deadlineBasis(deadline),
      deadline,
      overdueAlerted: false,
      status: 'sent',
      statusHistory: [{ status: 'sent', at: sentAt, by: caller.subject }],
      shared,
    });
    reintegrationMetrics.referrals.inc({ body: body.code });
    const facts = { referralId: id, bodyCode: body.code, dueOn: deadline.dueDate };
    await this.cases.change(
      caseNumber,
      {},
      { at: sentAt, event: 'referral-sent', by: caller.subject, details: { ...facts, personalData: shared.personalData } },
    );
    await this.audit.record({
      actor: caller,
      action: 'referral-sent',
      subject: caseNumber,
      reason: r.purpose,
      details: { ...facts, referralBodiesVersion: version, shared: shared.fields },
    });
    this.logger.log(`${caseNumber}: referral ${id} to ${body.code}, due ${deadline.dueDate}`);
    return this.referrals.findById(id);
  }
}
