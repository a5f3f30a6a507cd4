import { Injectable, Logger } from '@nestjs/common';
import { ApplicationSupplementedInternalV1, ApplicationWithdrawnInternalV1, DecodedMessage } from '@readmission/contracts';
import { WaitingMessage, WaitingMessages } from '@readmission/persistence';
import { Clock, PeriodicSweep, deterministicId } from '@readmission/platform';
import { caseNotArrived } from '../domain/case-messages';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { VerificationSettings } from '../settings';
import { ApplySupplement } from './apply-supplement';
import { ApplyWithdrawal } from './apply-withdrawal';
import { partnerReply } from './partner-reply';

export const SUPPLEMENTED = 'verification.application-supplemented';
export const WITHDRAWN = 'verification.application-withdrawn';
type Kind = typeof SUPPLEMENTED | typeof WITHDRAWN;

/**
 * Supplements and withdrawals, whether or not their case has reached verification: intake routes them only for a
 * registered case, but case-registered travels on another topic and may come later. Such a message waits
 * (`waiting-messages`, once per message id) and is applied when the case is opened, in the order of receipt; if the
 * case has not come within `CASE_MESSAGE_WAIT_MS`, the sweep answers the partner `unknown-reference` (the message
 * is not applied) instead of dead-lettering it. Every step is idempotent: a crash between them repeats none.
 */
@Injectable()
export class ApplyCaseMessage extends PeriodicSweep {
  protected readonly logger = new Logger(ApplyCaseMessage.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly waiting: WaitingMessages,
    private readonly supplement: ApplySupplement,
    private readonly withdrawal: ApplyWithdrawal,
    private readonly settings: VerificationSettings,
    private readonly clock: Clock,
  ) {
    super();
  }

  supplemented(m: DecodedMessage<ApplicationSupplementedInternalV1>): Promise<void> {
    return this.applyOrWait(SUPPLEMENTED, m, m.payload.receivedAt);
  }

  withdrawn(m: DecodedMessage<ApplicationWithdrawnInternalV1>): Promise<void> {
    return this.applyOrWait(WITHDRAWN, m, m.payload.receivedAt);
  }

  /** Applies what waits for a case just opened, in the order the partner's messages were received. */
  async applyWaiting(caseNumber: string): Promise<number> {
    const waiting = await this.waiting.waitingFor(caseNumber);
    for (const w of waiting) await this.applyKept(w);
    return waiting.length;
  }

  /** Messages whose wait has ended: applied if their case came meanwhile, otherwise the partner is answered. */
  async sweep(): Promise<{ applied: number; answered: number }> {
    const now = this.clock.now();
    let applied = 0;
    let answered = 0;
    for (const w of await this.waiting.due(now)) {
      try {
        if (await this.cases.exists({ _id: w.subject })) {
          if (await this.applyKept(w)) applied += 1;
        } else if (await this.answer(w, now)) answered += 1;
      } catch (error) {
        this.logger.error(`${w.id}: not settled now, retried next sweep: ${(error as Error).message}`);
      }
    }
    return { applied, answered };
  }

  private async applyOrWait(kind: Kind, m: DecodedMessage<{ caseNumber: string }>, receivedAt: string): Promise<void> {
    const caseNumber = m.payload.caseNumber;
    if (await this.cases.exists({ _id: caseNumber })) return this.apply(kind, m);
    const waitUntil = new Date(this.clock.now().getTime() + this.settings.CASE_MESSAGE_WAIT_MS);
    await this.waiting.keep(kind, caseNumber, m, new Date(receivedAt), waitUntil);
    this.logger.log(`${caseNumber}: ${m.envelope.id} arrived before its case: waits until ${waitUntil.toISOString()}`);
    // The case may have been opened between the look and the keep, after its opening applied what waited: apply now.
    if (await this.cases.exists({ _id: caseNumber })) await this.applyWaiting(caseNumber);
  }

  /** Applies a kept message unless it was answered meanwhile; true if this call claimed it. */
  private async applyKept(w: WaitingMessage): Promise<boolean> {
    const now = this.clock.now();
    const { won, holds } = await this.waiting.claim(w.id, 'applied', now);
    if (!holds) return false; // answered already: not applied
    await this.apply(w.consumer as Kind, w.message as DecodedMessage<{ caseNumber: string }>);
    await this.waiting.settle(w.id, 'applied', now);
    return won;
  }

  private apply(kind: Kind, m: DecodedMessage<{ caseNumber: string }>): Promise<void> {
    return kind === SUPPLEMENTED
      ? this.supplement.execute(m as DecodedMessage<ApplicationSupplementedInternalV1>)
      : this.withdrawal.execute(m as DecodedMessage<ApplicationWithdrawnInternalV1>);
  }

  /** The partner is told the message was not applied (`unknown-reference`), in the write that settles it: once. */
  private async answer(w: WaitingMessage, now: Date): Promise<boolean> {
    const p = w.message.payload as (ApplicationSupplementedInternalV1 | ApplicationWithdrawnInternalV1) & { [k: string]: unknown };
    const partnerReference =
      'supplement' in p
        ? (p as ApplicationSupplementedInternalV1).supplement.partnerReference
        : (p as ApplicationWithdrawnInternalV1).withdrawal.partnerReference;
    const what = w.consumer === SUPPLEMENTED ? 'supplement' : 'withdrawal';
    const reply = partnerReply(
      { _id: w.subject, partnerCode: p.partnerCode, partnerReference, applicationMessageId: p.messageId },
      'readmission.application.rejected.v1',
      deterministicId('case-not-arrived', w.id),
      { partnerReference, reasons: [caseNotArrived(what, partnerReference, w.subject, this.settings.CASE_MESSAGE_WAIT_MS)] },
      now,
      w.message.envelope.id,
    );
    const { won, holds } = await this.waiting.claim(w.id, 'answered', now);
    if (!holds) return false; // applied meanwhile: its case arrived
    await this.waiting.settle(w.id, 'answered', now, [reply]);
    if (won) this.logger.warn(`${w.subject}: ${what} ${p.messageId} answered unknown-reference, its case did not arrive in time`);
    return won;
  }
}
