import { View, type ViewProps } from 'react-native';

/** Android and the web resize the window for the keyboard themselves. */
export function KeyboardAvoiding(props: ViewProps) {
  return <View {...props} />;
}
