import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { TRANSIT_REFUSAL_GROUNDS, TransitRefusalGround } from '@readmission/agreements/rules';
import { EscortV1, MAX_ITEMS, PersonV1, REFERENCE_PATTERN, RequestingAuthorityV1, TransportV1 } from './inbound';
import { IsCountryCode, IsInstant } from './validators';

/**
 * Interface 1.1 (additive): transit under escort through Azerbaijan. A partner asks Azerbaijan to let a third-country
 * national (or stateless person) transit under escort to a third state; Azerbaijan acknowledges, then consents or
 * refuses on the grounds the agreement allows, and may revoke a consent when facts come to light
 * (docs/rules.md#transit). Partners on interface 1.0 are unaffected. Record key: `transitReference`.
 */

export { TRANSIT_REFUSAL_GROUNDS, type TransitRefusalGround };

/** How the person transits: through an airport, or overland or by sea through a crossing point. */
export const TRANSIT_TYPES = ['air', 'land', 'sea'] as const;
export type TransitType = (typeof TRANSIT_TYPES)[number];

/** What Azerbaijan's border officer records of a transit at the crossing point (told to the partner, interface 1.1). */
export const TRANSIT_BORDER_EVENTS = ['entered', 'left', 'not-arrived'] as const;
export type TransitBorderEvent = (typeof TRANSIT_BORDER_EVENTS)[number];

/** The most states of transit besides Azerbaijan a request names. */
export const MAX_TRANSIT_STATES = 10;

const CROSSING_POINT = /^[A-Z0-9-]{2,16}$/;

/** The request for transit (the model clause's transit form): everything the clause asks for, and the declaration. */
export class TransitRequestedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) transitReference!: string;
  @IsObject() @ValidateNested() @Type(() => RequestingAuthorityV1) requestingAuthority!: RequestingAuthorityV1;
  @IsIn(TRANSIT_TYPES) transitType!: TransitType;
  /** The other states the person transits through, in order (Azerbaijan not included); may be empty. */
  @IsArray()
  @ArrayMaxSize(MAX_TRANSIT_STATES)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'otherTransitStates must be upper-case ISO 3166-1 alpha-2 codes' })
  otherTransitStates!: string[];
  /** The state of final destination, which has agreed to admit the person. */
  @IsCountryCode() finalDestination!: string;
  @IsObject() @ValidateNested() @Type(() => PersonV1) person!: PersonV1;
  /** The envisaged point of entry into Azerbaijan: a crossing point code (e.g. GYD). */
  @IsString() @Matches(CROSSING_POINT, { message: 'pointOfEntry must be a crossing point code' }) pointOfEntry!: string;
  /** The envisaged time of the transfer into Azerbaijan. */
  @IsInstant() transferAt!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TransportV1) transport?: TransportV1;
  /** The officers escorting the person (transit is under escort: at least one). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS.escorts) @ValidateNested({ each: true }) @Type(() => EscortV1) escorts!: EscortV1[];
  /** The requesting state declares that the conditions of the transit are met (onward journey and admission assured). */
  @JSONSchema(<Record<string, unknown>>{ type: 'boolean', const: true })
  @Equals(true, { message: 'conditionsDeclared must be true: the requesting state declares that the conditions of transit are met' })
  conditionsDeclared!: true;
}

/** The request was registered: when it was received, under which agreement, and by when Azerbaijan replies. */
export class TransitAcknowledgedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transitReference!: string;
  @IsInstant() receivedAt!: string;
  @IsString() @Length(2, 16) agreement!: string;
  @IsInstant() replyDueBy!: string;
}

export const TRANSIT_DECISIONS = ['consented', 'refused'] as const;
export type TransitDecision = (typeof TRANSIT_DECISIONS)[number];

@JSONSchema(<Record<string, unknown>>{
  allOf: [
    {
      if: { properties: { decision: { const: 'refused' } }, required: ['decision'] },
      then: { required: ['refusalGround', 'grounds'] },
    },
    {
      if: { properties: { decision: { const: 'consented' } }, required: ['decision'] },
      then: { required: ['consentValidUntil'] },
    },
  ],
})
export class TransitDecidedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transitReference!: string;
  @IsIn(TRANSIT_DECISIONS) decision!: TransitDecision;
  @IsInstant() decidedAt!: string;
  /** A consent: the transit is carried out by then (its window). */
  @ValidateIf((o: TransitDecidedV1) => o.decision === 'consented' || o.consentValidUntil !== undefined)
  @IsInstant()
  consentValidUntil?: string;
  /** A refusal: the ground the agreement allows. */
  @ValidateIf((o: TransitDecidedV1) => o.decision === 'refused' || o.refusalGround !== undefined)
  @IsIn(TRANSIT_REFUSAL_GROUNDS)
  refusalGround?: TransitRefusalGround;
  /** A refusal: the written grounds. */
  @ValidateIf((o: TransitDecidedV1) => o.decision === 'refused' || o.grounds !== undefined)
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  /** The rule applied: the agreement's article (or docs/rules.md section), with its status. */
  @IsString() @Length(1, 1000) basis!: string;
}

/** A consent is revoked: facts that stand in the way of the transit came to light after it was given. */
export class TransitConsentRevokedV1 {
  @IsString() @Matches(REFERENCE_PATTERN) transitReference!: string;
  @IsInstant() revokedAt!: string;
  @IsIn(TRANSIT_REFUSAL_GROUNDS) ground!: TransitRefusalGround;
  @IsString() @Length(1, 4000) grounds!: string;
  @IsString() @Length(1, 1000) basis!: string;
}
