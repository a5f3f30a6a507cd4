import { Injectable, Logger } from '@nestjs/common';
import { bakuDate } from '@readmission/agreements';
import { AcceptanceLapsedV1, DecodedMessage } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { PersonBookings } from '../infrastructure/person-bookings.repository';
import { PartnerReplies } from './partner-replies';

/**
 * An accepted application withdrawn by the partner (`readmission.internal.acceptance-lapsed.v1`, docs/rules.md#withdrawal-of-an-application):
 * the acceptance lapses (status `withdrawn`), its return certificates are cancelled, the person's place on a
 * confirmed transfer is freed, and every later notice for the person is refused with the reason. A person already
 * handed over stays so. The partner is told what the withdrawal did (`readmission.application.withdrawal-confirmed.v1`),
 * in the same write. Idempotent: guarded by the status it leaves.
 */
@Injectable()
export class LapseAcceptance {
  private readonly logger = new Logger(LapseAcceptance.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly slots: CapacitySlots,
    private readonly bookings: PersonBookings,
    private readonly replies: PartnerReplies,
    private readonly clock: Clock,
  ) {}

  async execute({ payload, envelope }: DecodedMessage<AcceptanceLapsedV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber);
    if (!found) throw new Error(`acceptance of ${payload.caseNumber} lapsed before transfer registered it`); // retried: case-decided comes first on the same key
    if (found.status === 'withdrawn') return;
    const now = this.clock.now();
    const c = { caseNumber: found._id, partnerCode: found.partnerCode, partnerReference: found.partnerReference };
    const answers = payload.withdrawalMessageId ?? envelope.id;
    if (found.status === 'transferred') {
      const effect = 'The person was already handed over; the withdrawal is recorded and changes nothing.';
      await this.cases.update(
        { _id: found._id, status: 'transferred', 'history.event': { $ne: 'withdrawn-after-transfer' } },
        { $push: { history: { at: now, event: 'withdrawn-after-transfer', by: `partner:${found.partnerCode}` } } },
        [this.replies.withdrawalConfirmed(c, 'after-transfer', effect, [], payload.withdrawnAt, answers)],
      );
      return;
    }
    const cancelled = found.travelDocuments.map((d) => d.documentNumber);
    const effect =
      `The acceptance of ${bakuDate(found.acceptedAt)} has lapsed` +
      (cancelled.length
        ? `; return certificate${cancelled.length > 1 ? 's' : ''} ${cancelled.join(', ')} ${cancelled.length > 1 ? 'are' : 'is'} cancelled`
        : '') +
      '; transfer notices for this person will be refused.';
    const matched = await this.cases.update(
      { _id: found._id, status: found.status },
      {
        $set: {
          status: 'withdrawn',
          withdrawal: { withdrawnAt: new Date(payload.withdrawnAt), reason: payload.reason, cancelledDocuments: cancelled },
        },
        $unset: { currentTransfer: 1 },
        $push: {
          history: {
            at: now,
            event: 'acceptance-lapsed',
            by: `partner:${found.partnerCode}`,
            details: { cancelledDocuments: cancelled, transfer: found.currentTransfer },
          },
        },
      },
      [this.replies.withdrawalConfirmed(c, 'after-acceptance', effect, cancelled, payload.withdrawnAt, answers)],
    );
    if (found.currentTransfer) {
      await this.slots.releasePerson(found.currentTransfer, found._id);
      await this.bookings.releasePerson(found._id, found.currentTransfer);
    }
    if (matched) this.logger.log(`${found._id}: acceptance lapsed (withdrawn), ${cancelled.length} travel document(s) cancelled`);
  }
}
