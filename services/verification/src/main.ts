import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { verificationService } from './verification.app';

const platform = platformOptionsFromEnv('verification', 3002);
void runService(verificationService(platform, { groupId: platform.groupId }));
