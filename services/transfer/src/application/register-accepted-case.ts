import { Injectable, Logger } from '@nestjs/common';
import { CalendarSource, formatInstant } from '@readmission/agreements';
import { CaseDecidedV1, DecodedMessage } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { limitsOnAcceptance } from '../domain/transfer-time-limits';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { IssueTravelDocument } from './issue-travel-document';
import { transferMetrics } from './transfer-metrics';
import { LapseAcceptance } from './lapse-acceptance';

/** An acceptance (case-decided, accepted) opens the case for transfer and, for a national, issues the return certificate at once. */
@Injectable()
export class RegisterAcceptedCase {
  private readonly logger = new Logger(RegisterAcceptedCase.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly documents: IssueTravelDocument,
    private readonly calendars: CalendarSource,
    private readonly lapses: LapseAcceptance,
    private readonly clock: Clock,
  ) {}

  async execute({ payload, envelope }: DecodedMessage<CaseDecidedV1>): Promise<void> {
    if (payload.decision !== 'accepted') return;
    const rules = payload.agreementRules;
    const acceptedAt = new Date(payload.decidedAt);
    const context = { requestingState: payload.partnerCode, rulebookVersion: payload.rulebookVersion };
    const deadlines = limitsOnAcceptance(rules, acceptedAt, await this.calendars.calendars(), context);
    const transferDueBy = deadlines.transfer.dueBy;
    const now = this.clock.now();
    const issued = payload.category === 'national' ? this.documents.onAcceptance(payload, rules, envelope.id) : undefined;
    const travelDocument = issued?.document;
    const details = { deemed: payload.deemed, transferDueBy, ...(travelDocument ? { documentNumber: travelDocument.documentNumber } : {}) };
    // The case number names the one-time effect: a redelivery finds it inserted (and gets its reply published if pending).
    const inserted = await this.cases.insertOnce(
      {
        _id: payload.caseNumber,
        partnerCode: payload.partnerCode,
        partnerReference: payload.partnerReference,
        agreement: payload.agreement,
        category: payload.category,
        status: 'awaiting-transfer',
        acceptedAt,
        issueDueBy: deadlines.travelDocumentIssue.dueBy,
        transferDueBy,
        deadlines,
        originalTransferDueBy: transferDueBy,
        travelDocument,
        travelDocuments: travelDocument ? [travelDocument] : [],
        extensions: [],
        alertsRaised: [],
        decision: JSON.parse(JSON.stringify(payload)),
        history: [{ at: now, event: 'accepted', by: 'system', details }],
      },
      issued ? [issued.event] : [],
    );
    // A withdrawal that overtook the acceptance ends it now (also on a redelivery, after a crash right here).
    await this.lapses.applyWaiting(payload.caseNumber);
    if (!inserted) return;
    if (travelDocument) transferMetrics.documents.inc({ kind: 'issue' });
    this.logger.log(
      `${payload.caseNumber}: accepted, transfer due by ${formatInstant(transferDueBy)}${travelDocument ? `, travel document ${travelDocument.documentNumber}` : ''}`,
    );
  }
}
