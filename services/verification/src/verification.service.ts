import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CaseRegisteredV1, DecodedMessage, encodeInternalEvent } from '@readmission/contracts';
import { OutboxRelay, initialOutbox, isDuplicateKeyError } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { provingPassport } from './evidence';
import { VerificationCase } from './verification-case.schema';

const SOURCE = 'urn:readmission:verification';

@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(
    @InjectModel(VerificationCase.name) private readonly cases: Model<VerificationCase>,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  /** Opens the verification of a registered case and decides it when the evidence is proof. Idempotent by case number. */
  async onCaseRegistered({ payload: c, envelope }: DecodedMessage<CaseRegisteredV1>): Promise<void> {
    const proof = provingPassport(c.application, c.receivedAt.slice(0, 10));
    const now = this.clock.now();
    const decidedAt = now.toISOString();
    const records = [];
    if (proof) {
      const decision = { decision: 'accepted' as const, basis: 'proof' as const, decidedAt, deemed: false };
      records.push(
        encodeInternalEvent(
          'readmission.internal.partner-reply-requested.v1',
          {
            replyId: deterministicId('decided', c.caseNumber),
            partnerCode: c.partnerCode,
            messageType: 'readmission.application.decided.v1',
            recordKey: c.partnerReference,
            caseNumber: c.caseNumber,
            payload: { partnerReference: c.partnerReference, caseNumber: c.caseNumber, ...decision },
          },
          { id: deterministicId('decided-reply', c.caseNumber), source: SOURCE, time: decidedAt, subject: c.caseNumber, causationId: envelope.id },
        ),
        encodeInternalEvent(
          'readmission.internal.case-decided.v1',
          {
            caseNumber: c.caseNumber,
            partnerCode: c.partnerCode,
            partnerReference: c.partnerReference,
            agreement: c.agreement,
            category: c.category,
            ...decision,
            person: {
              surname: c.application.person.surname,
              givenNames: c.application.person.givenNames,
              sex: c.application.person.sex,
              dateOfBirth: c.application.person.dateOfBirth,
              nationality: c.application.person.nationality,
            },
            family: c.application.family ?? [],
            assistance: c.application.assistance,
            unaccompaniedMinor: c.application.unaccompaniedMinor ?? false,
          },
          { id: deterministicId('case-decided', c.caseNumber), source: SOURCE, time: decidedAt, subject: c.caseNumber, causationId: envelope.id },
        ),
      );
    }
    try {
      await this.cases.create({
        _id: c.caseNumber,
        partnerCode: c.partnerCode,
        partnerReference: c.partnerReference,
        agreement: c.agreement,
        category: c.category,
        procedure: c.procedure,
        receivedAt: new Date(c.receivedAt),
        replyDueBy: new Date(c.replyDueBy),
        status: proof ? 'decided' : 'awaiting-review',
        application: c.application as unknown as Record<string, unknown>,
        decision: proof
          ? { decision: 'accepted', basis: 'proof', decidedAt: now, deemed: false, evidence: { type: proof.type, form: proof.form, number: proof.number, expiresOn: proof.expiresOn } }
          : undefined,
        ...initialOutbox(records),
      });
      this.logger.log(`${c.caseNumber}: ${proof ? 'accepted on proof' : 'awaiting review'}`);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      this.logger.log(`${c.caseNumber}: already opened (redelivery)`);
    }
    await this.relay.flush(this.cases as never, c.caseNumber);
  }
}
