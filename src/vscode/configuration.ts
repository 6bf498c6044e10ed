// Reads Policy Lens settings and hands them to the core as plain values.
import * as vscode from 'vscode';
import type { EngineOptions } from '../core/engine';

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
