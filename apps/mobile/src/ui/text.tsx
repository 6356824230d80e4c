import { Text as RNText, type TextProps as RNTextProps, type TextStyle } from 'react-native';
import { type TypeVariant, typeScale } from '../theme/tokens';
import { useTheme } from '../theme/use-theme';

export interface TextProps extends RNTextProps {
  variant?: TypeVariant;
  tone?: 'default' | 'muted' | 'primary' | 'danger' | 'success' | 'warning' | 'onPrimary';
}

/** All text goes through here: theme colours, the type scale, and system font scaling. */
export function Text({ variant = 'body', tone = 'default', style, ...rest }: TextProps) {
  const { colors } = useTheme();
  const color = tone === 'default' ? colors.text : colors[tone];
  const headingRole =
    variant === 'title' || variant === 'heading' ? { accessibilityRole: 'header' as const } : {};
  return (
    <RNText
      {...headingRole}
      {...rest}
      style={[typeScale[variant] as TextStyle, { color }, style]}
    />
  );
}
