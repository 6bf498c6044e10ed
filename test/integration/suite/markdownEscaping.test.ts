// Text from data in hovers and tooltips goes through VS Code's own
// MarkdownString.appendText: rendered (with marked, as VS Code renders, raw
// HTML shown as text since supportHtml is off) it is text — no image, HTML,
// markup or theme icon, and no command link — whatever the sidecar's label and
// note hold. What appendText leaves: autolinks (a bare https:// URL, and
// <scheme:…> which it turns into a link to `scheme:…\`); VS Code asks before
// opening an outside link and runs no command from untrusted Markdown, and the
// hover trusts only policyLens.showMentions, which such a link never names.
import assert from 'node:assert/strict';
import { Marked } from 'marked';
import type { Tag } from '../../../src/core/tags/types';
import { tagMarkdown } from '../../../src/vscode/tagDecorations';

const HOSTILE = [
  '[click](command:policyLens.showMentions?%5B%5D)',
  '![x](https://example.invalid/x.png)',
  '<img src=x onerror=alert(1)>',
  '<command:policyLens.showMentions>',
  '$(alert) $(loading~spin)',
  '**bold** _em_ `code` ~~del~~',
  '# heading',
  '    indented code',
  '> quote',
  '- item',
  '科技部 | 财政部\n---|---',
  'line one\nline two',
];

/** HTML as VS Code's renderer makes it with supportHtml off: raw HTML escaped. */
const render = (md: string): string =>
  new Marked({ renderer: { html: ({ text }: { text: string }) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') } }).parse(md, { async: false }) as string;

function tag(label: string, note: string): Tag {
  return { id: 't1', label, start: 0, end: 1, quote: { exact: 'x', prefix: '', suffix: '' }, note, source: 'manual', created: '2026-12-03T00:00:00.000Z' };
}

describe('hover Markdown escaping (MarkdownString.appendText, real extension host)', () => {
  for (const s of HOSTILE) {
    it(`a tag labelled and noted ${JSON.stringify(s)} is only text`, () => {
      const md = tagMarkdown(tag(s, s), [{ name: s, color: '#ff0000', description: s }]);
      assert.equal(md.isTrusted, false);
      assert.equal(md.supportHtml, false);
      const html = render(md.value);
      const tags = [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/gi)].map((m) => m[1].toLowerCase());
      assert.deepEqual(tags.filter((t) => !['p', 'br', 'strong', 'a'].includes(t)), [], `only text in ${html}`);
      for (const [, href, shown] of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) {
        assert.ok(/^https:\/\//.test(href) || (/^command:/.test(href) && !/^command:policyLens\.showMentions(\?|$)/.test(href)), `link ${href} in ${html}`);
        assert.ok(s.includes(shown.replace(/\\$/, '')), `a link shows the data's own text: ${shown}`);
      }
      // our own icon stays an icon; the data's are escaped
      assert.ok(md.value.startsWith('$(tag) '));
      assert.equal([...md.value.matchAll(/(?<!\\)\$\(/g)].length, 1, `one unescaped $( in ${md.value}`);
      const text = html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\\\$\(/g, '$(');
      // every character shown in order, but for what autolinks change: the <> around <scheme:…>,
      // the backslash a URL keeps of the escaped ')' after it (and spaces: appendText writes &nbsp;)
      const shown = (x: string) => x.replace(/[\s\\<>]+/g, '');
      for (const part of s.split('\n')) assert.ok(shown(text).includes(shown(part)), `${JSON.stringify(part)} shown in ${JSON.stringify(text)}`);
      if (!/https:|<command:/.test(s)) assert.ok(!html.includes('<a '), `no link in ${html}`);
    });
  }
});
