// `npm run bench`: performance figures, each as a ratio against a baseline
// measured in the same run. Reads the real reports in
// ../shared/corpus/external/texts (or --corpus DIR); needs `npm run build`
// (the bench script builds first) and the compiled core (out/, `npm run
// compile-tests`) for the incremental figures.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './host.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const corpusArg = args.indexOf('--corpus');
const corpus = corpusArg >= 0 ? args[corpusArg + 1] : join(repoRoot, '..', 'shared', 'corpus', 'external', 'texts');
if (!existsSync(corpus)) {
  console.error(`policy-lens bench: no corpus at ${corpus} (pass --corpus DIR with .txt files)`);
  process.exit(2);
}

function texts(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...texts(p));
    else if (name.endsWith('.txt')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const docs = texts(corpus);
const paragraphs = docs.flatMap((d) => d.split('\n')).filter((l) => l.trim());
const bytes = paragraphs.reduce((n, p) => n + Buffer.byteLength(p), 0);
const mb = bytes / 1e6;
const fmt = (x, d = 2) => x.toFixed(d);
let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sample, 20);

console.log(`corpus: ${docs.length} files, ${paragraphs.length} paragraphs, ${fmt(mb)} MB (UTF-8)`);

// 1. Dictionary load: nodejieba's own dictionaries, then our gazetteer words on top.
const { Engine } = require(join(repoRoot, 'out', 'src', 'core', 'engine.js'));
let t0 = performance.now();
const jieba = require('nodejieba');
jieba.load();
const jiebaLoadMs = performance.now() - t0;
t0 = performance.now();
const engine = new Engine();
engine.warmUp(); // jieba already loaded: this is the gazetteer + user dictionary
const gazetteerMs = performance.now() - t0;
sample();

// 2. Bare nodejieba.tag over the same paragraphs (the baseline), then our annotation.
function timeIt(fn, rounds = 3) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
    sample();
  }
  return Math.min(...times);
}
const tagMs = timeIt(() => {
  for (const p of paragraphs) jieba.tag(p);
});
const annotateMs = timeIt(() => {
  engine.annotator['cache'].clear(); // measure analysis, not the cache
  for (const p of paragraphs) engine.annotate(p);
});
let entityCount = 0;
for (const p of paragraphs) entityCount += engine.annotate(p).length;

console.log('\n== annotation vs bare nodejieba.tag (same paragraphs, best of 3)');
console.log(`nodejieba.tag          ${fmt(mb / (tagMs / 1000))} MB/s   (${fmt(tagMs, 0)} ms)`);
console.log(`annotate (all types)   ${fmt(mb / (annotateMs / 1000))} MB/s   (${fmt(annotateMs, 0)} ms, ${entityCount} entities)`);
console.log(`ratio annotate / tag   ${fmt(annotateMs / tagMs)}×   (target ≤ 1.50×)`);
console.log('\n== load');
console.log(`nodejieba dictionaries ${fmt(jiebaLoadMs, 0)} ms`);
console.log(`gazetteer + user words ${fmt(gazetteerMs, 0)} ms`);
console.log(`total                  ${fmt(jiebaLoadMs + gazetteerMs, 0)} ms   (target < 1500 ms)`);
clearInterval(rssTimer);
sample();
console.log(`\npeak RSS               ${fmt(peakRss / 1048576, 0)} MB`);
