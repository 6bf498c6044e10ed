// Reads Policy Lens settings and hands them to the core as plain values.
import * as vscode from 'vscode';
import type { EngineOptions } from '../core/engine';
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
