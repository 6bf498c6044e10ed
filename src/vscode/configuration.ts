// Reads Policy Lens settings and hands them to the core as plain values.
import * as vscode from 'vscode';
import type { EngineOptions } from '../core/engine/protocol';
import type { LabelDefinition } from '../core/tags/types';
import { ENTITY_TYPES, type EntityType } from '../core/types';

export const SECTION = 'policyLens';

/** Engine options from the settings (`policyLens.dictionary.userWords`). */
export function readEngineOptions(): EngineOptions {
  const config = vscode.workspace.getConfiguration(SECTION);
  const words = config.get<string[]>('dictionary.userWords', []);
  return {
    userWords: words
      .filter((w) => typeof w === 'string' && w.trim().length > 0)
      .map((w) => ({ word: w.trim(), tag: 'nz' })),
  };
}

/** Highlighting settings as plain values. */
export interface HighlightSettings {
  enabled: boolean;
  types: Record<EntityType, boolean>;
  /** Most decorations per editor; beyond it only the visible part is decorated and the status bar says so. */
  maxDecorations: number;
  /** Milliseconds to wait after typing before re-analysing. */
  debounceMs: number;
}

/** Reads `policyLens.highlight.*`. */
export function readHighlightSettings(): HighlightSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const types = {} as Record<EntityType, boolean>;
  for (const t of ENTITY_TYPES) types[t] = config.get<boolean>(`highlight.${t}`, true);
  return {
    enabled: config.get<boolean>('highlight.enabled', true),
    types,
    maxDecorations: Math.max(100, config.get<number>('highlight.maxDecorations', 5000)),
    debounceMs: Math.max(0, config.get<number>('analysis.debounceMs', 150)),
  };
}

/** Languages analysed (`policyLens.languages`). */
export function readLanguages(): string[] {
  return vscode.workspace.getConfiguration(SECTION).get<string[]>('languages', ['plaintext', 'markdown']);
}

/** Workspace index settings. */
export interface IndexSettings {
  enabled: boolean;
  include: string;
  exclude: string;
  maxFiles: number;
  maxFileBytes: number;
}

/** Reads `policyLens.index.*`. */
export function readIndexSettings(): IndexSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enabled: config.get<boolean>('index.enabled', true),
    include: config.get<string>('index.include', '**/*.{txt,md}'),
    exclude: config.get<string>('index.exclude', '**/{node_modules,.git,.policy-lens,out,dist}/**'),
    maxFiles: Math.max(1, config.get<number>('index.maxFiles', 5000)),
    maxFileBytes: Math.max(1024, config.get<number>('index.maxFileBytes', 20 * 1024 * 1024)),
  };
}

/** Labels researchers tag with, when the setting is empty or invalid. */
export const DEFAULT_LABELS: LabelDefinition[] = [
  { name: '政策工具', color: '#e8590c', key: '1', description: 'Policy instrument: the means used (subsidy, regulation, pilot, campaign …)' },
  { name: '目标', color: '#2f9e44', key: '2', description: 'Goal or target the text sets' },
  { name: '措施', color: '#1c7ed6', key: '3', description: 'Concrete measure or action taken' },
  { name: '成效', color: '#ae3ec9', key: '4', description: 'Result or achievement reported' },
  { name: '问题', color: '#e03131', key: '5', description: 'Problem, shortcoming or risk named' },
];

/** Reads `policyLens.tags.labels` (falls back to the defaults), validated. */
export function readLabels(): LabelDefinition[] {
  const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('tags.labels');
  if (!Array.isArray(raw) || raw.length === 0) return DEFAULT_LABELS;
  const out: LabelDefinition[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const { name, color, key, description } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) continue;
    out.push({
      name: name.trim(),
      color: typeof color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#868e96',
      ...(typeof key === 'string' && key.length === 1 ? { key } : {}),
      ...(typeof description === 'string' ? { description } : {}),
    });
  }
  return out.length ? out : DEFAULT_LABELS;
}

/** Whether exports include the automatic entities: `policyLens.export.withEntities` ('ask' when unset or invalid). */
export function readExportWithEntities(): 'ask' | 'never' | 'always' {
  const v = vscode.workspace.getConfiguration(SECTION).get<string>('export.withEntities', 'ask');
  return v === 'never' || v === 'always' ? v : 'ask';
}

/** `policyLens.tags.showLabels`: each tag's label shown at its start. */
export function readShowLabels(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('tags.showLabels', true);
}
