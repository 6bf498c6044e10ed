// Developer check: annotates the dev texts with the built CLI (dist/cli.js)
// and scores them against their gold files with scripts/score-gold.mjs.
// Run `npm run build` first.
//   node scripts/dev-score.mjs [--diff]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './host.mjs';

const scorer = join(repoRoot, 'scripts', 'score-gold.mjs');
const showDiff = process.argv.includes('--diff');
const dir = mkdtempSync(join(tmpdir(), 'policy-lens-score-'));
for (const name of ['ministries', 'localities']) {
  const text = join(repoRoot, 'test', 'fixtures', `${name}.txt`);
  const gold = join(repoRoot, 'test', 'fixtures', 'gold', `${name}.json`);
  const pred = join(dir, `${name}.jsonl`);
  writeFileSync(pred, execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'annotate', text], { maxBuffer: 1 << 26 }));
  if (existsSync(scorer)) console.log(execFileSync(process.execPath, [scorer, gold, pred], { encoding: 'utf8' }));
  else console.log(`(no ${scorer}: scoring skipped)`);
  if (!showDiff) continue;
  const g = JSON.parse(readFileSync(gold, 'utf8'));
  const p = JSON.parse(readFileSync(pred, 'utf8').trim().split('\n')[0]);
  const key = (e) => `${e.type}:${e.start}-${e.end}`;
  const gs = new Map(g.entities.map((e) => [key(e), e]));
  const ps = new Map(p.entities.map((e) => [key(e), e]));
  for (const [k, e] of gs) if (!ps.has(k)) console.log('  missed  ', k, e.text);
  for (const [k, e] of ps) if (!gs.has(k)) console.log('  spurious', k, e.text);
  const canon = (s) => String(s ?? '').replace(/^中国共产党/, '中共');
  for (const [k, e] of ps) {
    const x = gs.get(k);
    if (x?.canonical && canon(x.canonical) !== canon(e.canonical)) console.log('  canonical', k, e.text, e.canonical, '≠', x.canonical);
    if (x?.type === 'quantity' && (x.value !== e.value || (x.unit ?? '') !== (e.unit ?? ''))) console.log('  value', k, e.text, e.value, e.unit, '≠', x.value, x.unit);
  }
}
