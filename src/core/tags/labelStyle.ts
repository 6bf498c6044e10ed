// How a label is drawn beside its tag: the label's colour as the chip's
// background and a text colour that stays readable on it (in light and
// dark themes alike, since the chip brings its own background).

/** `#rrggbb` of a `#rgb`, `#rrggbb` or `#rrggbbaa` colour (alpha dropped); undefined when it is none of those. */
export function solidColor(color: string): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1];
  if (hex.length === 3) return `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}`.toLowerCase();
  return `#${hex.slice(0, 6)}`.toLowerCase();
}

/** WCAG relative luminance of `#rrggbb` (0 black … 1 white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (`#rrggbb`). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The chip of a label: its text, background and text colour. */
export interface LabelChip {
  text: string;
  background: string;
  color: string;
}

/** The chip shown at a tag's start; the label's own colour, else `fallback`. */
export function labelChip(label: string, color: string | undefined, fallback: string): LabelChip {
  const background = (color && solidColor(color)) ?? solidColor(fallback) ?? '#495057';
  return { text: label, background, color: textColorOn(background) };
}
