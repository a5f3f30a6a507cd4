import { Injectable } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { Caller } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { assertMayActAt } from '../domain/border-access';
import { assertMayReturn } from '../domain/readmission-by-mistake';
import { MistakeReturns } from '../infrastructure/mistake-returns.repository';
import { PartnerReplies } from './partner-replies';
import { transferMetrics } from './transfer-metrics';

/**
 * The border officer records the return of a person readmitted by mistake at a crossing point of theirs: handed back
 * to the partner, or not. The partner is told (`readmission.mistake.return-completed.v1`); a national handed back
 * closes the open reintegration case (`person-returned-by-mistake`). docs/rules.md#readmission-by-mistake.
 */
@Injectable()
export class RecordMistakeReturn {
  constructor(
    private readonly mistakes: MistakeReturns,
    private readonly replies: PartnerReplies,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseNumber: string,
    input: { returned: boolean; borderCrossingPoint: string; note?: string },
    caller: Caller,
  ): Promise<{ caseNumber: string; outcome: 'returned' | 'not-returned' }> {
    assertMayActAt(caller, input.borderCrossingPoint);
    const found = await this.mistakes.findById(caseNumber);
    if (!found) throw new NotFoundError(`no request for readmission by mistake for ${caseNumber}`);
    assertMayReturn(found.status);
    const now = this.clock.now();
    const outcome = input.returned ? 'returned' : 'not-returned';
    const events = [
      this.replies.mistakeReturnCompleted(
        found.partnerCode,
        {
          partnerReference: found.partnerReference,
          caseNumber,
          outcome,
          borderCrossingPoint: input.borderCrossingPoint,
          recordedAt: formatInstant(now),
        },
        found.answer?.messageId,
      ),
      ...(input.returned
        ? [this.replies.personReturnedByMistake({ caseNumber, partnerCode: found.partnerCode }, now, input.borderCrossingPoint)]
        : []),
    ];
    const recorded = {
      outcome,
      borderCrossingPoint: input.borderCrossingPoint,
      note: input.note,
      recordedBy: caller.subject,
      recordedAt: now,
    } as const;
    const applied = await this.mistakes.update(
      { _id: caseNumber, status: 'accepted' },
      {
        $set: { status: outcome, return: recorded },
        $push: {
          history: {
            at: now,
            event: `mistake-${outcome}`,
            by: caller.subject,
            details: { borderCrossingPoint: input.borderCrossingPoint },
          },
        },
      },
      events,
    );
    if (!applied) assertMayReturn((await this.mistakes.findById(caseNumber))?.status ?? 'returned');
    await this.audit.record({
      actor: caller,
      action: `mistake-${outcome}`,
      subject: caseNumber,
      details: { borderCrossingPoint: input.borderCrossingPoint },
    });
    transferMetrics.mistakeReturns.inc({ partner: found.partnerCode, outcome });
    return { caseNumber, outcome };
  }
}
