import { IsIn, IsString, Length, Matches } from 'class-validator';
import { REFERENCE_PATTERN } from './inbound';
import { RejectionReasonsV1, TransferRefusedV1 } from './outbound';
import { REQUEST_NUMBER_ERROR, REQUEST_NUMBER_PATTERN } from './requests';
import { TRANSIT_BORDER_EVENTS, TransitBorderEvent } from './transit';
import { IsInstant } from './validators';

/**
 * Interface 1.1 (additive): the partner's answers on the form of Azerbaijan's requests and on its transfer notices,
 * the mirror of what Azerbaijan answers a partner (`readmission.application.rejected.v1`,
 * `readmission.transfer.confirmed.v1` / `refused.v1`); and the border events of a transit the partner requested.
 */

/**
 * The partner cannot accept Azerbaijan's request for processing (partner → Azerbaijan): the message or the
 * application is invalid under the agreement (a missing field, a time limit passed, no agreement applicable, …), each
 * reason with its code and, where it has one, the field (a JSON path into `readmission.request.submitted.v1`). Not a
 * decision on the merits: Azerbaijan may send a new, corrected application.
 */
export class RequestRejectedV1 extends RejectionReasonsV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
  @IsInstant() rejectedAt!: string;
}

/** The partner agrees to Azerbaijan's transfer notice (partner → Azerbaijan): the arrival and its crossing point. */
export class RequestTransferConfirmedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transferReference!: string;
  @IsInstant() arrival!: string;
  /** The partner's crossing point the person is received at (the code of the notice). */
  @IsString() @Length(2, 64) borderCrossingPoint!: string;
}

/**
 * The partner cannot agree to Azerbaijan's transfer notice (partner → Azerbaijan): Azerbaijan's own refusal
 * (`readmission.transfer.refused.v1`: the notice's reference and the reasons) with the request number; Azerbaijan may
 * notify another transfer.
 */
export class RequestTransferRefusedV1 extends TransferRefusedV1 {
  @Matches(REQUEST_NUMBER_PATTERN, REQUEST_NUMBER_ERROR) requestNumber!: string;
}

/**
 * What Azerbaijan's border officer recorded of a transit the partner requested (Azerbaijan → partner): the person
 * `entered` Azerbaijan at the point of entry, `left` it onward, or `not-arrived` (the escort did not come within the
 * consent's window).
 */
export class TransitBorderRecordedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transitReference!: string;
  @IsIn(TRANSIT_BORDER_EVENTS) event!: TransitBorderEvent;
  @IsString() @Length(2, 64) crossingPoint!: string;
  @IsInstant() recordedAt!: string;
}
