import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { ReintegrationModule } from './reintegration.module';

const platform = platformOptionsFromEnv('reintegration', 3004);
void runService({
  name: 'reintegration',
  groupId: platform.groupId,
  title: 'Reintegration',
  description: 'Opens and runs support cases for returning nationals.',
  module: ReintegrationModule.forRoot(platform),
  kafka: platform.kafka,
  port: platform.port,
});
