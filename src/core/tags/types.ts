// Researchers' tags: the data model shared by the tag engine (tags.ts), the
// sidecar files, the interchange formats and the editor adapter.
// Inside the extension offsets are UTF-16 (like Entity); sidecars and
// exports store code points (converted by the serialisers).
import type { EntityType } from '../types';

/** The text a tag covers with some context, to find it again after outside changes (W3C TextQuoteSelector). */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Where a tag came from. */
export type TagSource = 'manual' | 'confirmed' | 'imported';

/** One manual annotation on a document. */
export interface Tag {
  /** Stable id, unique within the document ("t" + base36 time + counter). */
  id: string;
  /** A label from the label set (政策工具, 目标 …) or an entity type (department, place …). */
  label: string;
  /** UTF-16 offsets into the document (start inclusive, end exclusive); meaningless while orphaned. */
  start: number;
  end: number;
  quote: QuoteSelector;
  note?: string;
  source: TagSource;
  /** For a confirmed entity: its recognised attributes at confirmation. */
  entity?: { type: EntityType; canonical?: string; parent?: string; value?: number; unit?: string; approx?: string };
  /** Set when the tagged text was deleted or cannot be found after an outside change; the tag is kept and listed. */
  orphan?: boolean;
  /** Who made the tag (setting `policyLens.annotator`, default the git user name); absent on tags of older sidecars. */
  annotator?: string;
  /** Values of the codebook's attributes of its label (attribute name → value). */
  attributes?: Record<string, string>;
  /** ISO timestamps. */
  created: string;
  modified?: string;
}

/** Where a document is in a team's review: not started, being annotated, annotated, adjudicated. */
export type ReviewStatus = 'new' | 'in-progress' | 'done' | 'curated';

/** The review statuses, in workflow order. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['new', 'in-progress', 'done', 'curated'];

/** A document's review state as its sidecar stores it. */
export interface ReviewState {
  status: ReviewStatus;
  /** ISO timestamp of the last change. */
  updated?: string;
  /** Who set it. */
  by?: string;
}

/** An automatic entity the researcher rejected: hidden while the same text stays at the same place. */
export interface RejectedEntity {
  type: EntityType;
  start: number;
  end: number;
  quote: QuoteSelector;
}

/** Everything stored for one document (the sidecar's content, offsets UTF-16 in memory). */
export interface DocumentTags {
  /** The document's path relative to the workspace root, '/'-separated. */
  document: string;
  /** SHA-256 of the document text the offsets refer to. */
  sha256: string;
  tags: Tag[];
  rejected: RejectedEntity[];
  /** The document's review status (absent: new). */
  review?: ReviewState;
  /** Relations between tags and automatic entities (relations.ts); absent or empty when there are none. */
  relations?: Relation[];
}

/** One end of a relation: a tag by its id, or an automatic entity by span, type and quote (like RejectedEntity, re-anchored after edits). */
export type RelationEnd = { tag: string } | { entity: RejectedEntity };

/** A directed, typed link between two tags or entities (department → task, lead, support, cites, amends, or a codebook type). */
export interface Relation {
  /** Stable id, unique within the document ("r" + base36 time + counter). */
  id: string;
  type: string;
  from: RelationEnd;
  to: RelationEnd;
  note?: string;
  created: string;
}

/** A label researchers tag with. */
export interface LabelDefinition {
  /** What tags store: the name, or for a label of a codebook below the top its path (政策工具/供给型). */
  name: string;
  /** CSS colour (#rrggbb or #rrggbbaa). */
  color: string;
  /** Optional single key used in the label picker. */
  key?: string;
  description?: string;
  /** From a codebook: how deep the label is in the hierarchy (0 at the top; `name` is then its path, 政策工具/供给型). */
  depth?: number;
  /** From a codebook: the attributes asked for when tagging with this label. */
  attributes?: AttributeDefinition[];
}

/** An attribute of a label in the codebook: a choice among values, or free text. */
export interface AttributeDefinition {
  name: string;
  description?: string;
  /** The allowed values; absent: free text. */
  values?: string[];
  /** Whether a tag with this label must have it. */
  required?: boolean;
  default?: string;
}
