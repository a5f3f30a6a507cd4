import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ForbiddenError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { assignmentTeam, mayAssign } from '../domain/case-access';
import { assertNotClosed } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/**
 * A case-worker lead assigns (or reassigns) a case to a case worker of one of the lead's teams: the case's team and
 * case worker change together, in the case's history and in the audit trail (who assigned, previous and new).
 */
@Injectable()
export class AssignCaseWorker {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, assignment: { caseWorker: string; team?: string; reason?: string }, caller: Caller) {
    const c = await loadCase(this.cases, caseNumber);
    if (!mayAssign(caller, c)) throw new ForbiddenError(`case ${caseNumber} belongs to another team`);
    assertNotClosed(c);
    const chosen = assignmentTeam(caller, assignment.team);
    if ('refused' in chosen) throw new ForbiddenError(chosen.refused);
    const { caseWorker } = assignment;
    const previous = { caseWorker: c.caseWorker ?? null, team: c.team ?? null };
    await this.cases.change(
      caseNumber,
      { $set: { caseWorker, team: chosen.team } },
      { at: this.clock.now(), event: 'assigned', by: caller.subject, details: { caseWorker, team: chosen.team, previous } },
    );
    await this.audit.record({
      actor: caller,
      action: previous.caseWorker ? 'case-reassigned' : 'case-assigned',
      subject: caseNumber,
      reason: assignment.reason ?? `assigned to ${caseWorker} (team ${chosen.team})`,
      details: { caseWorker, team: chosen.team, previous },
    });
    return { caseNumber, caseWorker, team: chosen.team };
  }
}
