import { Injectable } from '@nestjs/common';
import { CaseSearch } from '../domain/case-search';
import { CaseRepository } from '../infrastructure/case.repository';

/** Officers' search of registered applications, a page at a time (no message histories in the list). */
@Injectable()
export class SearchCases {
  constructor(private readonly cases: CaseRepository) {}

  async execute(q: CaseSearch) {
    const { items, total } = await this.cases.search(q);
    return { items: items.map(({ _id, ...rest }) => ({ caseNumber: _id, ...rest })), page: q.page, pageSize: q.pageSize, total };
  }
}
