#!/usr/bin/env node
// Makes nodejieba's load() build its dictionary once instead of twice.
//
// nodejieba 3.5.8's load() constructs a cppjieba::Jieba (dictionary trie + HMM
// model, used by cut/tag/insertWord) and then a cppjieba::TextRankExtractor
// from the same file paths, which parses the 5 MB dictionary and the HMM model
// a second time into a second trie (≈ half of load(), ≈ 115 MB of RSS). Policy
// Lens never calls textRankExtract. cppjieba has a constructor for exactly this
// case, TextRankExtractor(const Jieba&, stopWordPath), which shares the first
// trie and model; this script switches load() to it and rebuilds the addon.
// The only other effect: textRankExtract now also sees words added with
// insertWord, as cut and tag do.
//
// Runs as the package's postinstall. It never fails an install: if the source
// is not the one it knows, or there is no compiler, or the new build does not
// segment and tag exactly like the old one (and extract keywords at all), it
// says so in one line and leaves nodejieba
// as it was (correct, only slower to load). The build happens in a copy under
// node_modules/.policy-lens-nodejieba, so nodejieba is never half-replaced.
//
//   node scripts/patch-nodejieba.cjs            patch and rebuild if needed
//   node scripts/patch-nodejieba.cjs --status   print whether the installed binary is patched (exit 0 if so, 1 if not)
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** The statements of NodeJieba::load() that build the two objects, as in nodejieba 3.5.8. */
const ORIGINAL = `  delete _jieba_handle;
  _jieba_handle = new cppjieba::Jieba(dictPath,
                                  modelPath,
                                  userDictPath,
                                  idfPath,
                                  stopWordsPath);

  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);
`;

const MARK = '// policy-lens: TextRank shares the segmenter\'s dictionary';

const PATCHED = `  // The extractor refers to the Jieba's dictionary: delete it first.
  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = nullptr;
  delete _jieba_handle;
  _jieba_handle = new cppjieba::Jieba(dictPath,
                                  modelPath,
                                  userDictPath,
                                  idfPath,
                                  stopWordsPath);

  ${MARK} and HMM
  // model instead of loading both again from the same files (half of load()).
  _text_rank_extractor_handle = new cppjieba::TextRankExtractor(*_jieba_handle,
                                  stopWordsPath);
`;

/**
 * The patched text of lib/nodejieba.cpp, or `{ already: true }` if it is
 * patched, or `{ error }` if it is not the source this patch was written for.
 */
function patchSource(source) {
  const text = source.replace(/\r\n/g, '\n');
  if (text.includes(MARK)) return { already: true };
  const at = text.indexOf(ORIGINAL);
  if (at < 0 || text.indexOf(ORIGINAL, at + 1) >= 0) return { error: 'NodeJieba::load() is not the one of nodejieba 3.5.8' };
  return { text: text.slice(0, at) + PATCHED + text.slice(at + ORIGINAL.length) };
}

const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function packageDir() {
  return path.dirname(require.resolve('nodejieba/package.json', { paths: [path.resolve(__dirname, '..')] }));
}

const binaryOf = (dir) => path.join(dir, 'build', 'Release', 'nodejieba.node');
const stampOf = (dir) => path.join(dir, 'build', 'Release', 'policy-lens-patch.json');

/** Whether the installed binary is the one this script built (its stamp names its hash). */
function status(dir = packageDir()) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampOf(dir), 'utf8'));
    if (stamp.binary === sha256(binaryOf(dir))) return { patched: true, stamp };
    return { patched: false, why: 'the binary was rebuilt or replaced since it was patched' };
  } catch {
    return { patched: false, why: 'not patched' };
  }
}

/** node-gyp: the one npm hands to install scripts, else the one bundled with npm beside node. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && fs.existsSync(c));
}

/** Node's headers: the configured nodedir, else the ones installed beside node (offline), else node-gyp fetches them. */
function nodeDir() {
  const configured = process.env.npm_config_nodedir;
  if (configured && fs.existsSync(path.join(configured, 'include', 'node', 'node_api.h'))) return configured;
  const beside = path.resolve(path.dirname(process.execPath), '..');
  if (fs.existsSync(path.join(beside, 'include', 'node', 'node_api.h'))) return beside;
  return undefined;
}

