// Builds (tsc) only when a source is newer than the last build, so that `npm run token` answers at
// once when nothing changed. dist/.built records when this script last built (tsc leaves an output
// that did not change untouched, so the outputs' own times cannot tell).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = (() => {
  try {
    statSync(join(root, 'dist/cli/token.js'));
    return statSync(join(root, 'dist/.built')).mtimeMs;
  } catch {
    return 0;
  }
})();

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'tsconfig.json')), newest(join(root, 'package.json')));
if (sources >= built) {
  const started = Date.now();
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  // Dated when the build began: a source saved while it ran is newer, and builds next time.
  writeFileSync(join(root, 'dist/.built'), new Date(started).toISOString());
  utimesSync(join(root, 'dist/.built'), new Date(started), new Date(started));
}
