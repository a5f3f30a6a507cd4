// Writes the partner interface's AsyncAPI document from the contract classes (see libs/contracts/src/asyncapi).
import { writeFileSync } from 'fs';
import { join } from 'path';
import { partnerAsyncApiYaml } from '@readmission/contracts';

const target = join(__dirname, '..', 'libs', 'contracts', 'asyncapi.yaml');
writeFileSync(target, partnerAsyncApiYaml());
console.log(`wrote ${target}`);
