import type { AnalysisScreenshot } from '@quento/contracts';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { HomepageScreenshot } from '../homepage-screenshot';

const later = new Date(Date.now() + 15 * 60_000).toISOString();
const shot: AnalysisScreenshot = {
  url: 'http://localhost:8000/api/v1/files/users/u/analyses/a/homepage.jpg?signature=s',
  expires_at: later,
  content_type: 'image/jpeg',
  width: 1280,
  height: 800,
  page_url: 'https://rise.example/',
};
const label = 'Screenshot of the home page rise.example, as a visitor first sees it';

describe('HomepageScreenshot', () => {
  it('shows the home page’s first screen from its link, with a label for screen readers', () => {
    render(<HomepageScreenshot screenshot={shot} />);
    const image = screen.getByLabelText(label);
    expect(image.props.source).toEqual({ uri: shot.url });
    expect(screen.getByText('What visitors see first')).toBeTruthy();
  });

  it('shows nothing without a screenshot, with an expired link, or when the picture fails', () => {
    const { rerender } = render(<HomepageScreenshot screenshot={null} />);
    expect(screen.queryByLabelText(label)).toBeNull();
    rerender(
      <HomepageScreenshot screenshot={{ ...shot, expires_at: '2020-01-01T00:00:00.000Z' }} />,
    );
    expect(screen.queryByLabelText(label)).toBeNull();
    rerender(<HomepageScreenshot screenshot={shot} />);
    fireEvent(screen.getByLabelText(label), 'error');
    expect(screen.queryByLabelText(label)).toBeNull();
  });
});
