#!/usr/bin/env node
// Builds src/core/data/places.json from the NBS administrative divisions
// (modood/Administrative-divisions-of-China, dist/, WTFPL; NBS 统计用区划代码 2022).
//
//   node scripts/build-places.mjs PLACES_DIR
//
// PLACES_DIR holds that repository's dist/ files: provinces.csv, cities.csv,
// areas.csv, streets.csv, plus HK-MO-TW.json.
// Nothing is typed by hand except the rule tables below (suffixes, ethnic names,
// stoplists); every place name comes from the source files.
//
// Output format (compact; see `header.format`):
//   provinces / cities / counties: [[code, fullName], ...]
//   towns: [[countyCode, "名称|名称|...", "sssSSS..."], ...]  (sss = last 3 digits of each 9-digit code, same order)
//   short: { shortForm: code }   unambiguous short forms (a higher level wins: 吉林 → 吉林省)
//   shortAmbiguous: { shortForm: [code, ...] }  same-level homonyms (通州: Beijing and Nantong)
//   zones: [code, ...]           county-level functional zones (开发区, 管理区 ...), no short form
//   weak:  [name, ...]           full names that read as common words (城区, 东区, 小城镇, 和平镇 ...):
//                                resolvable and usable in chains, but kept out of the tokenizer dictionary
// Parent codes are derived from code prefixes (6 → 4 → 2 digits; 9 → 6 → 4 → 2),
// skipping prefixes that are not places (市辖区, 省直辖县级行政区划 ...).

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!positional[0]) {
  console.error('usage: node scripts/build-places.mjs PLACES_DIR (the administrative-division CSVs; see the header of this script)');
  process.exit(2);
}
const srcDir = resolve(positional[0]);
const outFile = join(repoRoot, 'src', 'core', 'data', 'places.json');

// ---------- CSV ----------
function readCsv(name) {
  const text = readFileSync(join(srcDir, name), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const head = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = [];
    let cur = '';
    let q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (ch === ',' && !q) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    return Object.fromEntries(head.map((h, i) => [h, cells[i]]));
  });
}

const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

// ---------- rule tables ----------
// The 56 ethnic groups; for autonomous-area names the 族 may be dropped for multi-character names
// (博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 察布查尔锡伯自治县, 鄂伦春自治旗).
const ETHNIC = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
];
const ETHNIC_FORMS = ETHNIC.flatMap((e) => (e.length >= 2 ? [e + '族', e] : [e + '族'])).sort((a, b) => b.length - a.length);

