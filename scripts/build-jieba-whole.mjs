#!/usr/bin/env node
// Builds src/core/data/jieba-whole.json: for each gazetteer word handed to the
// tokenizer (Annotator.prepare → NameRecogniser.dictionaryWords, in order),
// whether the installed nodejieba already keeps it whole. The tokenizer then
// skips those words at load instead of checking each with a cut (≈ 150 ms).
//
//   npm run compile-tests && node scripts/build-jieba-whole.mjs [--check]
//
// --check computes the table and compares it with the stored one (exit 1 if it
// differs): the unit tests run it, so editing organs.json or places.json
// without rebuilding this table fails a test instead of slowing every load.
// It runs in a fresh process because nodejieba's dictionary is process-wide.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outFile = join(repoRoot, 'src', 'core', 'data', 'jieba-whole.json');
const compiled = join(repoRoot, 'out', 'src', 'core');
if (!existsSync(join(compiled, 'recognise', 'names.js'))) {
  console.error('build-jieba-whole: out/ is missing; run `npm run compile-tests` first.');
  process.exit(2);
}
const { NameRecogniser } = require(join(compiled, 'recognise', 'names.js'));
const { hashWords, insertWords, encodeFlags } = require(join(compiled, 'tokenizer', 'wholeWords.js'));
const { acceptedWords } = require(join(compiled, 'tokenizer', 'tokenizer.js'));
const jieba = require('nodejieba');

// The batch exactly as Tokenizer.addWords keeps it.
const words = acceptedWords(new NameRecogniser().dictionaryWords());
jieba.load();
const flags = insertWords(jieba, words);
const table = {
  format: 'policy-lens-jieba-whole/1',
  nodejieba: require('nodejieba/package.json').version,
  words: hashWords(words),
  count: words.length,
  whole: encodeFlags(flags),
};
const text = `${JSON.stringify(table, null, 2)}\n`;
const kept = flags.filter(Boolean).length;
if (process.argv.includes('--check')) {
  const stored = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (stored !== text) {
    console.error(`build-jieba-whole: ${outFile} is out of date (${words.length} words, nodejieba ${table.nodejieba}); run \`npm run compile-tests && node scripts/build-jieba-whole.mjs\`.`);
    process.exit(1);
  }
  console.log(`build-jieba-whole: up to date (${words.length} words, ${kept} kept whole).`);
} else {
  writeFileSync(outFile, text);
  console.log(`build-jieba-whole: wrote ${outFile}: ${words.length} words, ${kept} kept whole, ${words.length - kept} to insert.`);
}
