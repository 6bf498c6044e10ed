// Hover on an entity: what it is, its canonical name and parent organ, the
// spellings seen, the organ that continues a former one, its part in the
// document's responsibility lists (lead, support), how often it occurs here
// and in the workspace, a person's posts in the document, and for a
// quantity its normalised value, unit, approximation and the unit's total.
// Reads the analysis cache only; never analyses.
import * as vscode from 'vscode';
import type { Entity } from '../core/types';
import type { AnalysisService } from './analysisService';
import { approxLabel, formatNumber, roleLabel, typeLabel } from './labels';
import type { WorkspaceIndex } from './workspaceIndex';
import { entityKey } from '../core/types';
import { postsOf } from '../core/engine/posts';
import { commandLink } from '../core/text/markdown';
import { quantityThing, thingTotal, type CountedQuantity } from '../core/engine/quantityThing';
import type { DocumentModel } from '../core/engine/documentModel';

/** Builds the hover's Markdown for an entity (exported for tests and the mentions command). */
export function hoverMarkdown(document: vscode.TextDocument, entity: Entity, analysis: AnalysisService, index: WorkspaceIndex | undefined, lineNo: number): vscode.MarkdownString {
  const model = analysis.model(document)!;
  const key = entityKey(entity);
  // text from the document goes through appendText (VS Code's escaping, theme icons
  // included); only our own command runs from the hover; no HTML
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['policyLens.showMentions'] };
  md.supportHtml = false;
  /** `label: text` as a paragraph, the text escaped. */
  const field = (label: string, text: string): void => {
    md.appendMarkdown(`${label}: `).appendText(text).appendMarkdown('\n\n');
  };
  md.appendMarkdown('**').appendText(entity.text).appendMarkdown(`** — ${typeLabel(entity.type)}\n\n`);
  if (entity.canonical) field(vscode.l10n.t('Canonical name'), entity.canonical);
  if (entity.parent) field(vscode.l10n.t('Parent organ'), entity.parent);
  if (entity.successor) field(vscode.l10n.t('Continued today by'), entity.successor);
  if (entity.type === 'department' && entity.canonical) {
    // its part in the document's responsibility lists
    const actions = analysis.actions(document).filter((a) => a.department === entity.canonical && a.role);
    const lead = actions.filter((a) => a.role === 'lead').length;
    const support = actions.length - lead;
    if (actions.length > 0) md.appendMarkdown(`${vscode.l10n.t('In responsibility lists: {0} {1}, {2} {3}', lead, roleLabel('lead'), support, roleLabel('support'))}\n\n`);
  }
  if (entity.type === 'quantity' && typeof entity.value === 'number') {
    const unit = entity.unit ?? '';
    md.appendMarkdown(`${vscode.l10n.t('Value')}: **${formatNumber(entity.value)}**${unit ? ' ' : ''}`).appendText(unit).appendMarkdown('\n\n');
    md.appendMarkdown(`${vscode.l10n.t('Unit')}: `).appendText(unit || vscode.l10n.t('(none written)')).appendMarkdown(` · ${approxLabel(entity.approx)}\n\n`);
    const inUnit = model.unitTotal(unit);
    md.appendMarkdown(`${vscode.l10n.t('Quantities in {0} in this document: {1}', unit || vscode.l10n.t('no unit'), inUnit.count)}\n\n`);
    // the total adds up only the same unit of the same thing (1.75万名科技特派员 and 3万名学生 are not summed)
    const line = model.lineText(lineNo);
    const thing = quantityThing(line, entity.start, entity.end);
    const same = thingTotal({ value: entity.value, unit, thing }, quantitiesOf(model, unit));
    if (thing && same) {
      md.appendMarkdown(`${vscode.l10n.t('Same unit and thing')} (`).appendText(thing.side === 'after' ? `${unit}${thing.text}` : `${thing.text}…${unit}`).appendMarkdown(`): ${vscode.l10n.t('{0}, total {1}', same.count, formatNumber(same.total))}\n\n`);
    } else md.appendMarkdown(`${vscode.l10n.t('No total: what is counted is not clear from the text')}\n\n`);
  }
  const mentions = model.mentionsOf(key);
  if (entity.type === 'person') {
    // the posts the document gives this person (海拉尔区人民政府区长, 任命…为…)
    const posts = postsOf(mentions.map((m) => ({ line: model.lineText(m.line), entity: m.entity, lineEntities: model.lineEntities(m.line) ?? [] })));
    if (posts.length > 0) field(vscode.l10n.t('Posts in this document'), posts.join('；'));
  }
  if (entity.type === 'department') {
    const spellings = [...new Set(mentions.map((m) => m.entity.text))];
    if (spellings.length > 1 || spellings[0] !== entity.canonical) field(vscode.l10n.t('Written as'), spellings.join('、'));
  }
  const inWorkspace = index?.count(key, document.uri);
  const here = model.count(key);
  md.appendMarkdown(
    inWorkspace !== undefined
      ? vscode.l10n.t('Occurrences: {0} in this document, {1} in the workspace', here, inWorkspace)
      : vscode.l10n.t('Occurrences: {0} in this document', here),
  );
  md.appendMarkdown(` · ${commandLink(vscode.l10n.t('List all'), 'policyLens.showMentions', [document.uri.toString(), key])}`);
  return md;
}

/** Hover provider over the analysis cache. */
export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly index: () => WorkspaceIndex | undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const model = this.analysis.model(document);
    const entity = model?.entityAt(position.line, position.character);
    if (!entity) return undefined;
    const range = new vscode.Range(position.line, entity.start, position.line, entity.end);
    return new vscode.Hover(hoverMarkdown(document, entity, this.analysis, this.index(), position.line), range);
  }
}

/** The document's quantities of one unit with what each measures (rejected ones left out by the model). */
function* quantitiesOf(model: DocumentModel, unit: string): Generator<CountedQuantity> {
  for (const { line, entity } of model.entities()) {
    if (entity.type !== 'quantity' || (entity.unit ?? '') !== unit) continue;
    yield { value: entity.value, unit, thing: quantityThing(model.lineText(line), entity.start, entity.end) };
  }
}
