import { type CSSVariablesResolver, createTheme, DEFAULT_THEME } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
  components: {
    // Links inside running text must not rely on colour alone (WCAG 1.4.1): underline them.
    Anchor: { defaultProps: { underline: 'always' } },
    // Every icon-only close button (dialogs, alerts, pills) needs a name.
    CloseButton: { defaultProps: { 'aria-label': 'Close' } },
    // A dialog's <header> is no second page banner landmark.
    Modal: {
      defaultProps: {
        closeButtonProps: { 'aria-label': 'Close dialog' },
        attributes: { header: { role: 'none' } },
      },
    },
  },
});

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` mixed with black, a step at a time, until it reaches `ratio` against `background`. */
export function darkenFor(hex: string, background: string, ratio = 5): string {
  let [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let out = hex;
  for (let step = 0; step < 40 && contrast(out, background) < ratio; step++) {
    [r, g, b] = [r, g, b].map((c) => Math.round(c * 0.95)) as [number, number, number];
    out = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  }
  return out;
}

/**
 * Mantine's default palette does not meet WCAG AA (4.5:1) for small text everywhere: white on a
 * filled indigo, teal, orange or yellow badge or button; light badges and buttons (shade 9 on
 * shade 1, shade 2 on hover) in teal, orange, yellow and indigo; anchors in indigo-6. For the light scheme each colour's filled, outline, text
 * and light-variant text colours are darkened just enough to reach 5:1, a margin for the grey
 * table stripes (hues that already passed stay as they were).
 */
function accessibleColors(): Record<string, string> {
  const white = '#ffffff';
  const vars: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'dark') continue;
    const filled = darkenFor(shades[6], white);
    const hover = darkenFor(shades[7], white, 5.5);
    const lightColor = darkenFor(shades[9], shades[2]); // on the light-hover background too
    vars[`--mantine-color-${name}-filled`] = filled;
    vars[`--mantine-color-${name}-filled-hover`] =
      contrast(hover, white) > contrast(filled, white) ? hover : filled;
    vars[`--mantine-color-${name}-outline`] = filled;
    vars[`--mantine-color-${name}-text`] = filled;
    vars[`--mantine-color-${name}-light-color`] = lightColor;
  }
  return vars;
}

/**
 * Secondary text (`c="dimmed"`) is everywhere in the console: Mantine's default gray-6 on white is
 * about 3.3:1, below WCAG AA for small text; gray-7 is about 7.5:1. Anchors and error text use the
 * darkened shades too.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...accessibleColors(),
    '--mantine-color-anchor': 'var(--mantine-color-indigo-filled)',
    '--mantine-color-error': 'var(--mantine-color-red-filled)',
  },
  dark: {},
});
