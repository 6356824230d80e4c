import type { Finding } from '@quento/contracts';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { FindingsList } from '../findings-list';

const MENU = 'https://rise.example/menu';

const findings: Finding[] = [
  {
    audit_id: 'link-text',
    title: 'Links do not have descriptive text',
    category: 'seo',
    severity: 'medium',
    explanation: 'Link text like "click here" tells nobody where a link goes.',
    fix: 'Say what is behind the link.',
    pages: [MENU],
    items: [
      { page: MENU, href: 'https://rise.example/a', text: 'click here', textLang: null },
      { page: MENU, href: 'https://rise.example/b', text: 'click here', textLang: null },
    ],
    score: 0.5,
  },
  {
    audit_id: 'document-title',
    title: 'Document does not have a `<title>` element',
    category: 'seo',
    severity: 'high',
    explanation: 'Titles are the headline of a search result.',
    fix: 'Give the page a title.',
    pages: [MENU],
    items: [{ page: MENU, title: '' }],
    score: 0.5,
  },
];

describe('FindingsList', () => {
  it('lists what was found in sentences, never raw keys or code marks', () => {
    render(<FindingsList findings={findings} />);
    expect(screen.getByText('Document does not have a <title> element')).toBeTruthy();
    fireEvent.press(screen.getByRole('button', { name: /^Links do not have descriptive text/ }));
    expect(screen.getByText('• On /menu: 2 links say “click here”.')).toBeTruthy();
    expect(screen.queryByText(/href|textLang|text lang|`/)).toBeNull();
  });
});
