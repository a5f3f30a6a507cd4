import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '@readmission/platform';
import { fromMinorUnits } from '../../domain/costs';
import { CostStatistics } from '../../application/cost-statistics';
import { RecordCost } from '../../application/record-cost';
import { RecordCostInvoice } from '../../application/record-cost-invoice';
import { RecordCostRepayment } from '../../application/record-cost-repayment';
import { CostEntries } from '../../infrastructure/cost-entries.repository';
import { CostEntry } from '../../infrastructure/cost-entry.schema';
import { CostEntriesQuery, CostEntryRequest, CostInvoiceRequest, CostRepaymentRequest, CostStatisticsQuery } from './cost-requests';
import { CostEntryView, CostStatisticsView } from './costs.view';

/** An entry as the API shows it: the amount as a decimal string beside its minor units. */
const shown = <T extends Pick<CostEntry, 'amountMinor'>>(entry: T) => ({ ...entry, amount: fromMinorUnits(entry.amountMinor) });

/** The cost ledger: transport costs of readmissions and the other procedures (docs/rules.md#transport-costs). */
@ApiTags('costs')
@Controller()
export class CostsController {
  constructor(
    private readonly entries: CostEntries,
    private readonly recordCost: RecordCost,
    private readonly recordInvoice: RecordCostInvoice,
    private readonly recordRepayment: RecordCostRepayment,
    private readonly statistics: CostStatistics,
    private readonly audit: AuditTrail,
  ) {}

  @Post('cost-entries')
  @Roles('officer')
  @ApiOperation({
    summary: 'Record a transport cost of a procedure: leg, amount and currency, who bears it (the rule, or a departure with a reason).',
  })
  @ApiOkResponse({ type: CostEntryView })
  async create(@Body() body: CostEntryRequest, @CurrentCaller() caller: Caller) {
    return shown(await this.recordCost.execute(body, caller));
  }

  @Get('cost-entries')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Cost entries by procedure, partner or year.' })
  @ApiOkResponse({ type: [CostEntryView] })
  async list(@Query() q: CostEntriesQuery) {
    const found = await this.entries.list(
      { referenceKind: q.referenceKind, reference: q.reference, partnerCode: q.partner, year: q.year },
      q.limit,
    );
    return found.map(shown);
  }

  @Get('cost-entries/:id')
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'One cost entry with its audit trail.' })
  async get(@Param('id') id: string) {
    const found = await this.entries.findById(id);
    if (!found) throw new NotFoundError(`no cost entry ${id}`);
    const audit = (await this.audit.list({ subject: `${found.referenceKind}:${found.reference}` })).filter(
      (e) => (e.details as { costEntry?: string } | undefined)?.costEntry === id,
    );
    return { ...shown(found), audit };
  }

  @Post('cost-entries/:id/invoice')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'The invoice of a cost advanced by the other state; the repayment falls due by rules.costRepayment.' })
  @ApiOkResponse({ type: CostEntryView })
  async invoice(@Param('id') id: string, @Body() body: CostInvoiceRequest, @CurrentCaller() caller: Caller) {
    return shown(await this.recordInvoice.execute(id, body, caller));
  }

  @Post('cost-entries/:id/repayment')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'The invoiced cost was repaid on a date (repaidLate when after the due date).' })
  @ApiOkResponse({ type: CostEntryView })
  async repayment(@Param('id') id: string, @Body() body: CostRepaymentRequest, @CurrentCaller() caller: Caller) {
    return shown(await this.recordRepayment.execute(id, body, caller));
  }

  @Get('cost-statistics')
  @Roles('officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'Transport costs per partner, year and currency: totals, per bearer, invoiced, repaid and outstanding.' })
  @ApiOkResponse({ type: CostStatisticsView })
  async costStatistics(@Query() q: CostStatisticsQuery) {
    return this.statistics.execute({ from: q.from, to: q.to ?? q.from, partner: q.partner });
  }
}
