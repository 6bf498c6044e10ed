// Every runtime string (vscode.l10n.t) and every %key% in package.json has
// its Chinese translation, and nothing translated is left unused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return fs.statSync(p).isDirectory() ? sources(p) : n.endsWith('.ts') ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

describe('l10n', () => {
  it('every vscode.l10n.t string has a zh-cn translation and every translation is used', () => {
    const used = new Set<string>();
    for (const src of sources(path.join(root, 'src'))) {
      for (const m of src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
    }
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual([...used].filter((k) => !(k in bundle)), [], 'untranslated');
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), [], 'unused translations');
    for (const [k, v] of Object.entries(bundle)) {
      const holes = (s: string) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort().join();
      assert.equal(holes(v), holes(k), `placeholders of ${k}`);
    }
  });

  it('package.json %keys% exist in package.nls.json and package.nls.zh-cn.json', () => {
    const pkg = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = new Set([...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
      assert.deepEqual([...keys].filter((k) => !(k in nls)), [], `${file} misses keys`);
      assert.deepEqual(Object.keys(nls).filter((k) => !keys.has(k)), [], `${file} has unused keys`);
    }
  });

  it('every setting has a description and every command a category', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const [key, value] of Object.entries(pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string }>)) {
      assert.ok(value.markdownDescription, `${key} has no description`);
    }
    for (const c of pkg.contributes.commands as Array<{ command: string; category?: string }>) assert.equal(c.category, 'Policy Lens', c.command);
  });
});

describe('docs', () => {
  it('generated files are up to date: per-type settings, colours, schema enum, README tables (npm run generate)', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate.mjs'), '--check'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr);
  });
});
