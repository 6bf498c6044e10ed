// Undo and redo of tagging actions, by snapshots of the tag state that follow
// the text edits made since they were taken.
import type { RejectedEntity, Tag, DocumentTags } from './types';
import type { TextEdit } from '../text/diff';
import { checkEdit, applyEdits, applyEditsToRejected } from './edits';

/** The tagging state of a document that the undo history stores. */
export interface TagState {
  tags: readonly Tag[];
  rejected: readonly RejectedEntity[];
}

/**
 * Undo/redo of tagging actions (add, remove, relabel, note, reject …) by
 * snapshots of the tag state (a DocumentTags by default; any object with
 * `tags` and `rejected`) taken before each action. Text edits made since
 * a snapshot are logged (`applyEdits`) and replayed onto it when it is
 * restored, so an undone action lands on the current text. Bounded depth;
 * recording clears the redo stack. Call clear() after a change made outside
 * the editor (the logged offsets no longer apply).
 */
export class TagHistory<T extends TagState = DocumentTags> {
  private readonly undoStack: { state: T; at: number }[] = [];
  private readonly redoStack: { state: T; at: number }[] = [];
  /** log[k] is edit number logBase + k. */
  private log: TextEdit[] = [];
  private logBase = 0;

  /** A history keeping at most `depth` undo steps. */
  constructor(readonly depth = 100) {}

  private get seq(): number {
    return this.logBase + this.log.length;
  }

  /** Records the state BEFORE a tagging action (deep-copied). */
  record(before: T): void {
    this.undoStack.push({ state: clone(before), at: this.seq });
    if (this.undoStack.length > this.depth) this.undoStack.splice(0, this.undoStack.length - this.depth);
    this.redoStack.length = 0;
    this.trim();
  }

  /** Logs a text edit so that stored states follow the text (same order as applyEdits). */
  applyEdit(edit: TextEdit): void {
    checkEdit(edit);
    if (this.undoStack.length > 0 || this.redoStack.length > 0) this.log.push(edit);
  }

  /** Logs a batch of text edits (see applyEdits). */
  applyEdits(edits: readonly TextEdit[]): void {
    for (const e of edits) this.applyEdit(e);
  }

  /** Whether there is an action to undo. */
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Whether there is an undone action to redo. */
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The state to restore to undo the last action (brought up to date with the text), or undefined; `current` becomes redoable. */
  undo(current?: T): T | undefined {
    const entry = this.undoStack.pop();
    if (!entry) return undefined;
    if (current) this.redoStack.push({ state: clone(current), at: this.seq });
    const state = this.replay(entry);
    this.trim();
    return state;
  }

  /** The state to restore to redo the last undone action, or undefined; `current` becomes undoable again. */
  redo(current?: T): T | undefined {
    const entry = this.redoStack.pop();
    if (!entry) return undefined;
    if (current) this.undoStack.push({ state: clone(current), at: this.seq });
    const state = this.replay(entry);
    this.trim();
    return state;
  }

  /** Forgets everything. */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.logBase += this.log.length;
    this.log = [];
  }

  private replay(entry: { state: T; at: number }): T {
    const edits = this.log.slice(entry.at - this.logBase);
    if (edits.length === 0) return entry.state;
    return { ...entry.state, tags: applyEdits(entry.state.tags, edits), rejected: applyEditsToRejected(entry.state.rejected, edits) };
  }

  private trim(): void {
    let min = this.seq;
    for (const e of this.undoStack) min = Math.min(min, e.at);
    for (const e of this.redoStack) min = Math.min(min, e.at);
    if (min > this.logBase) {
      this.log = this.log.slice(min - this.logBase);
      this.logBase = min;
    }
  }
}

function clone<T>(state: T): T {
  return structuredClone(state);
}
