// Keeps src/core framework-free: no React, React Flow, Monaco, zustand or DOM globals.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const banned = /from\s+['"](react|react-dom|@xyflow\/react|@xyflow\/system|monaco-editor|@monaco-editor\/react|zustand)(['"/])|\b(document|window|localStorage|indexedDB)\.[A-Za-z_]/;
const bad = [];
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(f)) {
      readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
        if (!/^\s*(\/\/|\/\*|\*)/.test(line) && banned.test(line)) bad.push(`${p}:${i + 1}: ${line.trim()}`);
      });
    }
  }
};
walk('src/core');
if (bad.length) {
  console.error('src/core must stay framework-free:\n' + bad.join('\n'));
  process.exit(1);
}
console.log('lint-core: src/core is framework-free');
