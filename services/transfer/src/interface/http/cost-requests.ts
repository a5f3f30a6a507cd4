import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { COST_BEARERS, CostBearer } from '@readmission/agreements';
import { AMOUNT, COST_REFERENCE_KINDS, CostReferenceKind } from '../../domain/costs';
import { DATE } from './requests';

export class CostEntryRequest {
  @ApiProperty({ enum: COST_REFERENCE_KINDS, description: 'the procedure the cost belongs to' })
  @IsIn(COST_REFERENCE_KINDS)
  referenceKind!: CostReferenceKind;
  @ApiProperty({
    description: 'readmission: <partner>:<transferReference>',
    example: 'DE:TR-2027-001',
  })
  @IsString()
  @Length(1, 140)
  reference!: string;
  @ApiProperty({ description: 'what was paid for, e.g. "flight FRA-GYD", "escort return flights"' })
  @IsString()
  @Length(1, 200)
  leg!: string;
  @ApiProperty({ description: 'Baku date the cost arose (YYYY-MM-DD)' }) @Matches(DATE) incurredOn!: string;
  @ApiProperty({ description: 'decimal amount, at most 2 decimals', example: '1840.50' }) @Matches(AMOUNT) amount!: string;
  @ApiProperty({ description: 'ISO 4217 code', example: 'EUR' }) @Matches(/^[A-Z]{3}$/) currency!: string;
  @ApiPropertyOptional({ enum: COST_BEARERS, description: "absent: the rule's (rules.transportCostsBorneBy)" })
  @IsOptional()
  @IsIn(COST_BEARERS)
  bearer?: CostBearer;
  @ApiPropertyOptional({ description: 'required when the bearer departs from the rule' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  departureReason?: string;
  @ApiPropertyOptional({
    enum: COST_BEARERS,
    description: 'the state that paid in advance, when it is not the bearer (it invoices the other)',
  })
  @IsOptional()
  @IsIn(COST_BEARERS)
  advancedBy?: CostBearer;
}

export class CostInvoiceRequest {
  @ApiProperty() @IsString() @Length(1, 64) number!: string;
  @ApiProperty({ description: 'Baku date of the invoice' }) @Matches(DATE) issuedOn!: string;
}

export class CostRepaymentRequest {
  @ApiProperty({ description: 'Baku date the invoice was repaid' }) @Matches(DATE) repaidOn!: string;
}

export class CostEntriesQuery {
  @IsOptional() @IsIn(COST_REFERENCE_KINDS) referenceKind?: CostReferenceKind;
  @IsOptional() @IsString() @Length(1, 140) reference?: string;
  @IsOptional() @Matches(/^[A-Z]{2}$/) partner?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 200;
}

export class CostStatisticsQuery {
  @ApiProperty({ description: 'first year' }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) from!: number;
  @ApiPropertyOptional({ description: 'last year (the first by default)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  to?: number;
  @IsOptional() @Matches(/^[A-Z]{2}$/) partner?: string;
}
