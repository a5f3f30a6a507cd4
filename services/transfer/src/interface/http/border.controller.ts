import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { PersonalRead } from '@readmission/platform';
import { ListCrossingPoints } from '../../application/list-crossing-points';
import { ListExpectedArrivals } from '../../application/list-expected-arrivals';
import { assertMayRead } from '../../domain/border-access';
import { ExpectedArrivalsView } from './arrivals.view';
import { ArrivalsQuery, DATE } from './requests';

@ApiTags('border')
@Controller('border')
export class BorderController {
  constructor(
    private readonly expectedArrivals: ListExpectedArrivals,
    private readonly crossingPoints: ListCrossingPoints,
  ) {}

  @Get('arrivals')
  @Roles('border-officer', 'officer', 'auditor')
  @PersonalRead({
    record: 'border-arrivals',
    work: { 'border-officer': 'border-check', officer: 'transfer-follow-up' },
    subject: (req) => `border-arrivals:${String(req.query.borderCrossingPoint)}:${String(req.query.date ?? 'today')}`,
    records: (answer) =>
      (answer as { transfers: { persons: { caseNumber?: string }[] }[] }).transfers.flatMap((t) =>
        t.persons.map((p) => String(p.caseNumber)),
      ),
  })
  @ApiOperation({
    summary:
      "A crossing point's expected arrivals on a day (today by default): each confirmed person with what the identity check needs and what is recorded. A border officer: only the crossing points in the token.",
  })
  @ApiOkResponse({ type: ExpectedArrivalsView })
  async arrivals(@Query() q: ArrivalsQuery, @CurrentCaller() caller: Caller) {
    assertMayRead(caller, q.borderCrossingPoint);
    return this.expectedArrivals.execute(q.borderCrossingPoint, q.date);
  }

  @Get('crossing-points')
  @Roles('border-officer', 'officer', 'auditor')
  @ApiOperation({
    summary: 'The crossing points with their capacity and places booked on a day (today by default), and the version of the table.',
  })
  async list(@Query('date') date?: string) {
    return this.crossingPoints.execute(date && DATE.test(date) ? date : undefined);
  }
}
