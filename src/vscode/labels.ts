// Entity type names and quantity attributes in the UI language.
import * as vscode from 'vscode';
import type { Approx, EntityType } from '../core/types';
import { ENTITY_TYPE_STYLES, type Bilingual } from './entityTypes';

/** A text of the entity-type table in VS Code's display language (Chinese for any zh-*, else English). */
function inUiLanguage(text: Bilingual): string {
  return vscode.env.language.toLowerCase().startsWith('zh') ? text.zh : text.en;
}

/** The name of an entity type, localized. */
export function typeLabel(type: EntityType): string {
  return inUiLanguage(ENTITY_TYPE_STYLES[type].label);
}

/** The plural heading of an entity type in views, localized. */
export function typePlural(type: EntityType): string {
  return inUiLanguage(ENTITY_TYPE_STYLES[type].plural);
}

/** How a quantity's approximation reads, localized ('' when exact). */
export function approxLabel(approx: Approx | undefined): string {
  switch (approx) {
    case 'about':
      return vscode.l10n.t('approximate (about)');
    case 'over':
      return vscode.l10n.t('approximate (more than)');
    case 'under':
      return vscode.l10n.t('approximate (less than)');
    default:
      return vscode.l10n.t('exact');
  }
}

/** A number with grouping, e.g. 17,500 (up to 6 decimals). */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** The role of a unit in a responsibility list, as the tree and the hover write it. */
export function roleLabel(role: 'lead' | 'support'): string {
  return role === 'lead' ? vscode.l10n.t('lead unit') : vscode.l10n.t('supporting unit');
}

/** "1 mention", "3 mentions" (one string per form, so translations need no plural rules). */
export function mentionsLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 mention') : vscode.l10n.t('{0} mentions', n);
}

/** "1 action", "3 actions". */
export function actionsLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 action') : vscode.l10n.t('{0} actions', n);
}

/** "1 entity", "3 entities". */
export function entitiesLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 entity') : vscode.l10n.t('{0} entities', n);
}

/** "1 department", "3 departments". */
export function departmentsLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 department') : vscode.l10n.t('{0} departments', n);
}

/** "1 quantity", "3 quantities". */
export function quantitiesLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 quantity') : vscode.l10n.t('{0} quantities', n);
}

/** "1 tag", "3 tags". */
export function tagsLabel(n: number): string {
  return n === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', n);
}
