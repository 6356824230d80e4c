export { Button } from './button';
export { Card } from './card';
export { LinkButton } from './link-button';
export { OfflineBanner } from './offline-banner';
export { ProgressBar } from './progress-bar';
export { Screen } from './screen';
export { EmptyState, ErrorState, LoadingState } from './states';
export { Text } from './text';
export { TextField } from './text-field';
