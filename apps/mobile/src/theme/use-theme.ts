import { useColorScheme } from 'react-native';
import { usePreferences } from '../stores/preferences-store';
import { type Palette, palettes, radius, spacing } from './tokens';

export interface Theme {
  dark: boolean;
  colors: Palette;
  spacing: typeof spacing;
  radius: typeof radius;
}

/** The owner's choice of theme, or the system's when they left it on "system". */
export function useTheme(): Theme {
  const system = useColorScheme();
  const choice = usePreferences((s) => s.theme);
  const dark = choice === 'dark' || (choice === 'system' && system === 'dark');
  return { dark, colors: dark ? palettes.dark : palettes.light, spacing, radius };
}
