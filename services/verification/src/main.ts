import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { VerificationModule } from './verification.module';

const platform = platformOptionsFromEnv('verification', 3002);
void runService({
  name: 'verification',
  groupId: platform.groupId,
  title: 'Verification',
  description: 'Establishes identity and nationality from the evidence and decides readmission applications.',
  module: VerificationModule.forRoot(platform),
  kafka: platform.kafka,
  port: platform.port,
});
