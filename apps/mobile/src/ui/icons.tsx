import { View } from 'react-native';
import Svg, { Circle, Path } from 'react-native-svg';

export type IconName = 'home' | 'discover' | 'plan' | 'execute' | 'optimize' | 'settings' | 'chat';

// Drawn on a 24-unit grid with strokes, so one component serves every size and colour.
const PATHS: Record<IconName, string[]> = {
  home: ['M3 11l9-7 9 7', 'M5 10v10h14V10', 'M10 20v-6h4v6'],
  discover: ['M21 21l-5-5'],
  plan: ['M4 5h16', 'M4 12h10', 'M4 19h7', 'M17 15l3 3-3 3'],
  execute: ['M4 12l5 5L20 6'],
  optimize: ['M4 19V5', 'M4 19h16', 'M7 15l4-4 3 3 5-6'],
  settings: [
    'M12 3v3',
    'M12 18v3',
    'M3 12h3',
    'M18 12h3',
    'M5.6 5.6l2.1 2.1',
    'M16.3 16.3l2.1 2.1',
    'M5.6 18.4l2.1-2.1',
    'M16.3 7.7l2.1-2.1',
  ],
  chat: ['M4 5h16v11H9l-5 4z'],
};

/** A decorative icon: the control that holds it carries the accessible name. */
export function Icon({ name, color, size = 24 }: { name: IconName; color: string; size?: number }) {
  return (
    // Hidden on a View: react-native-svg would hand the prop to the DOM as an unknown attribute.
    <View aria-hidden>
      <Svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke={color}
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {name === 'discover' ? <Circle cx={10.5} cy={10.5} r={6.5} /> : null}
        {name === 'settings' ? <Circle cx={12} cy={12} r={3.5} /> : null}
        {PATHS[name].map((d) => (
          <Path key={d} d={d} />
        ))}
      </Svg>
    </View>
  );
}
