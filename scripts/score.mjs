// `npm run score`: annotates every scored fixture with the built CLI
// (dist/cli.js) and scores it against its gold file with scripts/score-gold.mjs:
// the dev texts (test/fixtures/*.txt with test/fixtures/gold/*.json) and the
// real-text corpus (test/fixtures/real/*.txt with *.gold.json). Prints one
// row per document and the figures per genre.
//   node scripts/score.mjs [--diff NAME] [--readme] [--json] [--tokenizer nodejieba|wasm] [--both]
// --diff NAME  lists the missed, spurious and wrongly canonicalised entities
//              and the missed actions of the documents whose name contains NAME;
// --readme     writes the table into README.md between <!-- accuracy --> markers;
// --json       prints the reports as JSON;
// --tokenizer  runs the CLI with that tokenizer (POLICY_LENS_TOKENIZER; default:
//              nodejieba where its binary loads, else jieba-wasm);
// --both       scores under nodejieba and under jieba-wasm and prints both side by side.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { repoRoot } from './host.mjs';

const args = process.argv.slice(2);
const diffArg = args.includes('--diff') ? args[args.indexOf('--diff') + 1] : undefined;
const cli = join(repoRoot, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('score: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}
const fixtures = join(repoRoot, 'test', 'fixtures');

/** Every scored document: its text and gold. */
function documents() {
  const out = [];
  for (const name of ['ministries', 'localities']) out.push({ name, text: join(fixtures, `${name}.txt`), gold: join(fixtures, 'gold', `${name}.json`), genre: 'ministry news (seed)' });
  const real = join(fixtures, 'real');
  for (const f of readdirSync(real).filter((n) => n.endsWith('.gold.json')).sort()) {
    const name = f.replace(/\.gold\.json$/, '');
    out.push({ name, text: join(real, `${name}.txt`), gold: join(real, f), genre: genreOf(name) });
  }
  return out;
}

/** The genre of a real document, from test/fixtures/real/genres.json. */
function genreOf(name) {
  const genres = JSON.parse(readFileSync(join(fixtures, 'real', 'genres.json'), 'utf8'));
  return genres[name] ?? (name.startsWith('local-') ? 'local' : 'central');
}

const tokenizerArg = args.includes('--tokenizer') ? args[args.indexOf('--tokenizer') + 1] : undefined;
if (tokenizerArg !== undefined && !['nodejieba', 'wasm'].includes(tokenizerArg)) {
  console.error(`score: --tokenizer takes nodejieba or wasm, not ${tokenizerArg}`);
  process.exit(2);
}
const docs = documents();
const dir = mkdtempSync(join(tmpdir(), 'policy-lens-score-'));
const scorer = join(repoRoot, 'scripts', 'score-gold.mjs');

/** Annotates every document with the CLI under `tokenizer` (undefined: the default) and scores each; returns the reports and the predictions' file. */
function score(tokenizer) {
  const pred = join(dir, `pred-${tokenizer ?? 'default'}.jsonl`);
  const env = { ...process.env };
  if (tokenizer) env.POLICY_LENS_TOKENIZER = tokenizer;
  writeFileSync(pred, execFileSync(process.execPath, [cli, 'annotate', ...docs.map((d) => d.text)], { maxBuffer: 1 << 28, env }));
  return { pred, reports: docs.map((d) => ({ ...d, ...JSON.parse(execFileSync(process.execPath, [scorer, d.gold, pred, '--json'], { encoding: 'utf8' })) })) };
}

if (args.includes('--both')) {
  const a = score('nodejieba').reports;
  const b = score('wasm').reports;
  const f2 = (v) => (typeof v === 'number' ? v.toFixed(3) : '–');
  const rows = ['| document | dept F1 nodejieba / wasm | canonical | all F1 | actions R |', '|---|---|---|---|---|'];
  let differ = 0;
  a.forEach((r, i) => {
    const x = r.report;
    const y = b[i].report;
    const pair = (u, v) => (f2(u) === f2(v) ? f2(u) : `${f2(u)} / **${f2(v)}**`);
    const cells = [pair(x.department.f1, y.department.f1), pair(x.department.canonical, y.department.canonical), pair(x.all.f1, y.all.f1), pair(x.action.recall, y.action.recall)];
    if (cells.some((c) => c.includes('/'))) differ++;
    rows.push(`| ${r.name} | ${cells.join(' | ')} |`);
  });
  if (args.includes('--json')) console.log(JSON.stringify(a.map((r, i) => ({ name: r.name, nodejieba: r.report, wasm: b[i].report })), null, 1));
  else console.log(`${rows.join('\n')}\n\n${differ} of ${a.length} documents score differently (bold: jieba-wasm's figure where it differs).`);
  process.exit(0);
}

const { pred, reports } = score(tokenizerArg);

const f = (v) => (typeof v === 'number' ? v.toFixed(2) : ' –  ');
const rowOf = (r) => {
  const x = r.report;
  const person = x.person.gold > 0 ? f(x.person.f1) : ' –  ';
  const act = x.action.gold > 0 ? `${f(x.action.recall)} / ${f(x.action.supported_precision)}` : '  –  ';
  return { dept: f(x.department.f1), canonical: x.department.gold ? f(x.department.canonical) : ' –  ', all: f(x.all.f1), person, act };
};
const lines = ['| document | genre | dept F1 | canonical | all F1 | person F1 | actions R / P |', '|---|---|---|---|---|---|---|'];
for (const r of reports) {
  const x = rowOf(r);
  lines.push(`| ${r.name} | ${r.genre} | ${x.dept} | ${x.canonical} | ${x.all} | ${x.person} | ${x.act} |`);
}
// per genre: micro-averaged counts
const byGenre = new Map();
for (const r of reports) byGenre.set(r.genre, [...(byGenre.get(r.genre) ?? []), r]);
const genreLines = ['| genre | documents | dept F1 | all F1 |', '|---|---|---|---|'];
for (const [genre, rs] of byGenre) {
  const micro = (key) => {
    let tp = 0;
    let g = 0;
    let p = 0;
    for (const r of rs) {
      const x = r.report[key];
      tp += x.recall * x.gold;
      g += x.gold;
      p += x.predicted;
    }
    const precision = p ? tp / p : 1;
    const recall = g ? tp / g : 1;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  };
  genreLines.push(`| ${genre} | ${rs.length} | ${f(micro('department'))} | ${f(micro('all'))} |`);
}
const table = `${lines.join('\n')}\n\n${genreLines.join('\n')}`;

if (args.includes('--json')) console.log(JSON.stringify(reports.map((r) => ({ name: r.name, genre: r.genre, report: r.report })), null, 1));
else console.log(table);

if (args.includes('--readme')) {
  const readme = join(repoRoot, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const re = /<!-- accuracy -->[\s\S]*?<!-- \/accuracy -->/;
  if (!re.test(text)) throw new Error('README.md has no <!-- accuracy --> markers');
  writeFileSync(readme, text.replace(re, () => `<!-- accuracy -->\n${table}\n<!-- /accuracy -->`));
  console.log('\nREADME.md: accuracy table updated');
}

if (diffArg) {
  const predicted = readFileSync(pred, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const d of docs.filter((x) => x.name.includes(diffArg))) {
    const g = JSON.parse(readFileSync(d.gold, 'utf8'));
    const p = predicted.find((x) => basename(x.file) === basename(d.text));
    const key = (e) => `${e.type}:${e.start}-${e.end}`;
    const gs = new Map(g.entities.map((e) => [key(e), e]));
    const ps = new Map(p.entities.filter((e) => e.status !== 'rejected').map((e) => [key(e), e]));
    console.log(`\n== ${d.name}`);
    for (const [k, e] of gs) if (!ps.has(k)) console.log('  missed   ', k, e.text, e.canonical ?? '');
    for (const [k, e] of ps) if (!gs.has(k)) console.log('  spurious ', k, e.text, e.canonical ?? '');
    const canon = (s) => String(s ?? '').replace(/^中国共产党/, '中共');
    for (const [k, e] of ps) {
      const x = gs.get(k);
      if (x?.type === 'department' && canon(x.canonical) !== canon(e.canonical)) console.log('  canonical', k, e.text, e.canonical, '≠', x.canonical);
      if (x?.type === 'quantity' && (x.value !== e.value || (x.unit ?? '') !== (e.unit ?? ''))) console.log('  value    ', k, e.text, e.value, e.unit, '≠', x.value, x.unit);
    }
    const overlaps = (a, b) => a.start < b.end && b.start < a.end;
    for (const a of g.actions ?? []) if (!p.actions.some((b) => b.department === a.department && overlaps(a, b))) console.log('  no action', a.department, a.verb, a.object.slice(0, 30), a.role ?? '');
    for (const b of p.actions) if (!(g.actions ?? []).some((a) => b.department === a.department && overlaps(a, b))) console.log('  extra act', b.department, b.verb, b.object.slice(0, 30), b.role ?? '');
  }
}
