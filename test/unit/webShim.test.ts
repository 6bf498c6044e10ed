// The web build's stand-ins for node (src/web/nodeShim.ts): createHash's
// SHA-256 (@noble/hashes) gives node's digests, so sidecars written on the
// web and on the desktop carry the same text hash; execFile answers with an
// error (the annotator's name falls back).
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, execFile } from '../../src/web/nodeShim';

describe('web build: node stand-ins', () => {
  it('createHash("sha256") gives node\'s hex digests, for strings (UTF-8) and bytes, in one or several updates', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
    const texts = ['', 'a', '科技部推广“揭榜挂帅”𠮷\r\n', ...fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).slice(0, 5).map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))];
    for (const text of texts) {
      const expected = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
      assert.equal(createHash('sha256').update(text, 'utf8').digest('hex'), expected);
      const cps = [...text]; // split between code points: UTF-8 of the parts is the UTF-8 of the whole
      const half = Math.floor(cps.length / 2);
      assert.equal(createHash('sha256').update(cps.slice(0, half).join('')).update(new TextEncoder().encode(cps.slice(half).join(''))).digest('hex'), expected);
    }
    assert.throws(() => createHash('md5'), /not available in the web build/);
  });

  it('execFile calls back with an error', async () => {
    const err = await new Promise<Error | null>((resolve) => execFile('git', ['config', 'user.name'], {}, (e) => resolve(e)));
    assert.match(String(err), /not available in the web build/);
  });
});
