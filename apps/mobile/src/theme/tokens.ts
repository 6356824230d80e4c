/** Colours chosen for at least 4.5:1 contrast of text on its background in both themes. */
export const palettes = {
  light: {
    background: '#f4f6f8',
    surface: '#ffffff',
    surfaceAlt: '#eef2f6',
    text: '#0f172a',
    muted: '#475569',
    border: '#cbd5e1',
    primary: '#0f766e',
    onPrimary: '#ffffff',
    danger: '#b91c1c',
    success: '#15803d',
    warning: '#a16207',
    info: '#1d4ed8',
    overlay: 'rgba(15, 23, 42, 0.45)',
    rings: ['#0f766e', '#1d4ed8', '#7c3aed', '#c2410c', '#15803d'],
  },
  dark: {
    background: '#0b1220',
    surface: '#131c2e',
    surfaceAlt: '#1b263b',
    text: '#e5e9f0',
    muted: '#a6b3c7',
    border: '#33415a',
    primary: '#2dd4bf',
    onPrimary: '#042f2e',
    danger: '#fca5a5',
    success: '#86efac',
    warning: '#fcd34d',
    info: '#93c5fd',
    overlay: 'rgba(0, 0, 0, 0.6)',
    rings: ['#2dd4bf', '#93c5fd', '#c4b5fd', '#fdba74', '#86efac'],
  },
} as const;

export type Palette = {
  [K in keyof (typeof palettes)['light']]: (typeof palettes)['light'][K] extends readonly string[]
    ? readonly string[]
    : string;
};

export const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32 } as const;
export const radius = { sm: 6, md: 10, lg: 16, pill: 999 } as const;

/** Sizes in points; React Native scales them with the system font size. */
export const typeScale = {
  title: { fontSize: 26, lineHeight: 32, fontWeight: '700' },
  heading: { fontSize: 19, lineHeight: 25, fontWeight: '700' },
  subheading: { fontSize: 16, lineHeight: 22, fontWeight: '600' },
  body: { fontSize: 15, lineHeight: 22, fontWeight: '400' },
  caption: { fontSize: 13, lineHeight: 18, fontWeight: '400' },
  label: { fontSize: 14, lineHeight: 20, fontWeight: '600' },
} as const;
export type TypeVariant = keyof typeof typeScale;