/** Segments and tags a sample with a binary in a fresh process (nodejieba's dictionary is per process). */
function probe(dir) {
  const code = `
    const j = require(${JSON.stringify(dir)});
    j.load();
    const text = '科技部推广“揭榜挂帅”等新机制，2021年全国共派出科技特派员约28.9万名。生态环境部党组书记在南京市长江大桥说。';
    j.insertWord('生态环境部党组', 'nt');
    const out = { cut: j.cut(text, true), tag: j.tag(text), search: j.cutForSearch(text, true), extract: j.textRankExtract(text, 3).length > 0 };
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(((r.stderr || '').trim().split('\n').pop() || `exit ${r.status ?? r.signal}`).slice(0, 200));
  return r.stdout;
}

function main() {
  const say = (line) => console.log(`policy-lens: nodejieba: ${line}`);
  let dir;
  try {
    dir = packageDir();
  } catch {
    say('not installed; nothing to patch');
    return 0;
  }
  if (process.argv.includes('--status')) {
    const s = status(dir);
    say(s.patched ? `patched (${s.stamp.nodejieba}): load() builds the dictionary once` : `${s.why}: load() builds the dictionary twice`);
    return s.patched ? 0 : 1;
  }
  if (status(dir).patched) return 0;
  const sourceFile = path.join(dir, 'lib', 'nodejieba.cpp');
  let version;
  let patched;
  try {
    version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    patched = patchSource(fs.readFileSync(sourceFile, 'utf8'));
  } catch (e) {
    say(`cannot read ${dir} (${e.message}); left as it is`);
    return 0;
  }
  if (patched.error) {
    say(`${version}: ${patched.error}; left as it is (load() builds the dictionary twice)`);
    return 0;
  }
  const gyp = nodeGyp();
  if (!gyp) {
    say('node-gyp not found; left as it is (load() builds the dictionary twice)');
    return 0;
  }
  const stage = path.join(dir, '..', '.policy-lens-nodejieba', 'nodejieba');
  const log = path.join(dir, '..', '.policy-lens-nodejieba.log');
  const started = Date.now();
  try {
    fs.rmSync(path.dirname(stage), { recursive: true, force: true });
    fs.cpSync(dir, stage, { recursive: true, filter: (src) => path.relative(dir, src) !== 'build' });
    if (!patched.already) fs.writeFileSync(path.join(stage, 'lib', 'nodejieba.cpp'), patched.text);
    const args = [gyp, 'rebuild', '--release'];
    const headers = nodeDir();
    if (headers) args.push(`--nodedir=${headers}`);
    const build = spawnSync(process.execPath, args, { cwd: stage, encoding: 'utf8', timeout: 600_000 });
    if (build.status !== 0) {
      fs.writeFileSync(log, `${build.stdout ?? ''}\n${build.stderr ?? ''}`);
      throw new Error(`the build failed (exit ${build.status ?? build.signal}; log: ${log})`);
    }
    // The new binary must cut, tag and cut for search exactly like the installed one, and still extract keywords.
    const before = probe(dir);
    const after = probe(stage);
    if (before !== after) throw new Error('the rebuilt binary does not segment like the installed one');
    // new files renamed into place: never half-written, and never written through a hard link
    // into a package store shared with other projects (pnpm)
    const binary = binaryOf(dir);
    fs.copyFileSync(binaryOf(stage), `${binary}.new`);
    fs.renameSync(`${binary}.new`, binary);
    if (!patched.already) {
      fs.writeFileSync(`${sourceFile}.new`, patched.text);
      fs.renameSync(`${sourceFile}.new`, sourceFile);
    }
    fs.writeFileSync(stampOf(dir), JSON.stringify({ nodejieba: version, binary: sha256(binary), patch: 'shared-dictionary' }, null, 2) + '\n');
    fs.rmSync(path.dirname(stage), { recursive: true, force: true });
    say(`${version} patched in ${((Date.now() - started) / 1000).toFixed(0)} s: load() now builds the dictionary once`);
  } catch (e) {
    say(`not patched: ${e.message}; left as it is (load() builds the dictionary twice)`);
    fs.rmSync(path.dirname(stage), { recursive: true, force: true });
  }
  return 0;
}

module.exports = { patchSource, status };
if (require.main === module) process.exitCode = main();
