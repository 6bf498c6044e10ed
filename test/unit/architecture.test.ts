// The architecture's invariants that a compiler cannot see (ARCHITECTURE.md):
// the per-type contributions agree with ENTITY_TYPES, and the import rules of
// .dependency-cruiser.cjs are live (a violation fails them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENTITY_TYPES } from '../../src/core/types';
import { ENTITY_TYPE_STYLES } from '../../src/vscode/entityTypes';

const root = path.join(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('entity types: one list everywhere', () => {
  const pkg = readJson('package.json') as {
    contributes: { configuration: { properties: Record<string, { type?: string; markdownDescription?: string }> }; colors: Array<{ id: string; description: string }> };
  };

  it('a highlight setting per type, and none for a type that does not exist', () => {
    const settings = Object.keys(pkg.contributes.configuration.properties)
      .map((k) => /^policyLens\.highlight\.(.+)$/.exec(k)?.[1])
      .filter((t): t is string => t !== undefined && t !== 'enabled' && t !== 'maxDecorations');
    assert.deepEqual(settings, [...ENTITY_TYPES]);
  });

  it('a foreground and a background colour per type, described in both languages', () => {
    const ids = pkg.contributes.colors.map((c) => c.id).filter((id) => /^policyLens\.[a-z]+(Foreground|Background)$/.test(id));
    assert.deepEqual(ids, ENTITY_TYPES.flatMap((t) => [`policyLens.${t}Foreground`, `policyLens.${t}Background`]));
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file) as Record<string, string>;
      for (const t of ENTITY_TYPES) {
        assert.ok(nls[`color.${t}Foreground`] && nls[`color.${t}Background`] && nls[`config.highlight.${t}`], `${file}: ${t}`);
      }
    }
  });

  it('the JSON Schema of policy-lens/1 enumerates the same types', () => {
    const schema = readJson('src/core/formats/policy-lens-1.schema.json') as { $defs: { entityType: { enum: string[] } } };
    assert.deepEqual(schema.$defs.entityType.enum, [...ENTITY_TYPES]);
  });

  it('every type has its style (labels in both languages, colours)', () => {
    assert.deepEqual(Object.keys(ENTITY_TYPE_STYLES), [...ENTITY_TYPES]);
    for (const t of ENTITY_TYPES) {
      const s = ENTITY_TYPE_STYLES[t];
      assert.ok(s.label.en && s.label.zh && s.plural.en && s.plural.zh, t);
      assert.match(s.foreground.defaults.light, /^#[0-9a-f]{6,8}$/i);
    }
  });
});

describe('import rules (dependency-cruiser)', function () {
  this.timeout(60000);
  const cruise = (dir: string) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });

  it('the project has no violation', () => {
    const r = cruise(root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('a cycle, a vscode import in the core and a lower stage importing a higher one are each caught', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-deps-'));
    try {
      const put = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      };
      put('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
      put('src/core/text/a.ts', "import { b } from '../recognise/b';\nexport const a = b;\n");
      put('src/core/recognise/b.ts', "import { a } from '../text/a';\nexport const b = 1 + Number(a);\n");
      put('src/core/tags/c.ts', "import * as vscode from 'vscode';\nexport const c = vscode;\n");
      const r = cruise(dir);
      assert.notEqual(r.status, 0);
      for (const rule of ['no-circular', 'layer-text', 'core-is-pure']) assert.match(r.stdout, new RegExp(rule), r.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
