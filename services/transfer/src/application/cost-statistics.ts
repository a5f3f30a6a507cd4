import { Injectable } from '@nestjs/common';
import { CostStatisticsRow, costStatistics } from '../domain/costs';
import { CostEntries } from '../infrastructure/cost-entries.repository';

/** Transport costs per partner, year and currency (docs/rules.md#transport-costs). */
@Injectable()
export class CostStatistics {
  constructor(private readonly entries: CostEntries) {}

  async execute(query: { from: number; to: number; partner?: string }): Promise<{ from: number; to: number; rows: CostStatisticsRow[] }> {
    const entries = await this.entries.ofYears(query.from, query.to, query.partner);
    return { from: query.from, to: query.to, rows: costStatistics(entries) };
  }
}
