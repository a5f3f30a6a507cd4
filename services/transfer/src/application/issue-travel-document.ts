import { Injectable, Logger } from '@nestjs/common';
import { AgreementRules } from '@readmission/agreements';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock } from '@readmission/platform';
import { Stored } from '@readmission/persistence';
import { TravelDocument, travelDocumentFor } from '../domain/travel-document';
import { AcceptedCase } from '../infrastructure/accepted-case.schema';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { PartnerReplies } from './partner-replies';
import { transferMetrics } from './transfer-metrics';

/**
 * The return certificate of a national: issued at once on acceptance, and issued again (valid from today) when a
 * notice's arrival falls after the current one's last day. The partner is told with travel-document.issued each time.
 */
@Injectable()
export class IssueTravelDocument {
  private readonly logger = new Logger(IssueTravelDocument.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly replies: PartnerReplies,
    private readonly clock: Clock,
  ) {}

  /** The first document and its reply, to be written with the accepted case itself (see RegisterAcceptedCase). */
  onAcceptance(
    c: { caseNumber: string; partnerCode: string; partnerReference: string },
    rules: AgreementRules,
    causationId: string,
  ): { document: TravelDocument; event: OutgoingRecord } {
    const document = travelDocumentFor(c.caseNumber, 1, this.clock.now(), rules);
    return { document, event: this.replies.travelDocumentIssued(c, document, causationId) };
  }

  /** Replaces the current document by a new one valid from today (guarded: a repeat for the same document does nothing). */
  async reissue(found: Stored<AcceptedCase>, transferId: string, noticeId: string): Promise<TravelDocument> {
    const now = this.clock.now();
    const document = travelDocumentFor(found._id, found.travelDocuments.length + 1, now, found.decision.agreementRules);
    const event = this.replies.travelDocumentIssued(
      { caseNumber: found._id, partnerCode: found.partnerCode, partnerReference: found.partnerReference },
      document,
      noticeId,
    );
    const previous = found.travelDocument?.documentNumber;
    const history = {
      at: now,
      event: 'travel-document-reissued',
      by: 'system',
      details: { documentNumber: document.documentNumber, previous, transferId },
    };
    await this.cases.update(
      { _id: found._id, 'travelDocument.documentNumber': previous },
      { $set: { travelDocument: document }, $push: { travelDocuments: document, history } },
      [event],
    );
    transferMetrics.documents.inc({ kind: 'reissue' });
    this.logger.log(
      `${found._id}: travel document reissued as ${document.documentNumber} (previous expires before transfer ${transferId})`,
    );
    return document;
  }
}
