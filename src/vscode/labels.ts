// Entity type names in the UI language.
import * as vscode from 'vscode';
import type { Approx, EntityType } from '../core/types';

/** The name of an entity type, localized. */
export function typeLabel(type: EntityType): string {
  switch (type) {
    case 'department':
      return vscode.l10n.t('Department');
    case 'organization':
      return vscode.l10n.t('Organization');
    case 'place':
      return vscode.l10n.t('Place');
    case 'person':
      return vscode.l10n.t('Person');
    case 'quantity':
      return vscode.l10n.t('Quantity');
    case 'date':
      return vscode.l10n.t('Date');
    case 'document':
      return vscode.l10n.t('Document');
    case 'term':
      return vscode.l10n.t('Term');
  }
}

/** The plural heading of an entity type in views, localized. */
export function typePlural(type: EntityType): string {
  switch (type) {
    case 'department':
      return vscode.l10n.t('Departments');
    case 'organization':
      return vscode.l10n.t('Organizations');
    case 'place':
      return vscode.l10n.t('Places');
    case 'person':
      return vscode.l10n.t('People');
    case 'quantity':
      return vscode.l10n.t('Quantities');
    case 'date':
      return vscode.l10n.t('Dates');
    case 'document':
      return vscode.l10n.t('Documents');
    case 'term':
      return vscode.l10n.t('Terms');
  }
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
