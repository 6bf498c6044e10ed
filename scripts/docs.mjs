// Regenerates the command and settings tables in README.md (between the
// <!-- commands --> and <!-- settings --> markers) from package.json and
// package.nls.json, so the documentation cannot drift. `--check` exits 1
// when README.md is out of date (the unit tests run it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8'));
const t = (s, table = nls) => String(s).replace(/^%(.+)%$/, (_, k) => table[k] ?? k);
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function commandsTable() {
  const hidden = new Set((pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const rows = pkg.contributes.commands.map((c) => `| ${cell(`${c.category}: ${t(c.title)}`)} | ${cell(t(c.title, zh))} | \`${c.command}\` | ${hidden.has(c.command) ? 'views' : 'palette'} |`);
  return ['| Command | 中文 | Id | Where |', '|---|---|---|---|', ...rows].join('\n');
}

export function settingsTable() {
  const rows = Object.entries(pkg.contributes.configuration.properties).map(
    ([key, p]) => `| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${cell(t(p.markdownDescription))} |`,
  );
  return ['| Setting | Default | Description |', '|---|---|---|', ...rows].join('\n');
}

export function render(readme) {
  const put = (text, name, table) => {
    const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
    if (!re.test(text)) throw new Error(`README.md has no <!-- ${name} --> markers`);
    return text.replace(re, () => `<!-- ${name} -->\n${table}\n<!-- /${name} -->`);
  };
  return put(put(readme, 'commands', commandsTable()), 'settings', settingsTable());
}

const readmePath = join(root, 'README.md');
const current = readFileSync(readmePath, 'utf8');
const next = render(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md command/settings tables are out of date: run `node scripts/docs.mjs`.');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(readmePath, next);
  console.log('README.md tables updated');
}
