import { loadSettings, runService } from '@readmission/platform';
import { TransferSettings } from './settings';
import { transferService } from './transfer.app';

// Invalid settings stop the process naming each bad variable (never a secret value).
void runService(() => transferService(loadSettings(TransferSettings)));
