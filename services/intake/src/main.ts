import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { intakeService } from './intake.app';

const platform = platformOptionsFromEnv('intake', 3001);
runService(intakeService(platform, undefined, { groupId: platform.groupId }));
