import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { TransferModule } from './transfer.module';

const platform = platformOptionsFromEnv('transfer', 3003);
void runService({
  name: 'transfer',
  groupId: platform.groupId,
  title: 'Transfer',
  description: 'Schedules transfers with partner states and records the handover at the border crossing point.',
  module: TransferModule.forRoot(platform),
  kafka: platform.kafka,
  port: platform.port,
});
