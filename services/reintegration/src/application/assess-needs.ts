import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { AuditTrail, Clock } from '@readmission/platform';
import { Assessment, assertWorkable } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Records the needs assessment: every area with its level and notes (a new one replaces the last). */
@Injectable()
export class AssessNeeds {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, areas: Assessment['areas'], caller: Caller): Promise<Assessment> {
    assertWorkable(await loadCase(this.cases, caseNumber), 'a needs assessment');
    const assessment: Assessment = { areas, assessedAt: this.clock.now(), assessedBy: caller.subject };
    const levels = areas.map((a) => ({ area: a.area, level: a.level }));
    await this.cases.change(
      caseNumber,
      { $set: { assessment } },
      { at: assessment.assessedAt, event: 'assessed', by: caller.subject, details: { areas: levels } },
    );
    await this.audit.record({
      actor: caller,
      action: 'needs-assessed',
      subject: caseNumber,
      reason: 'needs assessment recorded',
      details: { levels: Object.fromEntries(levels.map((a) => [a.area, a.level])) },
    });
    return assessment;
  }
}
