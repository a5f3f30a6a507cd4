import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { Stored } from '@readmission/persistence';
import { AuditTrail, Clock } from '@readmission/platform';
import { alertLevel, hoursLeft } from '../domain/reply-time-limit';
import { groundsWithRule } from '../domain/rule-citation';
import { DecisionBasis, PendingDecision } from '../domain/verification-case';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { VerificationSettings } from '../settings';
import { DecideCase } from './decide-case';

export interface FirstDecision {
  decision: 'accepted' | 'refused';
  basis: DecisionBasis;
  grounds?: string;
  reason: string;
}

/**
 * Four eyes on every refusal and every override of a proposal (docs/rules.md#four-eyes-on-every-refusal): the
 * first officer's decision is kept on the case as pending (status `awaiting-confirmation`) and takes effect only
 * when a second, different officer confirms it; a second officer may also send it back. Both are audited and kept
 * on the decision. The reply time limit keeps running: both see it in the list of what awaits confirmation.
 */
@Injectable()
export class FourEyes {
  private readonly logger = new Logger(FourEyes.name);
  private readonly points: readonly number[];

  constructor(
    private readonly cases: VerificationCases,
    private readonly decide: DecideCase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    settings: VerificationSettings,
  ) {
    this.points = settings.REPLY_ALERT_HOURS;
  }

  /** The first officer's decision: pending until a second officer confirms it. */
  async propose(
    found: Stored<VerificationCase>,
    input: FirstDecision,
    kind: PendingDecision['kind'],
    caller: Caller,
  ): Promise<{ decided: false; awaitingConfirmation: true; replyDueBy: Date }> {
    if (found.status === 'awaiting-confirmation')
      throw new ConflictError(`${found._id} already has a decision awaiting confirmation`, { pendingDecision: found.pendingDecision });
    const grounds = input.grounds
      ? groundsWithRule(
          input.grounds,
          found.agreementRules,
          found.category,
          input.basis,
          !!found.assessment?.obligationExcluded,
          found.rulebookVersion,
        )
      : undefined;
    const now = this.clock.now();
    const pending: PendingDecision = {
      decision: input.decision,
      basis: input.basis,
      ...(grounds ? { grounds } : {}),
      kind,
      reason: input.reason,
      proposedBy: caller.subject,
      proposedAt: now,
      statusBefore: found.status,
    };
    const matched = await this.cases.update(
      { _id: found._id, status: found.status },
      {
        $set: { status: 'awaiting-confirmation', pendingDecision: pending },
        $push: {
          history: { at: now, event: 'decision-awaiting-confirmation', by: caller.subject, details: { decision: input.decision, kind } },
        },
      },
    );
    if (!matched) throw new ConflictError(`${found._id} changed meanwhile; read it again`);
    await this.audit.record({
      actor: caller,
      action: `${kind}-awaiting-confirmation`,
      subject: found._id,
      reason: input.reason,
      details: { decision: input.decision, basis: input.basis, proposal: found.proposal?.action },
    });
    this.logger.log(`${found._id}: ${input.decision} by ${caller.subject} awaits a second officer (${kind})`);
    return { decided: false, awaitingConfirmation: true, replyDueBy: found.replyDueBy };
  }

  /** The second officer confirms (the decision takes effect) or sends it back (the case returns to where it was). */
  async confirm(caseNumber: string, input: { confirm: boolean; reason: string }, caller: Caller): Promise<{ decided: boolean }> {
    const found = await this.cases.findById(caseNumber);
    if (!found) throw new NotFoundError(`no case ${caseNumber}`);
    const pending = found.pendingDecision;
    if (found.status !== 'awaiting-confirmation' || !pending)
      throw new ConflictError(`${caseNumber} has no decision awaiting confirmation`, { status: found.status });
    if (pending.proposedBy === caller.subject)
      throw new RuleBrokenError(
        `${pending.proposedBy} took this decision and cannot confirm it: a second, different officer must (four eyes)`,
      );
    const now = this.clock.now();
    if (!input.confirm) {
      await this.cases.update(
        { _id: caseNumber, status: 'awaiting-confirmation' },
        {
          $set: { status: pending.statusBefore },
          $unset: { pendingDecision: 1 },
          $push: {
            history: {
              at: now,
              event: 'decision-sent-back',
              by: caller.subject,
              details: { decision: pending.decision, proposedBy: pending.proposedBy },
            },
          },
        },
      );
      await this.audit.record({
        actor: caller,
        action: 'decision-sent-back',
        subject: caseNumber,
        reason: input.reason,
        details: { decision: pending.decision, proposedBy: pending.proposedBy },
      });
      return { decided: false };
    }
    await this.audit.record({
      actor: caller,
      action: `${pending.kind}-confirmed`,
      subject: caseNumber,
      reason: input.reason,
      details: { decision: pending.decision, basis: pending.basis, proposedBy: pending.proposedBy },
    });
    const result = await this.decide.execute(
      caseNumber,
      { decision: pending.decision, basis: pending.basis, grounds: pending.grounds, deemed: false },
      caller.subject,
      undefined,
      undefined,
      pending.proposedBy,
    );
    return { decided: result.decided };
  }

  /** What awaits a second officer, the reply falling due first, with the time left to reply. */
  async awaiting(limit = 100) {
    const items = await this.cases.find(
      { status: 'awaiting-confirmation' },
      {
        projection: { partnerCode: 1, partnerReference: 1, agreement: 1, category: 1, replyDueBy: 1, proposal: 1, pendingDecision: 1 },
        sort: { replyDueBy: 1 },
        limit,
      },
    );
    const now = this.clock.now();
    return items.map(({ _id, ...c }) => {
      const dueBy = new Date(c.replyDueBy);
      return { caseNumber: _id, ...c, hoursLeft: Math.round(hoursLeft(dueBy, now) * 10) / 10, alert: alertLevel(dueBy, now, this.points) };
    });
  }
}
