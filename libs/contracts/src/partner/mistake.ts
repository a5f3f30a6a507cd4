import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CATEGORIES, Category } from './codes';
import { MAX_ITEMS, REFERENCE_PATTERN, SHA256_ERROR, SHA256_PATTERN } from './inbound';
import { CASE_NUMBER_PATTERN } from './outbound';
import { IsCalendarDate, IsInstant } from './validators';

/**
 * Interface 1.1 (additive): readmission by mistake (docs/rules.md#readmission-by-mistake). Azerbaijan, having
 * readmitted a person at a partner's request, establishes within the agreement's period after the transfer that the
 * conditions were not met, and asks the partner to take the person back. Direction in the type's name: `requested` and
 * `return-completed` go from the platform to the partner (outbound topic), `answered` from the partner (inbound topic).
 * Record key: the partner's reference of the original application. Partners on 1.0 are unaffected.
 */
export const MISTAKE_ANSWERS = ['accepted', 'refused'] as const;
export type MistakeAnswer = (typeof MISTAKE_ANSWERS)[number];
export const MISTAKE_RETURN_OUTCOMES = ['returned', 'not-returned'] as const;
export type MistakeReturnOutcome = (typeof MISTAKE_RETURN_OUTCOMES)[number];

/** What establishes the mistake: e.g. a registry record, a foreign passport found, a consular statement. */
export class MistakeEvidenceV1 {
  /** A short name of the kind of evidence, e.g. `registry-record`, `foreign-passport`, `consular-statement`. */
  @IsString() @Length(1, 100) kind!: string;
  @IsString() @Length(1, 2000) description!: string;
  @IsOptional() @IsString() @Length(1, 128) attachmentId?: string;
  @IsOptional() @Matches(SHA256_PATTERN, SHA256_ERROR) sha256?: string;
}

/** Platform → partner: take back a person Azerbaijan readmitted by mistake (the conditions were not met). */
export class MistakeReturnRequestedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  /** The transfer that brought the person, and the day of the handover (the period runs from it). */
  @IsString() @Length(1, 64) transferReference!: string;
  @IsCalendarDate() handedOverOn!: string;
  @IsIn(CATEGORIES) category!: Category;
  /** Which condition was not met, in words the requesting authority can act on. */
  @IsString() @Length(1, 4000) grounds!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS.evidence)
  @ValidateNested({ each: true })
  @Type(() => MistakeEvidenceV1)
  evidence!: MistakeEvidenceV1[];
  /** The rule applied: the period, its status and source (e.g. "6 months from transfer (comparable: …)"), and its last day. */
  @IsString() @Length(1, 500) rule!: string;
  @IsCalendarDate() periodEndsOn!: string;
  @IsInstant() requestedAt!: string;
}

/** Partner → platform: the answer to a request for readmission by mistake; a refusal gives written grounds. */
@JSONSchema(<Record<string, unknown>>{
  if: { properties: { answer: { const: 'refused' } }, required: ['answer'] },
  then: { required: ['grounds'] },
})
export class MistakeAnsweredV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsIn(MISTAKE_ANSWERS) answer!: MistakeAnswer;
  @ValidateIf((o: MistakeAnsweredV1) => o.answer === 'refused' || o.grounds !== undefined)
  @IsString()
  @Length(1, 4000)
  grounds?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Platform → partner: the return was recorded at the border crossing point (handed back, or not). */
export class MistakeReturnCompletedV1 {
  @IsString() @Length(1, 64) @Matches(REFERENCE_PATTERN) partnerReference!: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber!: string;
  @IsIn(MISTAKE_RETURN_OUTCOMES) outcome!: MistakeReturnOutcome;
  @IsString() @Length(2, 8) borderCrossingPoint!: string;
  @IsInstant() recordedAt!: string;
}
