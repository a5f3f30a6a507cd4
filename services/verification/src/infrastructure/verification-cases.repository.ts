import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, withoutDetails } from '@readmission/persistence';
import { RUNNING_STATUSES } from '../domain/verification-case';
import { VerificationCase } from './verification-case.schema';

/** The cases under verification (collection `verification-cases`). */
@Injectable()
export class VerificationCases extends Repository<VerificationCase> {
  constructor(@InjectModel(VerificationCase.name) model: Model<VerificationCase>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Undecided cases whose reply time limit falls due after `from` and by `until`, per partner (index status, replyDueBy, partnerCode). */
  replyLimitsDueByPartner(from: Date, until: Date): Promise<Map<string, number>> {
    return this.countBy(
      RUNNING_STATUSES.map((status) => ({ status, replyDueBy: { $gt: from, $lte: until } })),
      'partnerCode',
    );
  }

  /** Retention: decided and withdrawn cases closed before `cutoff` whose personal data is still there, oldest first. */
  async closedBefore(cutoff: Date, limit: number): Promise<{ id: string; subject: string }[]> {
    const decided = await this.dueForPurge({ status: 'decided' }, 'decision.decidedAt', cutoff, limit);
    if (decided.length >= limit) return decided;
    const withdrawn = await this.dueForPurge({ status: 'withdrawn' }, 'updatedAt', cutoff, limit - decided.length);
    return [...decided, ...withdrawn];
  }

  /**
   * Anonymises a case (retention): the application (person, family, documents, evidence, assistance), the name keys,
   * the registry check, assessment, findings, interview notes, grounds, proposal and history details go; status,
   * partner, agreement, dates, time limits and the decision (accepted or refused, basis, deemed, by whom) stay.
   */
  async anonymise(caseNumber: string, at: Date): Promise<boolean> {
    const found = await this.findById(caseNumber, { history: 1 });
    return this.update(
      { _id: caseNumber, purgedAt: { $exists: false } },
      {
        $set: {
          application: {} as VerificationCase['application'],
          nameKeys: [],
          history: withoutDetails(found?.history ?? []),
          purgedAt: at,
        },
        $unset: {
          registry: '',
          assessment: '',
          findings: '',
          proposal: '',
          pendingDecision: '',
          'interview.notes': '',
          'decision.grounds': '',
        },
      },
    );
  }
}
