// The package: what `vsce ls` puts into the .vsix (the allow-list in
// .vscodeignore), every file the manifest names is in it, the manifest's
// metadata, and the sidecar JSON Schema (shipped for jsonValidation) against
// real sidecars with a real validator (Ajv).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { createTag } from '../../src/core/tags/model';
import { parseSidecar, serializeSidecar, SidecarError } from '../../src/core/tags/sidecar';
import { ENTITY_TYPES } from '../../src/core/types';

const root = path.join(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Manifest {
  main: string;
  icon: string;
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  keywords: string[];
  categories: string[];
  l10n: string;
  contributes: {
    configuration: { properties: Record<string, { scope?: string; order?: number }> };
    configurationDefaults: Record<string, Record<string, unknown>>;
    jsonValidation: { fileMatch: string | string[]; url: string }[];
    walkthroughs: { steps: { media: { markdown?: string; image?: string } }[] }[];
    grammars?: { path: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
  };
}
const manifest = readJson('package.json') as Manifest;
const rel = (p: string): string => p.replace(/^\.\//, '');

let listing: string[] | undefined;
/** The files `vsce ls` would package (needs no build). */
function packaged(): string[] {
  if (!listing) {
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `vsce ls failed: ${r.stderr}`);
    listing = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }
  return listing;
}

describe('packaging: the .vsix contents (vsce ls over .vscodeignore)', function () {
  this.timeout(60000);

  it('packages nodejieba\'s loader, binary and the dictionaries load() reads, and nothing else of node_modules', () => {
    const files = packaged();
    const nodeModules = files.filter((f) => f.startsWith('node_modules/')).sort();
    const dict = 'node_modules/nodejieba/submodules/cppjieba/dict/';
    assert.deepEqual(nodeModules, [
      'node_modules/nodejieba/LICENSE',
      'node_modules/nodejieba/build/Release/nodejieba.node',
      'node_modules/nodejieba/index.js',
      'node_modules/nodejieba/package.json',
      ...['hmm_model.utf8', 'idf.utf8', 'jieba.dict.utf8', 'stop_words.utf8', 'user.dict.utf8'].map((d) => dict + d),
    ]);
    // every default dictionary nodejieba's index.js names is shipped
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jieba = require(path.join(root, 'node_modules', 'nodejieba', 'index.js')) as Record<string, unknown>;
    const defaults = Object.entries(jieba).filter(([k]) => /^DEFAULT_.*DICT$/.test(k)).map(([, v]) => path.relative(root, String(v)).split(path.sep).join('/'));
    assert.equal(defaults.length, 5);
    for (const d of defaults) assert.ok(files.includes(d), `${d} packaged`);
  });

  it('leaves out sources, tests, maps, scripts, samples and the lock file', () => {
    const files = packaged();
    const stray = files.filter((f) => /\.(ts|map)$/.test(f) || /^(src\/(?!core\/.*\.schema\.json$)|test\/|out\/|scripts\/|samples\/|\.ci\/|\.vscode\/)/.test(f) || /package-lock\.json|\.vsix$/.test(f));
    assert.deepEqual(stray, []);
    assert.ok(files.includes('dist/extension.js') || !fs.existsSync(path.join(root, 'dist', 'extension.js')), 'dist/extension.js packaged when built');
    // every bundle the extension loads, when built; not the CLI (npm's `bin`)
    for (const f of ['dist/worker.js', 'dist/exceljs.js', 'dist/web/extension.js', 'dist/web/worker.js', 'dist/jieba_rs_wasm_bg.wasm']) {
      assert.ok(files.includes(f) || !fs.existsSync(path.join(root, f)), `${f} packaged when built`);
    }
    assert.ok(!files.includes('dist/cli.js'), 'the CLI is not in the .vsix');
  });

  it('packages every file the manifest names', () => {
    const files = new Set(packaged());
    const c = manifest.contributes;
    const named = [
      manifest.icon,
      'package.nls.json',
      'package.nls.zh-cn.json',
      ...fs.readdirSync(path.join(root, rel(manifest.l10n))).map((f) => `${rel(manifest.l10n)}/${f}`),
      ...(c.grammars ?? []).map((g) => rel(g.path)),
      ...c.viewsContainers.activitybar.map((v) => rel(v.icon)),
      ...c.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.image].filter((m): m is string => m !== undefined))),
      // a schema another branch adds (the codebook's) is checked once it exists
      ...c.jsonValidation.map((j) => rel(j.url)).filter((u) => fs.existsSync(path.join(root, u))),
    ];
    assert.ok(named.includes('src/core/tags/sidecar.schema.json'));
    for (const f of named) {
      assert.ok(fs.existsSync(path.join(root, f)), `${f} exists`);
      assert.ok(files.has(f), `${f} packaged`);
    }
  });
});

