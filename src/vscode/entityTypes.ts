// How each entity type looks and is named in the editor: labels in English
// and Chinese, default theme colours, and the texts of its settings. Pure
// data (no 'vscode' import): `npm run generate` (scripts/generate.mjs) writes
// the per-type settings and colours of package.json, their descriptions in
// package.nls*.json and the type enums of the JSON Schema from this table,
// and a unit test fails while they differ.
import type { EntityType } from '../core/types';

/** A text in the two UI languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** Theme colour defaults, as package.json `contributes.colors` takes them. */
export interface ColorDefaults {
  light: string;
  dark: string;
  highContrast: string;
  highContrastLight: string;
}

/** Everything the editor shows of one entity type. */
export interface EntityTypeStyle {
  label: Bilingual;
  plural: Bilingual;
  /** Description of the `policyLens.highlight.<type>` setting. */
  setting: Bilingual;
  foreground: { description: Bilingual; defaults: ColorDefaults };
  background: { description: Bilingual; defaults: ColorDefaults };
  /** Whether decorations set the text colour (documents and terms are coloured by the theme through the grammar). */
  textColour: boolean;
  /** Whether mentions are marked in the overview ruler. */
  overviewRuler: boolean;
}

const NONE = '#00000000';
/** Foreground defaults: the light colour in light themes, the dark one in dark and high-contrast ones. */
const fg = (light: string, dark: string): ColorDefaults => ({ light, dark, highContrast: dark, highContrastLight: light });
/** Background defaults: none in high-contrast themes. */
const bg = (light: string, dark: string): ColorDefaults => ({ light, dark, highContrast: NONE, highContrastLight: NONE });

/** One row per entity type, in the order of ENTITY_TYPES. */
export const ENTITY_TYPE_STYLES: Record<EntityType, EntityTypeStyle> = {
  department: {
    label: { en: 'Department', zh: '部门' },
    plural: { en: 'Departments', zh: '部门' },
    setting: { en: 'Highlight departments (government and Party organs, e.g. 科技部, 北京市科委).', zh: '高亮部门（政府及党的机关，如 科技部、北京市科委）。' },
    foreground: { description: { en: 'Text colour of departments (government and Party organs).', zh: '部门（政府及党的机关）的文字颜色。' }, defaults: fg('#1f6feb', '#79c0ff') },
    background: { description: { en: 'Background of departments (government and Party organs).', zh: '部门（政府及党的机关）的背景色。' }, defaults: bg('#1f6feb22', '#388bfd33') },
    textColour: true,
    overviewRuler: true,
  },
  organization: {
    label: { en: 'Organization', zh: '组织' },
    plural: { en: 'Organizations', zh: '组织' },
    setting: { en: 'Highlight organizations (enterprises, banks, universities, media, associations).', zh: '高亮组织（企业、银行、高校、媒体、协会）。' },
    foreground: { description: { en: 'Text colour of organizations (enterprises, universities, media, associations).', zh: '组织（企业、高校、媒体、协会）的文字颜色。' }, defaults: fg('#8250df', '#d2a8ff') },
    background: { description: { en: 'Background of organizations.', zh: '组织的背景色。' }, defaults: bg('#8250df1f', '#a371f733') },
    textColour: true,
    overviewRuler: false,
  },
  place: {
    label: { en: 'Place', zh: '地点' },
    plural: { en: 'Places', zh: '地点' },
    setting: { en: 'Highlight places (provinces, cities, counties, towns, villages, regions, countries).', zh: '高亮地点（省、市、县、乡镇、村、区域、国家）。' },
    foreground: { description: { en: 'Text colour of places.', zh: '地点的文字颜色。' }, defaults: fg('#1a7f37', '#7ee787') },
    background: { description: { en: 'Background of places.', zh: '地点的背景色。' }, defaults: bg('#1a7f371f', '#2ea04333') },
    textColour: true,
    overviewRuler: false,
  },
  person: {
    label: { en: 'Person', zh: '人物' },
    plural: { en: 'People', zh: '人物' },
    setting: { en: "Highlight people's names.", zh: '高亮人名。' },
    foreground: { description: { en: "Text colour of people's names.", zh: '人名的文字颜色。' }, defaults: fg('#bf3989', '#ff9bce') },
    background: { description: { en: "Background of people's names.", zh: '人名的背景色。' }, defaults: bg('#bf39891f', '#db61a233') },
    textColour: true,
    overviewRuler: false,
  },
  quantity: {
    label: { en: 'Quantity', zh: '数量' },
    plural: { en: 'Quantities', zh: '数量' },
    setting: { en: 'Highlight quantities (a number with its unit: 1.75万名, 3.33亿元, 69.1%).', zh: '高亮数量（数字及其单位：1.75万名、3.33亿元、69.1%）。' },
    foreground: { description: { en: 'Text colour of quantities.', zh: '数量的文字颜色。' }, defaults: fg('#9a6700', '#e3b341') },
    background: { description: { en: 'Background of quantities.', zh: '数量的背景色。' }, defaults: bg('#bf87001f', '#bb800933') },
    textColour: true,
    overviewRuler: false,
  },
  date: {
    label: { en: 'Date', zh: '日期' },
    plural: { en: 'Dates', zh: '日期' },
    setting: { en: 'Highlight dates (2021年11月29日, 前三季度).', zh: '高亮日期（2021年11月29日、前三季度）。' },
    foreground: { description: { en: 'Text colour of dates.', zh: '日期的文字颜色。' }, defaults: fg('#0e7c86', '#56d4dd') },
    background: { description: { en: 'Background of dates.', zh: '日期的背景色。' }, defaults: bg('#0e7c861a', '#1b9aa533') },
    textColour: true,
    overviewRuler: false,
  },
  document: {
    label: { en: 'Document', zh: '文件' },
    plural: { en: 'Documents', zh: '文件' },
    setting: { en: 'Highlight 《document titles》.', zh: '高亮《文件名》。' },
    foreground: { description: { en: 'Text colour of 《document titles》 (unused: the theme colours them through the grammar).', zh: '《文件名》的文字颜色（未使用：由语法交给主题着色）。' }, defaults: fg('#57606a', '#c9d1d9') },
    background: { description: { en: 'Background of 《document titles》.', zh: '《文件名》的背景色。' }, defaults: bg('#6e77811a', '#8b949e26') },
    textColour: false,
    overviewRuler: false,
  },
  term: {
    label: { en: 'Term', zh: '提法' },
    plural: { en: 'Terms', zh: '提法' },
    setting: { en: 'Highlight quoted “terms” and slogans.', zh: '高亮带引号的“提法”和口号。' },
    foreground: { description: { en: 'Text colour of “terms” (unused: the theme colours them through the grammar).', zh: '“提法”的文字颜色（未使用：由语法交给主题着色）。' }, defaults: fg('#cf222e', '#ffa198') },
    background: { description: { en: 'Background of “terms” and slogans.', zh: '“提法”和口号的背景色。' }, defaults: bg('#cf222e14', '#f8514926') },
    textColour: false,
    overviewRuler: false,
  },
};
