// Cold, single raw libpg-query parse of a file in a fresh process: the baseline the CLI export is compared with.
import { loadModule, parseSync } from 'libpg-query';
import { readFileSync } from 'node:fs';
await loadModule();
const sql = readFileSync(process.argv[2], 'utf8');
const t = performance.now();
parseSync(sql);
process.stdout.write(String(performance.now() - t));
