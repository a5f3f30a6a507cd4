import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { ReferralBodies } from '../../application/referral-bodies';

@ApiTags('reintegration')
@Controller('referral-bodies')
export class ReferralBodiesController {
  constructor(
    private readonly bodies: ReferralBodies,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('case-worker', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The bodies a case worker can refer to now, with their deadlines, and the version of the referral bodies in effect.',
  })
  list() {
    return this.bodies.current(this.clock.now());
  }
}
