import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { reintegrationService } from './reintegration.app';

const platform = platformOptionsFromEnv('reintegration', 3004);
void runService(reintegrationService(platform, { groupId: platform.groupId }));
