import { type ChartBox, linePath, scalePoints, xOf, yOf } from '../chart-scale';

const box: ChartBox = { width: 240, height: 140, left: 30, right: 10, top: 10, bottom: 30 };
// Plot area: x from 30 to 230 (200 wide), y from 10 (score 100) to 110 (score 0).

describe('line chart scaling', () => {
  it('maps 0–100 onto the plot height, top is 100', () => {
    expect(yOf(100, box)).toBe(10);
    expect(yOf(0, box)).toBe(110);
    expect(yOf(25, box)).toBe(85);
    expect(yOf(140, box)).toBe(10);
    expect(yOf(-5, box)).toBe(110);
  });

  it('spaces points evenly from the left edge to the right edge; one point sits centred', () => {
    expect([0, 1, 2].map((i) => xOf(i, 3, box))).toEqual([30, 130, 230]);
    expect(xOf(0, 1, box)).toBe(130);
  });

  it('skips missing scores but keeps the others in their place', () => {
    const points = scalePoints([50, null, 100], box);
    expect(points).toEqual([
      { x: 30, y: 60, value: 50, index: 0 },
      { x: 230, y: 10, value: 100, index: 2 },
    ]);
    expect(linePath(points)).toBe('M30.0 60.0 L230.0 10.0');
  });
});