/** Strips trailing ethnic names: 海西蒙古族藏族 → 海西. */
function stripEthnic(stem) {
  let s = stem;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC_FORMS) {
      if (s.endsWith(e) && s.length > e.length) {
        s = s.slice(0, -e.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** Short form by rule, or undefined. Level: province | city | county. */
function shortForm(name, level) {
  let m;
  if ((m = /^(.+?)(特别行政区)$/.exec(name))) return m[1];
  if ((m = /^(.+)自治(区|州|县|旗)$/.exec(name))) {
    // 延边朝鲜族 → 延边; 内蒙古 would strip to 内, 西藏 strips nothing: keep the stem then.
    const s = stripEthnic(m[1]);
    const r = s.length >= 2 ? s : m[1];
    // 鄂伦春自治旗, 鄂温克族自治旗: the stem is the people's name, not a place.
    return r.length >= 2 && !ETHNIC_FORMS.includes(r) ? r : undefined;
  }
  if (level === 'province') {
    if ((m = /^(.+)(省|市)$/.exec(name))) return m[1];
    return undefined;
  }
  if (level === 'city') {
    if ((m = /^(.+)(市|地区|盟)$/.exec(name)) && m[1].length >= 2) return m[1];
    return undefined;
  }
  // county level: 县 / 县级市; districts (区) only for 新区-free ordinary names
  if ((m = /^(.+)(县|市)$/.exec(name)) && m[1].length >= 2) return m[1];
  if ((m = /^(.+)(新区|林区|矿区|特区)$/.exec(name)) && m[1].length >= 2) return m[1];
  if ((m = /^(.+)区$/.exec(name)) && m[1].length >= 2) return m[1];
  return undefined;
}

// County-level functional zones: full name only, never a short form.
const ZONE_RE = /(开发区|园区|管理区|管委会|示范区|试验区|实验区|风景名胜区|产业区|合作区|食品区|新城|群岛|岛礁|海域|行政委员会|改革示范区)$/;
// Full names that are also common words: kept for chains, flagged weak (no user-dictionary entry).
const WEAK_FULL = new Set([
  '城区', '郊区', '矿区', '东区', '西区', '南区', '北区', '中区', '新区', '市中区', '城中区', '新城区', '城关区', '市南区',
  '市北区', '新市区', '解放区', '港口区', '海港区', '工农区', '前进区', '红旗区', '友好区', '宏伟区', '新县', '南县', '大社区',
  '新城乡', '街道', '小城镇', '中心镇', '小村镇', '城郊乡', '城郊镇', '郊区乡', '新城镇', '大城镇', '古城镇', '老城镇', '中心乡',
]);
// Town names whose stem (name without 镇/乡/街道/苏木/地区) is a common jieba word (和平镇, 建设街道, 发展乡) are weak too.
const WEAK_STEM_MIN_FREQ = 300;

// County-level short forms that are common words or read as something else in policy prose
// (公安县 → 公安, 会同县 → 会同, 资源县 → 资源, 合作市 → 合作 ...). Province and city short forms
// are not filtered except by CITY_SHORT_STOP.
const SHORT_STOP = new Set([
  '合作', '共和', '互助', '同心', '同德', '大方', '威信', '平安', '江山', '长子', '河口', '古城', '东方', '和平', '光明',
  '新兴', '上街', '安定', '民乐', '白杨', '通道', '大名', '无为', '交口', '永和', '和顺', '长顺', '城关', '新华', '新建',
  '新城', '红旗', '前进', '向阳', '东风', '富民', '安宁', '平和', '太平', '长安', '新市', '市中', '城中', '城东', '城西',
  '城南', '城北', '河东', '河西', '新民', '团结', '胜利', '解放', '建设', '文明', '幸福', '友谊', '和谐', '繁荣', '先锋',
  '红星', '东城', '西城', '南城', '北城', '开发', '高新', '经济', '工业', '金山', '宝山', '龙华', '三江', '永安', '兴隆',
  '白云', '青山', '南山', '海城', '铁东', '铁西', '桥东', '桥西', '鼓楼', '开放', '振兴', '发展', '改革', '创新', '兴国',
  '安国', '宁国', '海港', '港口', '滨海', '滨湖', '江北', '江南', '湖滨', '沿江', '沿海', '西湖', '东湖', '南湖', '北湖',
  '清河', '红山', '青河', '天山', '富裕', '东兴', '东宁', '江源', '金沙', '宁海', '海安', '东海', '南海', '临江', '临海',
  '元宝', '修文', '余庆', '孝义', '正安', '乐业', '安化', '信丰', '进贤', '祥云', '长丰', '江口', '龙门', '石门', '三门',
  '永胜', '永福', '运河', '小店', '回民', '灯塔', '工农', '平房', '光泽', '莲花', '公安', '资源', '芙蓉', '洞口', '会同',
  '凤凰', '高明', '海棠', '天涯', '前锋', '名山', '石棉', '太白', '武功', '清水', '温泉', '高台', '宝塔', '黄龙', '博爱',
  '民权', '建安', '大观', '钟楼', '马尾', '石狮', '白玉', '同仁', '七星', '文峰', '月湖', '建华', '友好', '中方', '南部',
  '南岸', '比如', '延长', '复兴', '大兴', '宏伟', '丰满', '清新', '台前', '平定', '平原', '中原', '天河', '江海',
  '长寿', '安居', '老城', '山城', '商城', '牡丹', '白银', '爱民', '方正', '龙凤', '新星', '泰山', '卧龙', '麒麟', '西山',
  '水城', '西夏', '天桥', '路桥', '江汉', '东坡', '太湖', '故城', '大城', '盐湖', '沿河', '武陵', '海盐', '惠民', '南沙',
  '清流', '天台', '兴业', '阳春', '万全', '惠农', '小金', '裕民', '磐石', '双城', '古田', '嫩江',
]);
// Place names that jieba tags as verbs/adjectives but that are rarely anything else in prose.
const SHORT_KEEP = new Set(['平遥', '当阳', '保康', '应城', '监利', '定远', '永新']);
// 白银 (silver), 来宾 (guest), 安康 (幸福安康), 大同 (世界大同).
const CITY_SHORT_STOP = new Set(['白银', '来宾', '安康', '大同']);

// Optional: jieba's dictionary flags function words and adjectives/verbs (tags below) — used to
// drop county-level short forms such as 比如 (v), 中方 (f), 延长 (v). Its noun tags are too noisy
// (仙桃 n, 麻城 nr) to use; nouns go through SHORT_STOP. Missing dictionary → stoplist only.
const JIEBA_COMMON_TAGS = new Set(['v', 'vn', 'vd', 'a', 'ad', 'an', 'd', 'c', 'p', 'm', 'f', 'r', 'u', 'b', 'z', 'l', 'i', 's', 't', 'q']);
function loadJieba() {
  const path = join(repoRoot, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
  const dict = new Map();
  if (!existsSync(path)) {
    console.warn('build-places: jieba dictionary not found; using the stoplists only');
    return dict;
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [w, f, tag] = line.split(' ');
    if (w && tag) dict.set(w, { freq: Number(f), tag });
  }
  return dict;
}
const JIEBA_MIN_FREQ = 150;

// ---------- read ----------
const provincesCsv = readCsv('provinces.csv');
const citiesCsv = readCsv('cities.csv');
const areasCsv = readCsv('areas.csv');
const streetsCsv = readCsv('streets.csv');
const hkmotw = JSON.parse(readFileSync(join(srcDir, 'HK-MO-TW.json'), 'utf8'));

const provinces = provincesCsv.map((r) => [r.code, r.name]);
const cityName = new Map();
const cities = [];
for (const r of citiesCsv) {
  if (PLACEHOLDERS.has(r.name)) continue;
  cities.push([r.code, r.name]);
  cityName.set(r.code, r.name);
}
const counties = [];
const zones = [];
const weak = new Set();
for (const r of areasCsv) {
  if (PLACEHOLDERS.has(r.name)) continue;
  // 东莞市/中山市/儋州市/嘉峪关市 repeat their city as a county row: skip, towns hang on the city.
  if (cityName.get(r.cityCode) === r.name) continue;
  counties.push([r.code, r.name]);
  if (ZONE_RE.test(r.name) || /(高新技术|经济技术|经济开发|工业园)/.test(r.name)) zones.push(r.code);
  if (WEAK_FULL.has(r.name)) weak.add(r.name);
}

// HK, Macao, Taiwan: GB/T 2260 province codes 81/82/71; lower codes assigned in file order (not official).
const HMT_CODES = { 香港特别行政区: '81', 澳门特别行政区: '82', 台湾省: '71' };
for (const [region, subs] of Object.entries(hkmotw)) {
  const pc = HMT_CODES[region];
  if (!pc) throw new Error(`unknown region in HK-MO-TW.json: ${region}`);
  provinces.push([pc, region]);
  Object.entries(subs).forEach(([sub, districts], i) => {
    const cc = pc + String(i + 1).padStart(2, '0');
    cities.push([cc, sub]);
    districts.forEach((d, j) => {
      const dc = cc + String(j + 1).padStart(2, '0');
      counties.push([dc, d]);
      if (WEAK_FULL.has(d)) weak.add(d);
    });
  });
}

// Towns: 镇, 乡 (incl. 民族乡), 街道, 苏木, Beijing's 地区 (办事处); not farms, parks, prisons.
const TOWN_RE = /(镇|乡|街道|苏木|地区)$/;
const towns = {};
let townCount = 0;
let townSkipped = 0;
for (const r of streetsCsv) {
  if (!TOWN_RE.test(r.name)) {
    townSkipped++;
    continue;
  }
  const parent = r.code.slice(0, 6);
  (towns[parent] ??= []).push([r.code.slice(6), r.name]);
  townCount++;
}
// [countyCode, "名|名|…", "sssSSS…"]: names joined by |, 3-digit code suffixes concatenated in the same order.
const townsOut = Object.entries(towns).map(([k, v]) => [k, v.map((t) => t[1]).join('|'), v.map((t) => t[0]).join('')]);
for (const [, names] of townsOut) if (names.split('|').some((n) => n.length === 0)) throw new Error('empty town name');

// ---------- short forms ----------
const LEVEL_RANK = { province: 0, city: 1, county: 2 };
const jieba = loadJieba();
/** Frequency of `w` as a common (function/verb/adjective) word in jieba, else 0. */
const commonFreq = (w) => {
  const e = jieba.get(w);
  return e && JIEBA_COMMON_TAGS.has(e.tag) ? e.freq : 0;
};
for (const list of Object.values(towns)) {
  for (const [, name] of list) {
    if (WEAK_FULL.has(name)) weak.add(name);
    const stem = name.replace(TOWN_RE, '');
    const e = jieba.get(stem);
    if (stem.length >= 2 && e && e.tag !== 'ns' && e.freq >= WEAK_STEM_MIN_FREQ) weak.add(name);
  }
}
const fullNames = new Set([...provinces, ...cities, ...counties].map((p) => p[1]));
for (const list of Object.values(towns)) for (const t of list) fullNames.add(t[1]);
const zoneSet = new Set(zones);
const candidates = new Map(); // short → [{code, level}]
const dropped = { stop: [], jieba: [], ambiguous: [], fullName: [] };
function addShort(code, name, level) {
  if (level === 'county' && (zoneSet.has(code) || code.length !== 6 || /^(71|81|82)/.test(code))) return;
  const s = shortForm(name, level);
  if (!s || s === name || s.length < 2) return;
  if (level === 'county' && SHORT_STOP.has(s)) return void dropped.stop.push(s);
  if (level === 'city' && CITY_SHORT_STOP.has(s)) return void dropped.stop.push(s);
  if (level === 'county' && !SHORT_KEEP.has(s) && commonFreq(s) >= JIEBA_MIN_FREQ) return void dropped.jieba.push(s);
  if (fullNames.has(s)) return void dropped.fullName.push(s);
  if (!candidates.has(s)) candidates.set(s, []);
  candidates.get(s).push({ code, level });
}
for (const [c, n] of provinces) addShort(c, n, 'province');
for (const [c, n] of cities) addShort(c, n, 'city');
for (const [c, n] of counties) addShort(c, n, 'county');
const short = {};
const shortAmbiguous = {};
for (const [s, cands] of candidates) {
  const best = Math.min(...cands.map((c) => LEVEL_RANK[c.level]));
  const top = cands.filter((c) => LEVEL_RANK[c.level] === best);
  if (top.length === 1) short[s] = top[0].code;
  else {
    shortAmbiguous[s] = top.map((c) => c.code);
    dropped.ambiguous.push(s);
  }
}

// ---------- write ----------
const byLevel = { province: 0, city: 0, county: 0 };
for (const code of Object.values(short)) byLevel[code.length === 2 ? 'province' : code.length === 4 ? 'city' : 'county']++;
const out = {
  header: {
    source:
      'modood/Administrative-divisions-of-China@57a0aa9cef47169a2eb74cf057b0245052a34e8c dist/ (provinces.csv, cities.csv, areas.csv, streets.csv, HK-MO-TW.json)',
    data: 'National Bureau of Statistics 统计用区划代码和城乡划分代码, cut-off 2022-10-31 (published 2022-12-29)',
    licence: 'WTFPL v2 (repository); NBS data, 2022',
    generator: 'scripts/build-places.mjs',
    format:
      'provinces/cities/counties: [code, fullName]; towns: [[countyCode, "名|名", "sssSSS"]] (names joined by |; sss = last 3 code digits of each, same order); short: {shortForm: code}; shortAmbiguous: {shortForm: [code, ...]} (same-level homonyms such as 通州); zones: [code]; weak: [name]; parent = longest existing code prefix (6→4→2, 9→6→4→2). HK/MO/TW codes 81/82/71 + file order (synthetic below province).',
    counts: {
      provinces: provinces.length,
      cities: cities.length,
      counties: counties.length,
      countyZones: zones.length,
      weakNames: weak.size,
      towns: townCount,
      streetRowsSkipped: townSkipped,
      shortForms: Object.keys(short).length,
      shortFormsAmbiguous: Object.keys(shortAmbiguous).length,
      shortFormsByLevel: byLevel,
    },
  },
  provinces,
  cities,
  counties,
  towns: townsOut,
  short,
  shortAmbiguous,
  zones,
  weak: [...weak].sort(),
};
mkdirSync(dirname(outFile), { recursive: true });
const json = JSON.stringify(out);
writeFileSync(outFile, json + '\n');
console.log(`places.json: ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB`, JSON.stringify(out.header.counts));
if (process.argv.includes('--verbose') || process.env.VERBOSE) {
  for (const [k, v] of Object.entries(dropped)) console.log(`dropped ${k} (${v.length}):`, [...new Set(v)].join(' '));
}
