// `npm run generate`: writes what is derived from the code's own tables, so
// that it cannot drift:
//  - package.json: the `policyLens.highlight.<type>` settings and the
//    `policyLens.<type>Foreground/Background` colours, one per entity type
//    (src/core/types.ts ENTITY_TYPES, styles in src/vscode/entityTypes.ts);
//  - package.nls.json and package.nls.zh-cn.json: their descriptions;
//  - src/core/formats/policy-lens-1.schema.json, src/core/tags/sidecar.schema.json: the entity-type enum (entityType);
//  - README.md: the command and settings tables (between the <!-- commands -->
//    and <!-- settings --> markers) from package.json and package.nls.json.
// `--check` writes nothing and exits 1 when a file is out of date (a unit test runs it).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const check = process.argv.includes('--check');

/** The entity types and their styles, read from the TypeScript sources (bundled in memory). */
async function loadTables() {
  const result = await build({
    stdin: { contents: "export { ENTITY_TYPES } from './src/core/types'; export { ENTITY_TYPE_STYLES } from './src/vscode/entityTypes';", resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

const { ENTITY_TYPES, ENTITY_TYPE_STYLES } = await loadTables();
const read = (file) => readFileSync(join(root, file), 'utf8');
const outputs = new Map();
const json = (value) => JSON.stringify(value, null, 2) + '\n';

// ---- package.json and its nls files
const pkg = JSON.parse(read('package.json'));
const nls = JSON.parse(read('package.nls.json'));
const zh = JSON.parse(read('package.nls.zh-cn.json'));
/** Settings under policyLens.highlight that are not per entity type. */
const NOT_TYPES = new Set(['enabled', 'maxDecorations']);
const typeSetting = (key) => {
  const t = /^policyLens\.highlight\.([a-zA-Z]+)$/.exec(key)?.[1];
  return t === undefined || NOT_TYPES.has(t) ? undefined : t;
};
/** A per-type setting as this script writes it (other highlight settings are left alone). */
const isTypeSetting = (key, value) => {
  const t = typeSetting(key);
  return t !== undefined && value?.markdownDescription === `%config.highlight.${t}%` && value?.type === 'boolean';
};
/** A per-type colour as this script writes it. */
const isTypeColor = (c) => /^policyLens\.[a-z]+(Foreground|Background)$/.test(c.id) && c.description === `%color.${c.id.slice('policyLens.'.length)}%`;
{
  // nls keys of the per-type entries as they are now: replaced by the generated ones
  const oldKeys = new Set();
  const props = pkg.contributes.configuration.properties;
  for (const [key, value] of Object.entries(props)) if (isTypeSetting(key, value)) oldKeys.add(value.markdownDescription.slice(1, -1));
  for (const c of pkg.contributes.colors ?? []) if (isTypeColor(c)) oldKeys.add(c.description.slice(1, -1));

  const next = {};
  let placed = false;
  const placeTypes = () => {
    // scope window: settings are read without a resource; order: right after highlight.enabled (order 1), in ENTITY_TYPES' order
    ENTITY_TYPES.forEach((t, i) => {
      next[`policyLens.highlight.${t}`] = { type: 'boolean', default: props[`policyLens.highlight.${t}`]?.default ?? true, scope: 'window', order: 2 + i, markdownDescription: `%config.highlight.${t}%` };
    });
    placed = true;
  };
  for (const [key, value] of Object.entries(props)) {
    if (isTypeSetting(key, value)) continue;
    next[key] = value;
    if (key === 'policyLens.highlight.enabled') placeTypes();
  }
  if (!placed) placeTypes();
  pkg.contributes.configuration.properties = next;

  const colors = [];
  let colorsPlaced = false;
  const placeColors = () => {
    for (const t of ENTITY_TYPES) {
      colors.push({ id: `policyLens.${t}Foreground`, description: `%color.${t}Foreground%`, defaults: ENTITY_TYPE_STYLES[t].foreground.defaults });
      colors.push({ id: `policyLens.${t}Background`, description: `%color.${t}Background%`, defaults: ENTITY_TYPE_STYLES[t].background.defaults });
    }
    colorsPlaced = true;
  };
  for (const c of pkg.contributes.colors ?? []) {
    if (!isTypeColor(c)) colors.push(c);
    else if (!colorsPlaced) placeColors();
  }
  if (!colorsPlaced) placeColors();
  pkg.contributes.colors = colors;
  outputs.set('package.json', json(pkg));

  for (const [file, table, lang] of [
    ['package.nls.json', nls, 'en'],
    ['package.nls.zh-cn.json', zh, 'zh'],
  ]) {
    const colorTexts = {};
    const settingTexts = {};
    for (const t of ENTITY_TYPES) {
      const s = ENTITY_TYPE_STYLES[t];
      colorTexts[`color.${t}Foreground`] = s.foreground.description[lang];
      colorTexts[`color.${t}Background`] = s.background.description[lang];
      settingTexts[`config.highlight.${t}`] = s.setting[lang];
    }
    const out = {};
    let colorsDone = false;
    let settingsDone = false;
    const generated = (k) => k in colorTexts || k in settingTexts;
    for (const [k, v] of Object.entries(table)) {
      const isColor = /^color\./.test(k);
      if (oldKeys.has(k) || generated(k)) {
        if (isColor && !colorsDone) {
          Object.assign(out, colorTexts);
          colorsDone = true;
        }
        if (!isColor && !settingsDone) {
          Object.assign(out, settingTexts);
          settingsDone = true;
        }
        continue;
      }
      out[k] = v;
    }
    if (!colorsDone) Object.assign(out, colorTexts);
    if (!settingsDone) Object.assign(out, settingTexts);
    outputs.set(file, json(out));
    if (lang === 'en') Object.assign(nls, out);
  }
}

// ---- the JSON Schemas' entity-type enum (the files are formatted by hand: only that line is rewritten)
for (const file of ['src/core/formats/policy-lens-1.schema.json', 'src/core/tags/sidecar.schema.json']) {
  const text = read(file);
  const re = /("entityType": \{ "enum": )\[[^\]]*\]/;
  if (!re.test(text)) throw new Error(`${file} has no entityType enum`);
  outputs.set(file, text.replace(re, (_m, head) => `${head}${JSON.stringify(ENTITY_TYPES).replace(/","/g, '", "')}`));
}

// ---- README tables
{
  const t = (s, table = nls) => String(s).replace(/^%(.+)%$/, (_, k) => table[k] ?? k);
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const hidden = new Set((pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const commands = [
    '| Command | 中文 | Id | Where |',
    '|---|---|---|---|',
    ...pkg.contributes.commands.map((c) => `| ${cell(`${c.category}: ${t(c.title)}`)} | ${cell(t(c.title, zh))} | \`${c.command}\` | ${hidden.has(c.command) ? 'views' : 'palette'} |`),
  ].join('\n');
  const settings = [
    '| Setting | Default | Description |',
    '|---|---|---|',
    ...Object.entries(pkg.contributes.configuration.properties).map(([key, p]) => `| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${cell(t(p.markdownDescription))} |`),
  ].join('\n');
  const put = (text, name, table) => {
    const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
    if (!re.test(text)) throw new Error(`README.md has no <!-- ${name} --> markers`);
    return text.replace(re, () => `<!-- ${name} -->\n${table}\n<!-- /${name} -->`);
  };
  outputs.set('README.md', put(put(read('README.md'), 'commands', commands), 'settings', settings));
}

const stale = [...outputs].filter(([file, content]) => read(file) !== content).map(([file]) => file);
if (check) {
  if (stale.length) {
    console.error(`out of date: ${stale.join(', ')}; run \`npm run generate\`.`);
    process.exit(1);
  }
} else {
  for (const file of stale) writeFileSync(join(root, file), outputs.get(file));
  console.log(stale.length ? `generate: wrote ${stale.join(', ')}` : 'generate: everything up to date');
}
