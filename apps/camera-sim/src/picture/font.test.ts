import { describe, expect, it } from 'vitest';
import { drawText, glyph, GLYPH_H, textSize, type Plane } from './font.js';

const plane = (w: number, h: number): Plane => ({ data: new Uint8Array(w * h), stride: w, width: w, height: h });

function render(p: Plane): string[] {
  const rows: string[] = [];
  for (let y = 0; y < p.height; y++) {
    let row = '';
    for (let x = 0; x < p.width; x++) row += p.data[y * p.stride + x] ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

describe('bitmap font', () => {
  it('draws a glyph pixel for pixel', () => {
    const p = plane(5, 7);
    drawText(p, '1', 0, 0, 1, 255);
    expect(render(p)).toEqual(['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.']);
  });

  it('scales each pixel into a square', () => {
    const p = plane(10, 14);
    drawText(p, '-', 0, 0, 2, 255);
    expect(render(p)[6]).toBe('##########');
    expect(render(p)[5]).toBe('..........');
  });

  it.each([
    ['', 1, 0],
    ['A', 1, 5],
    ['AB', 1, 11],
    ['AB', 3, 33],
  ])('measures %j at scale %i as %i wide', (text, scale, width) => {
    expect(textSize(text, scale)).toEqual({ width, height: GLYPH_H * scale });
  });

  it('draws lower case as capitals and unknown characters as a box', () => {
    expect(glyph('a')).toEqual(glyph('A'));
    expect(glyph('€').every((row) => row === 0x1f)).toBe(true);
  });

  it('has every character the clock and default names use', () => {
    for (const ch of '0123456789-:. CAMERLOP') expect(glyph(ch).some((r) => r !== 0x1f) || ch === ' ').toBe(true);
  });

  it('clips at the plane edges instead of writing outside it', () => {
    const p = plane(4, 4);
    drawText(p, 'W', -2, -3, 1, 255);
    expect(p.data.length).toBe(16);
    expect(render(p).join('')).toMatch(/#/);
  });
});