describe('packaging: the manifest', () => {
  it('has an icon of 128×128 pixels, repository, bugs and homepage', () => {
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    for (const url of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(url, /^https:\/\/github\.com\/policy-lens\/policy-lens/);
  });

  it('has the keywords users search for and marketplace categories', () => {
    for (const k of ['中文', '分词', '政策', 'annotation', 'brat', 'doccano']) assert.ok(manifest.keywords.includes(k), k);
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    const known = ['Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other', 'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing', 'AI', 'Chat'];
    assert.deepEqual(manifest.categories.filter((c) => !known.includes(c)), []);
  });

  it('gives every setting a scope and an order, the orders distinct', () => {
    const props = Object.entries(manifest.contributes.configuration.properties);
    assert.deepEqual(props.filter(([, p]) => p.scope === undefined || p.order === undefined).map(([k]) => k), []);
    const orders = props.map(([, p]) => p.order);
    assert.equal(new Set(orders).size, orders.length);
  });

  it('guesses GB18030 for plain text and Markdown only (language-scoped defaults)', () => {
    const d = manifest.contributes.configurationDefaults;
    assert.deepEqual(Object.keys(d).sort(), ['[markdown]', '[plaintext]']);
    for (const lang of Object.values(d)) {
      assert.equal(lang['files.autoGuessEncoding'], true);
      assert.ok((lang['files.candidateGuessEncodings'] as string[]).includes('gb18030'));
    }
  });

  it('the shipped schemas have real https $ids', () => {
    for (const f of ['src/core/formats/policy-lens-1.schema.json', 'src/core/tags/sidecar.schema.json']) {
      const id = (readJson(f) as { $id: string }).$id;
      assert.ok(id.startsWith('https://raw.githubusercontent.com/policy-lens/policy-lens/main/'), id);
      assert.ok(id.endsWith(f), `${id} names ${f}`);
    }
  });
});

describe('packaging: the sidecar JSON Schema (src/core/tags/sidecar.schema.json)', () => {
  const schema = readJson('src/core/tags/sidecar.schema.json') as { definitions: { entityType: { enum: string[] } } };
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const text = '科技部会同财政部印发《通知》，安排资金3.33亿元。\n第二段😀文字。';
  const sidecar = (): string => {
    const a = { ...createTag(text, 0, 3, '政策工具', { note: '牵头', now: '2026-12-03T00:00:00.000Z', id: 't1' }), annotator: '张三', attributes: { 类型: '供给型' } };
    const b = createTag(text, 20, 27, 'quantity', { source: 'confirmed', entity: { type: 'quantity', value: 333000000, unit: '元' }, now: '2026-12-03T00:00:00.000Z', id: 't2' });
    const c = { ...createTag(text, 30, 33, '目标', { now: '2026-12-03T00:00:00.000Z', id: 't3' }), orphan: true, modified: '2026-12-04T00:00:00.000Z' };
    return serializeSidecar(
      {
        document: 'docs/a.txt',
        sha256: '',
        tags: [a, b, c],
        rejected: [{ type: 'department', start: 5, end: 8, quote: { exact: '财政部', prefix: '科技部会同', suffix: '印发' } }],
        // what this version writes besides: the review status and relations to a tag and to an automatic entity
        review: { status: 'in-progress', updated: '2026-12-03T00:00:00.000Z', by: '张三' },
        relations: [
          { id: 'r1', type: 'cites', from: { tag: 't1' }, to: { entity: { type: 'document', start: 10, end: 14, quote: { exact: '《通知》', prefix: '', suffix: '' } } }, created: '2026-12-03T00:00:00.000Z' },
          { id: 'r2', type: 'lead', from: { tag: 't1' }, to: { tag: 't2' }, note: '牵头', created: '2026-12-03T00:00:00.000Z' },
        ],
      },
      text,
    );
  };

  it('accepts what Policy Lens writes', () => {
    const json = sidecar();
    parseSidecar(json, text); // the reader takes it too
    assert.ok(validate(JSON.parse(json)), JSON.stringify(validate.errors));
  });

  it('rejects what the reader rejects: an unknown key, a wrong format, a negative offset, an unknown entity type', () => {
    const cases: [string, (o: Record<string, unknown> & { tags: Record<string, unknown>[] }) => void][] = [
      ['unknown key', (o) => (o.extra = 1)],
      ['format', (o) => (o.format = 'policy-lens-tags/2')],
      ['negative start', (o) => (o.tags[0].start = -1)],
      ['entity type', (o) => ((o.tags[1].entity as Record<string, unknown>).type = 'animal')],
      ['tag key', (o) => (o.tags[0].colour = 'red')],
    ];
    for (const [what, change] of cases) {
      const o = JSON.parse(sidecar()) as Record<string, unknown> & { tags: Record<string, unknown>[] };
      change(o);
      assert.equal(validate(o), false, `schema rejects: ${what}`);
      assert.throws(() => parseSidecar(JSON.stringify(o)), SidecarError, `reader rejects: ${what}`);
    }
  });

  it('its entity types are ENTITY_TYPES', () => {
    assert.deepEqual(schema.definitions.entityType.enum, [...ENTITY_TYPES]);
  });
});
