import { Injectable, Logger } from '@nestjs/common';
import { bakuDate } from '@readmission/agreements';
import { AcceptanceLapsedV1, DecodedMessage } from '@readmission/contracts';
import { WaitingMessages } from '@readmission/persistence';
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
 *
 * A lapse that overtakes the acceptance (case-decided travels on another topic) is kept in `waiting-messages` and
 * applied when the acceptance is registered (RegisterAcceptedCase calls `applyWaiting`). It waits without a time
 * limit: verification sends it only for an acceptance it has published.
 */
/** The inbox consumer of acceptance-lapsed, also the name its kept messages wait under. */
export const WAITING_CONSUMER = 'transfer.acceptance-lapsed';

@Injectable()
export class LapseAcceptance {
  private readonly logger = new Logger(LapseAcceptance.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly slots: CapacitySlots,
    private readonly bookings: PersonBookings,
    private readonly replies: PartnerReplies,
    private readonly waiting: WaitingMessages,
    private readonly clock: Clock,
  ) {}

  async execute(message: DecodedMessage<AcceptanceLapsedV1>): Promise<void> {
    const caseNumber = message.payload.caseNumber;
    if (await this.cases.exists({ _id: caseNumber })) return this.apply(message);
    const now = this.clock.now();
    await this.waiting.keep(WAITING_CONSUMER, caseNumber, message, new Date(message.payload.withdrawnAt), now);
    this.logger.log(`${caseNumber}: acceptance lapsed before transfer registered the acceptance: kept until it arrives`);
    // Registered between the look and the keep (after it applied what waited): apply now.
    if (await this.cases.exists({ _id: caseNumber })) await this.applyWaiting(caseNumber);
  }

  /** Applies a lapse that came before the acceptance it ends, once the acceptance is registered. */
  async applyWaiting(caseNumber: string): Promise<void> {
    for (const w of await this.waiting.waitingFor(caseNumber)) {
      if (w.consumer !== WAITING_CONSUMER) continue;
      const now = this.clock.now();
      await this.waiting.claim(w.id, 'applied', now); // the only way transfer settles these: no other claim can win
      await this.apply(w.message as DecodedMessage<AcceptanceLapsedV1>);
      await this.waiting.settle(w.id, 'applied', now);
    }
  }

  private async apply({ payload, envelope }: DecodedMessage<AcceptanceLapsedV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber);
    if (!found) throw new Error(`acceptance of ${payload.caseNumber} lapsed before transfer registered it`); // kept by execute
    const now = this.clock.now();
    const c = { caseNumber: found._id, partnerCode: found.partnerCode, partnerReference: found.partnerReference };
    const answers = payload.withdrawalMessageId ?? envelope.id;
    if (found.status === 'withdrawn') {
      // Withdrawn again (another withdrawal message): answered too, nothing changes. Once per message (its reply id).
      const w = found.withdrawal;
      const effect = `The application was already withdrawn${w ? ` on ${bakuDate(w.withdrawnAt)}` : ''}; this withdrawal changes nothing.`;
      const again = this.replies.withdrawalConfirmed(c, 'after-acceptance', effect, [], payload.withdrawnAt, answers);
      await this.cases.update(
        { _id: found._id, 'history.details.answers': { $ne: answers } },
        { $push: { history: { at: now, event: 'withdrawn-again', by: `partner:${found.partnerCode}`, details: { answers } } } },
        [again],
      );
      return;
    }
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
