import { render, screen } from '@testing-library/react-native';
import { ERROR_MESSAGES } from '../../../lib/error-messages';
import type { Bubble } from '../chat-reducer';
import { MessageBubble } from '../message-bubble';

const bubble = (over: Partial<Bubble>): Bubble => ({
  key: 'k1',
  id: '00000000-0000-4000-8000-000000000002',
  role: 'user',
  content: 'hello?',
  status: 'sent',
  interrupted: false,
  error: null,
  after: null,
  ...over,
});

describe('a message bubble', () => {
  it('says in words that no reply came when the turn ended in an error', () => {
    render(<MessageBubble bubble={bubble({ error: 'SERVICE_UNAVAILABLE' })} onRetry={jest.fn()} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`No reply came. ${ERROR_MESSAGES.SERVICE_UNAVAILABLE}`);
    expect(screen.queryByText(/SERVICE_UNAVAILABLE/)).toBeNull();
    // The message itself was stored: it is not offered for sending again.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows nothing of the kind for a message that got its reply', () => {
    render(<MessageBubble bubble={bubble({})} onRetry={jest.fn()} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
