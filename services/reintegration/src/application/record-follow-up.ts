import { Injectable } from '@nestjs/common';
import { bakuDate } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { earliestRecording } from '../domain/follow-up-plan';
import { assertWorkable } from '../domain/reintegration-case';
import { FollowUpIndicators, sustainabilityScore } from '../domain/sustainability-score';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Records a 3-, 6- or 12-month follow-up's indicators with their sustainability score, once, not before its early window. */
@Injectable()
export class RecordFollowUp {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly followUps: FollowUps,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, month: number, f: { indicators: FollowUpIndicators; notes?: string }, caller: Caller) {
    assertWorkable(await loadCase(this.cases, caseNumber), 'a follow-up');
    const id = `${caseNumber}:M${month}`;
    const fu = await this.followUps.findById(id);
    if (!fu) throw new NotFoundError(`case ${caseNumber} has no ${month}-month follow-up`);
    if (fu.status !== 'scheduled')
      throw new ConflictError(`the ${month}-month follow-up of ${caseNumber} is ${fu.status}`, { status: fu.status });
    const now = this.clock.now();
    const earliest = earliestRecording(fu.scheduledOn);
    if (bakuDate(now) < earliest) throw new ConflictError(`the ${month}-month follow-up of ${caseNumber} can be recorded from ${earliest}`);
    const score = sustainabilityScore(f.indicators);
    const recorded = {
      status: 'recorded' as const,
      indicators: { ...f.indicators },
      score,
      notes: f.notes,
      recordedAt: now,
      recordedBy: caller.subject,
    };
    if (!(await this.followUps.update({ _id: id, status: 'scheduled' }, { $set: recorded }))) {
      throw new ConflictError(`the ${month}-month follow-up of ${caseNumber} was recorded meanwhile`);
    }
    await this.cases.change(
      caseNumber,
      {},
      { at: now, event: 'follow-up-recorded', by: caller.subject, details: { month, score: score.score } },
    );
    await this.audit.record({
      actor: caller,
      action: 'follow-up-recorded',
      subject: caseNumber,
      reason: f.notes ?? `${month}-month follow-up`,
      details: { month, score },
      id: `follow-up:${id}`,
    });
    return { ...fu, ...recorded, indicators: f.indicators };
  }
}
