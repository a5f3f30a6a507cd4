import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The OpenAPI description of GET /border/arrivals (what ListExpectedArrivals returns). */
class PhotoReferenceView {
  @ApiProperty({ description: "the partner's attachment id of the photo" }) attachmentId!: string;
  @ApiProperty({ description: 'SHA-256 of the image (64 lower-case hex digits)' }) sha256!: string;
}

class ArrivingPersonView {
  @ApiProperty({ description: 'as the partner sent it' }) surname!: string;
  @ApiProperty({ description: 'as the partner sent them' }) givenNames!: string;
  @ApiProperty() sex!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() nationality!: string;
  @ApiPropertyOptional({ type: PhotoReferenceView, description: 'the photo attached to the application, for the identity check' })
  photo?: PhotoReferenceView;
}

class FamilyMemberView {
  @ApiProperty() relation!: string;
  @ApiProperty() surname!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty() sex!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() nationality!: string;
}

class VulnerabilityView {
  @ApiProperty() unaccompaniedMinor!: boolean;
  @ApiProperty() assistanceNeeded!: boolean;
  @ApiPropertyOptional({ description: "only with the person's consent" }) assistanceDetails?: string;
}

class TravelDocumentView {
  @ApiProperty() documentNumber!: string;
  @ApiProperty({ description: 'Baku date' }) validUntil!: string;
}

class RecordedView {
  @ApiProperty({ enum: ['arrived', 'not-arrived'] }) outcome!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

class ExpectedPersonView {
  @ApiProperty() partnerReference!: string;
  @ApiProperty() caseNumber!: string;
  @ApiPropertyOptional({ type: ArrivingPersonView }) person?: ArrivingPersonView;
  @ApiProperty({ type: [FamilyMemberView] }) family!: FamilyMemberView[];
  @ApiProperty() unaccompaniedMinor!: boolean;
  @ApiProperty({ type: VulnerabilityView }) vulnerability!: VulnerabilityView;
  @ApiPropertyOptional({ type: TravelDocumentView }) travelDocument?: TravelDocumentView;
  @ApiPropertyOptional({ description: 'why the person is not to be received (remedy pending, application withdrawn)' })
  doNotReceive?: string;
  @ApiPropertyOptional({ type: RecordedView }) recorded?: RecordedView;
}

class ExpectedTransferView {
  @ApiProperty() partnerCode!: string;
  @ApiProperty() transferReference!: string;
  @ApiProperty({ enum: ['confirmed', 'refused', 'cancelled', 'completed'] }) status!: string;
  @ApiProperty({ description: 'Baku time with the offset' }) plannedArrival!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) transport!: Record<string, unknown>;
  @ApiProperty({ type: [ExpectedPersonView] }) persons!: ExpectedPersonView[];
}

export class ExpectedArrivalsView {
  @ApiProperty() borderCrossingPoint!: string;
  @ApiProperty({ description: 'Baku date' }) date!: string;
  @ApiProperty({ type: [ExpectedTransferView] }) transfers!: ExpectedTransferView[];
}
