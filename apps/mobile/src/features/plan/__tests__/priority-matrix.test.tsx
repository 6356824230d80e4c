import type { PriorityMatrix } from '@quento/contracts';
import { fireEvent, render, within } from '@testing-library/react-native';
import { matrixLayout } from '../matrix-layout';
import { PriorityMatrixView } from '../priority-matrix';

const entry = (
  id: string,
  impact: 'low' | 'medium' | 'high',
  effort: 'low' | 'medium' | 'high',
  priority: 'critical' | 'high' | 'medium' | 'low' = 'medium',
) => ({
  recommendation_id: id,
  title: `Title ${id}`,
  category: 'seo' as const,
  impact,
  effort,
  priority,
  source: 'audit' as const,
});

const matrix: PriorityMatrix = {
  quick_wins: [
    entry('descriptions', 'high', 'low', 'high'),
    entry('titles', 'high', 'low', 'critical'),
  ],
  major_projects: [entry('content', 'high', 'high')],
  fill_ins: [entry('alt', 'low', 'low')],
  thankless_tasks: [],
};

describe('priority matrix', () => {
  it('lays the quadrants out impact up, effort right, entries by priority', () => {
    const cells = matrixLayout(matrix);
    expect(cells.map((c) => [c.quadrant, c.row, c.col])).toEqual([
      ['quick_wins', 0, 0],
      ['major_projects', 0, 1],
      ['fill_ins', 1, 0],
      ['thankless_tasks', 1, 1],
    ]);
    expect(cells[0]!.entries.map((e) => e.recommendation_id)).toEqual(['titles', 'descriptions']);
  });

  it('draws each entry inside its quadrant, named in words, and opens it', () => {
    const opened: string[] = [];
    const screen = render(<PriorityMatrixView matrix={matrix} onOpen={(id) => opened.push(id)} />);
    const quick = within(screen.getByTestId('quadrant-quick_wins'));
    expect(quick.getByText('Quick wins')).toBeTruthy();
    expect(quick.getByLabelText('Title titles, in Quick wins')).toBeTruthy();
    expect(quick.queryByLabelText('Title content, in Major projects')).toBeNull();
    const major = within(screen.getByTestId('quadrant-major_projects'));
    expect(major.getByLabelText('Title content, in Major projects')).toBeTruthy();
    expect(within(screen.getByTestId('quadrant-fill_ins')).getByText('Fill-ins')).toBeTruthy();
    const thankless = within(screen.getByTestId('quadrant-thankless_tasks'));
    expect(thankless.getByText('Thankless tasks')).toBeTruthy();
    expect(thankless.getByText('Nothing here.')).toBeTruthy();
    expect(screen.queryByText(/quick_wins|thankless_tasks/)).toBeNull();
    fireEvent.press(major.getByLabelText('Title content, in Major projects'));
    expect(opened).toEqual(['content']);
  });
});
