import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COST_BEARERS } from '@readmission/agreements';
import { COST_REFERENCE_KINDS } from '../../domain/costs';

/** The OpenAPI description of what the cost ledger's endpoints return (CostsController), for the console's generated types. */
class CostRuleView {
  @ApiProperty({ description: 'who bears it by the rule, or `departure`' }) value!: string;
  @ApiProperty({ description: 'the value status of the rule (confirmed, assumed, comparable…)' }) status!: string;
  @ApiProperty({ description: 'the article or docs/rules.md section' }) source!: string;
  @ApiProperty() rulebookVersion!: string;
}

class RepaymentDueView {
  @ApiProperty({ description: 'Baku date, the last day of the repayment' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) dueBy!: string;
  @ApiProperty({ description: 'the period in words with its article' }) rule!: string;
}

class CostInvoiceView {
  @ApiProperty() number!: string;
  @ApiProperty({ description: 'Baku date' }) issuedOn!: string;
  @ApiPropertyOptional({ type: RepaymentDueView }) repaymentDue?: RepaymentDueView;
}

export class CostEntryView {
  @ApiProperty() _id!: string;
  @ApiProperty({ enum: COST_REFERENCE_KINDS }) referenceKind!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() partnerCode!: string;
  @ApiProperty() agreement!: string;
  @ApiProperty() requestingState!: string;
  @ApiProperty() leg!: string;
  @ApiProperty({ description: 'Baku date' }) incurredOn!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'decimal, 2 decimals' }) amount!: string;
  @ApiProperty({ description: 'in minor units (cents)' }) amountMinor!: number;
  @ApiProperty({ description: 'ISO 4217' }) currency!: string;
  @ApiProperty({ enum: COST_BEARERS }) bearer!: string;
  @ApiProperty({ description: 'the state that bears it (a code)' }) borneBy!: string;
  @ApiProperty({ type: CostRuleView }) rule!: CostRuleView;
  @ApiPropertyOptional() departureReason?: string;
  @ApiPropertyOptional({ description: 'the state that advanced the cost (a code)' }) advancedBy?: string;
  @ApiPropertyOptional({ type: CostInvoiceView }) invoice?: CostInvoiceView;
  @ApiPropertyOptional({ description: 'Baku date' }) repaidOn?: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

/** The total per reference kind: only the kinds with entries are present. */
class CostKindTotalsView {
  @ApiPropertyOptional() readmission?: string;
  @ApiPropertyOptional() transit?: string;
  @ApiPropertyOptional({ name: 'outgoing-transfer' }) 'outgoing-transfer'?: string;
  @ApiPropertyOptional({ name: 'mistake-return' }) 'mistake-return'?: string;
}

class CostStatisticsRowView {
  @ApiProperty() partner!: string;
  @ApiProperty() year!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() entries!: number;
  @ApiProperty({ description: 'the sum of every entry, in the currency' }) total!: string;
  @ApiProperty() borneByRequestingState!: string;
  @ApiProperty() borneByRequestedState!: string;
  @ApiProperty() invoiced!: string;
  @ApiProperty() repaid!: string;
  @ApiProperty() outstanding!: string;
  @ApiProperty({ type: CostKindTotalsView, description: 'the total per reference kind (the procedures the costs belong to)' })
  byKind!: CostKindTotalsView;
}

export class CostStatisticsView {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [CostStatisticsRowView], description: 'per partner, year and currency' }) rows!: CostStatisticsRowView[];
}
