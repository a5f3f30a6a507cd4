import { platformOptionsFromEnv, runService } from '@readmission/platform';
import { transferService } from './transfer.app';

const platform = platformOptionsFromEnv('transfer', 3003);
void runService(transferService(platform, { groupId: platform.groupId }));
