// Checks of how a document names its organs, over its entities (context
// applied): an organ's former name in a document dated after the organ was
// renamed or merged (国家卫生计生委 in a 2020 text → 国家卫生健康委员会), and
// the same organ written two ways (国家卫生健康委 and 国家卫健委 in one text).
// Pure; offsets UTF-16. The findings are LintFindings (core/text/lint.ts), so
// the editor shows them and their fixes as it shows the text checks.
//
// What is never reported: mentions inside a 《title》 (a cited document's
// title is written as it was issued); a former name after 原/前/不再保留/撤销
// (it speaks of the former organ as such); level-only organs (市财政局: named
// by the document's context); short names the text defines (以下简称); full
// official names; sub-units (国家卫生计生委办公厅: the organ inside a longer
// name). An undated document gets no former-name finding (its time is
// unknown), nor does one dated in or before the year of the change.
import type { LintFinding } from '../text/lint';
import type { Entity } from '../types';
import type { DocumentContext } from './context';
import type { DocumentDate } from './documentDate';
import { gazetteer, type OrganInfo } from './gazetteer';

/** Words right before a former name that speak of the former organ as such. */
const HISTORICAL_BEFORE = /(?:原|前|不再保留|撤销|撤并|改革前的?)$/;

/** Pairs of names of one organ that careful writing uses side by side, each in its own role (党中央 in running text, 中共中央 as issuer). */
const ROLE_FORMS: ReadonlyArray<ReadonlySet<string>> = [new Set(['党中央', '中共中央'])];

/** Whether `at` is inside 《…》 on its line. */
function insideTitle(text: string, at: number): boolean {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') break;
    if (c === '》') depth--;
    else if (c === '《') {
      if (depth === 0) return true;
      depth++;
    }
  }
  return false;
}

/** The organ a department mention names as a whole (not a sub-unit or a level-only organ), or undefined. */
function organOf(e: Entity): OrganInfo | undefined {
  if (e.type !== 'department' || !e.canonical || e.local || e.parent) return undefined;
  const info = gazetteer.lookupOrgan(e.text);
  if (!info || info.parent || !gazetteer.sameCanonical(info.canonical, e.canonical)) return undefined;
  return info;
}

/** The organ that carried on `info` at `year`: its successors followed while they too were gone by then. */
function successorAt(info: OrganInfo, year: number): string | undefined {
  let name = info.successor;
  for (let i = 0; name && i < 8; i++) {
    const next = gazetteer.lookupOrgan(name);
    if (!next?.former || !next.successor || next.until === undefined || next.until >= year) break;
    name = next.successor;
  }
  return name;
}

/**
 * Former names in a document dated after the organ's change (a year later
 * than its `until`): each with its successor at the document's date as the fix.
 */
export function formerNames(text: string, entities: readonly Entity[], date: DocumentDate | undefined): LintFinding[] {
  if (!date) return [];
  const out: LintFinding[] = [];
  for (const e of entities) {
    const info = organOf(e);
    if (!info?.former || !info.successor || info.until === undefined || date.year <= info.until) continue;
    if (insideTitle(text, e.start) || HISTORICAL_BEFORE.test(text.slice(Math.max(0, e.start - 5), e.start))) continue;
    const successor = successorAt(info, date.year);
    if (!successor) continue;
    out.push({ kind: 'formerName', start: e.start, end: e.end, found: e.text, expected: successor, since: info.until, fix: { start: e.start, end: e.end, text: successor } });
  }
  return out;
}

/** Whether a form is a full official name of the organ (中华人民共和国国家卫生健康委员会, 中共中央委员会). */
function isFullName(form: string, info: OrganInfo): boolean {
  const bare = form.replace(/^中华人民共和国/, '');
  return gazetteer.sameCanonical(bare, info.name) || gazetteer.sameCanonical(bare, info.canonical);
}

/**
 * The same organ written in two or more short forms (neither its full name
 * nor a short name the text defines): each mention of a less frequent form
 * is a finding, fixed by the most frequent form (the earlier one on a tie).
 * A full name at first mention followed by a short form is normal style
 * and never reported; nor are forms that careful writing uses side by side
 * in different roles (党中央 / 中共中央).
 */
export function inconsistentNames(text: string, entities: readonly Entity[], context?: Pick<DocumentContext, 'abbreviations'>): LintFinding[] {
  const defined = new Set((context?.abbreviations ?? []).map((a) => a.short));
  const byOrgan = new Map<string, Array<{ e: Entity; order: number }>>();
  let order = 0;
  for (const e of entities) {
    const info = organOf(e);
    if (!info || defined.has(e.text) || isFullName(e.text, info) || insideTitle(text, e.start)) continue;
    const key = info.canonical.replace(/^中共/, '中国共产党');
    let list = byOrgan.get(key);
    if (!list) byOrgan.set(key, (list = []));
    list.push({ e, order: order++ });
  }
  const out: LintFinding[] = [];
  for (const mentions of byOrgan.values()) {
    const counts = new Map<string, { n: number; first: number }>();
    for (const { e, order: o } of mentions) {
      const c = counts.get(e.text);
      if (c) c.n++;
      else counts.set(e.text, { n: 1, first: o });
    }
    if (counts.size < 2) continue;
    const ranked = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first);
    const [preferred, { n }] = ranked[0];
    for (const { e } of mentions) {
      if (e.text === preferred || ROLE_FORMS.some((s) => s.has(e.text) && s.has(preferred))) continue;
      out.push({ kind: 'inconsistentName', start: e.start, end: e.end, found: e.text, expected: preferred, count: n, fix: { start: e.start, end: e.end, text: preferred } });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
