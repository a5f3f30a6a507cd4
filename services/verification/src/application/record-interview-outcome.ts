import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, InvalidInputError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { DecideCase } from './decide-case';
import { FourEyes } from './four-eyes';
import { openCase } from './open-case';

export type InterviewOutcome = 'nationality-confirmed' | 'nationality-not-confirmed' | 'did-not-attend';

/** The officer records the consular interview's outcome (audited), which drives the decision (CH-AZ Art. 6(3)); a refusal waits for a second officer. */
@Injectable()
export class RecordInterviewOutcome {
  constructor(
    private readonly cases: VerificationCases,
    private readonly decide: DecideCase,
    private readonly fourEyes: FourEyes,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseNumber: string,
    input: { outcome: InterviewOutcome; notes: string; grounds?: string },
    caller: Caller,
  ): Promise<{ decided: boolean; awaitingConfirmation?: boolean }> {
    const found = await openCase(this.cases, caseNumber);
    if (!found.interview) throw new ConflictError(`no interview was scheduled for ${caseNumber}`);
    if (input.outcome === 'nationality-not-confirmed' && !input.grounds)
      throw new InvalidInputError('grounds are required when the interview does not confirm nationality', [
        { path: 'grounds', message: 'required when the outcome is nationality-not-confirmed' },
      ]);
    await this.cases.update(
      { _id: caseNumber },
      {
        $set: {
          'interview.outcome': input.outcome,
          'interview.notes': input.notes,
          'interview.recordedBy': caller.subject,
          ...(input.outcome === 'did-not-attend' ? { status: 'awaiting-review' } : {}),
        },
        $push: { history: { at: this.clock.now(), event: 'interview-outcome', by: caller.subject, details: { outcome: input.outcome } } },
      },
    );
    await this.audit.record({
      actor: caller,
      action: 'interview-outcome-recorded',
      subject: caseNumber,
      reason: input.notes,
      details: { outcome: input.outcome },
    });
    if (input.outcome === 'nationality-confirmed')
      return this.decide.execute(caseNumber, { decision: 'accepted', basis: 'interview', deemed: false }, caller.subject);
    // An interview concluded against nationality is contrary evidence; the refusal still needs a second officer.
    if (input.outcome === 'nationality-not-confirmed') {
      const updated = await openCase(this.cases, caseNumber);
      return this.fourEyes.propose(
        updated,
        {
          decision: 'refused',
          basis: 'interview',
          grounds: `The consular interview concluded that the person is not a national of the Republic of Azerbaijan: ${input.grounds}`,
          reason: input.notes,
        },
        'refusal',
        caller,
      );
    }
    return { decided: false };
  }
}
