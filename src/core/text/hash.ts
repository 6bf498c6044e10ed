// The one text hash of the project: sidecars and exports record it to tell
// whether offsets refer to the text at hand.
import { createHash } from 'node:crypto';

/** SHA-256 (hex) of the text's UTF-8 bytes. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
