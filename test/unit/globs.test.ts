// The workspace index's include/exclude globs (picomatch), with the defaults
// of package.json: what findFiles lists is what the watcher indexes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globFilter } from '../../src/core/text/globs';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};
const setting = (k: string) => pkg.contributes.configuration.properties[`policyLens.index.${k}`].default as string;

describe('globFilter (policyLens.index.include / exclude)', () => {
  const accepts = globFilter(setting('include'), setting('exclude'));

  it('takes .txt and .md files at any depth, dot folders included', () => {
    for (const p of ['a.txt', 'report.md', 'corpus/2024/通知.txt', '.hidden/a.md', 'a b/c d.txt']) assert.equal(accepts(p), true, p);
  });

  it('leaves out other extensions and the excluded folders at any depth', () => {
    for (const p of ['a.json', 'a.txt.bak', 'README', 'node_modules/x/readme.md', 'sub/node_modules/a.txt', '.git/a.txt', '.policy-lens/a.txt', 'out/a.md', 'pkg/dist/notes.md']) {
      assert.equal(accepts(p), false, p);
    }
  });

  it('a folder name that only starts like an excluded one is kept; backslashes and ./ are read as separators', () => {
    assert.equal(accepts('outline/a.txt'), true);
    assert.equal(accepts('distribution/a.md'), true);
    assert.equal(accepts('sub\\node_modules\\a.txt'), false);
    assert.equal(accepts('./a.txt'), true);
  });

  it('custom globs: braces, no exclude', () => {
    const f = globFilter('texts/**/*.{txt,TXT}');
    assert.equal(f('texts/a/b.TXT'), true);
    assert.equal(f('other/b.txt'), false);
    assert.equal(f('texts/b.md'), false);
  });
});
