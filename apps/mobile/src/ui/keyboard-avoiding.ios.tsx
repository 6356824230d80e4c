import { KeyboardAvoidingView, type ViewProps } from 'react-native';

/** iOS overlays the keyboard: pad the content so the focused field stays visible. */
export function KeyboardAvoiding(props: ViewProps) {
  return <KeyboardAvoidingView behavior="padding" {...props} />;
}
