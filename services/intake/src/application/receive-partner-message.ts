import { Injectable } from '@nestjs/common';
import {
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  PartnerMessage,
  RawHeaders,
  TransferCancelledV1,
  TransferNotifiedV1,
} from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { receiptOf } from '../domain/receipt';
import { RegisterApplication } from './register-application';
import { RepeatFirstAnswer } from './repeat-first-answer';
import { RouteSupplementOrWithdrawal } from './route-supplement-or-withdrawal';
import { RouteTransferCancellation } from './route-transfer-cancellation';
import { RouteTransferNotice } from './route-transfer-notice';

/**
 * A decoded partner message: a redelivery (same ce_id) gets the first answer again; anything else goes to the use
 * case of its type, received at the broker's append time.
 */
@Injectable()
export class ReceivePartnerMessage {
  constructor(
    private readonly answers: RepeatFirstAnswer,
    private readonly register: RegisterApplication,
    private readonly routeCaseMessage: RouteSupplementOrWithdrawal,
    private readonly routeNotice: RouteTransferNotice,
    private readonly routeCancellation: RouteTransferCancellation,
    private readonly clock: Clock,
  ) {}

  async execute(message: PartnerMessage, headers: RawHeaders, brokerTimestamp: string): Promise<void> {
    const receivedAt = receiptOf(brokerTimestamp, this.clock.now());
    if (await this.answers.ifHandled(message.partnerCode, message.envelope.id, message.type)) return;
    switch (message.type) {
      case 'readmission.application.submitted.v1':
        return this.register.execute(message, message.payload as ApplicationSubmittedV1, headers, receivedAt);
      case 'readmission.application.supplemented.v1':
      case 'readmission.application.withdrawn.v1':
        return this.routeCaseMessage.execute(message, message.payload as ApplicationSupplementedV1 | ApplicationWithdrawnV1, headers, receivedAt);
      case 'readmission.transfer.notified.v1':
        return this.routeNotice.execute(message, message.payload as TransferNotifiedV1, headers, receivedAt);
      case 'readmission.transfer.cancelled.v1':
        return this.routeCancellation.execute(message, message.payload as TransferCancelledV1, headers, receivedAt);
    }
  }
}
