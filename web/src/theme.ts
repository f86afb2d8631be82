import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Calm, high-contrast defaults: primary shade 8 keeps white-on-primary text above 4.5:1.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Anchor: { defaultProps: { underline: 'hover' } },
    // Light alerts tint the background; their titles in the tint colour fall below AA contrast, so titles
    // stay near-black (the tint, border and icon carry the colour).
    Alert: { styles: { title: { color: 'var(--mantine-color-gray-9)' } } },
  },
});

// Mantine's default dimmed grey falls below WCAG AA contrast on white.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field error text (Mantine's red-8 by default) is below AA on white; red-9 keeps 5:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
