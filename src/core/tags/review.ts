// A team's review workflow per document: its status (new → in progress →
// done → curated, stored in the document's sidecar) and the queue of
// documents still to annotate. Pure; the editor's review commands
// (src/vscode/review.ts) read the statuses from the sidecars.
import { REVIEW_STATUSES, type ReviewStatus } from './types';

/** Whether a document with this status is still to annotate (new or in progress). */
export function inQueue(status: ReviewStatus): boolean {
  return status === 'new' || status === 'in-progress';
}

/** Orders '/'-separated relative paths as the queue does: by their code units, folder by folder (a/b before a-b/c). */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) {
      // a folder's contents come where the folder's name does
      return pa[i] < pb[i] ? -1 : 1;
    }
  }
  return pa.length - pb.length;
}

/**
 * The next document to annotate: the first in path order whose status is
 * new or in progress, after `current` (the document open now) and wrapping
 * around; `current` itself only when it is the only one left. Undefined when
 * every document is done or curated.
 */
export function nextDocument(documents: readonly { path: string; status: ReviewStatus }[], current?: string): string | undefined {
  const queue = documents.filter((d) => inQueue(d.status)).map((d) => d.path).sort(comparePaths);
  if (queue.length === 0) return undefined;
  if (current === undefined) return queue[0];
  const after = queue.find((p) => comparePaths(p, current) > 0);
  return after ?? queue.find((p) => p !== current) ?? queue[0];
}

/** A review status from a string (command arguments, settings), or undefined. */
export function reviewStatusOf(value: unknown): ReviewStatus | undefined {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value) ? (value as ReviewStatus) : undefined;
}

/** How many documents have each status. */
export function reviewCounts(statuses: readonly ReviewStatus[]): Record<ReviewStatus, number> {
  const out = { new: 0, 'in-progress': 0, done: 0, curated: 0 } as Record<ReviewStatus, number>;
  for (const s of statuses) out[s]++;
  return out;
}
