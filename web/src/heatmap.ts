/**
 * A V×V heatmap in SVG, keyboard operable: the grid is one tab stop, the arrow keys (and Home,
 * End) move between cells, and hovering or focusing a cell calls `onInspect(i, j)`. Each cell
 * may carry two lines of text (the bigram and its count, as in the lecture's figure); the text
 * colour is chosen from the fill's lightness so it stays readable on every shade.
 */
import { s } from './dom.js';

/** What to draw in one cell. */
export interface CellView {
  /** Fill colour, `#rrggbb`. */
  fill: string;
  /** Text lines (none for a plain colour map). */
  lines?: string[];
  /** Accessible description of the cell. */
  label: string;
}

/** Options of {@link Heatmap}. */
export interface HeatmapOptions {
  /** Side of a cell in SVG units. */
  cell: number;
  /** Accessible name of the grid. */
  label: string;
  /** Called when a cell is hovered or focused. */
  onInspect: (i: number, j: number) => void;
  /** Leave room for row/column symbols along the top and left (given to `draw`). */
  axes?: boolean;
}

/** Black or white text, whichever reads better on `fill` (relative luminance threshold). */
export function textColorOn(fill: string): string {
  const n = parseInt(fill.slice(1), 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const L = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return L > 0.22 ? '#111' : '#fff';
}

/** A heatmap bound to an `<svg>` element; call {@link Heatmap.draw} to (re)draw it. */
export class Heatmap {
  readonly svg: SVGSVGElement;
  private size = 0;
  private cells: SVGGElement[] = [];
  private active = 0;
  private readonly margin: number;
  private axes: readonly string[] | undefined;

  constructor(private readonly opts: HeatmapOptions) {
    this.margin = opts.axes ? opts.cell * 0.7 : 0;
    this.svg = s('svg', { class: 'heatmap', role: 'grid', 'aria-label': opts.label });
    this.svg.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Draw `size`×`size` cells; `view(i, j)` says how. Rebuilds the cells when the size changes. */
  draw(size: number, view: (i: number, j: number) => CellView, axes?: readonly string[]): void {
    const c = this.opts.cell;
    if (size !== this.size || axes !== this.axes) this.build(size, axes);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const g = this.cells[i * size + j];
        const v = view(i, j);
        const rect = g.firstChild as SVGRectElement;
        rect.setAttribute('fill', v.fill);
        g.setAttribute('aria-label', v.label);
        const texts = g.querySelectorAll('text');
        const lines = v.lines ?? [];
        if (texts.length !== lines.length) {
          texts.forEach((t) => t.remove());
          lines.forEach((_, k) => g.append(s('text', {
            x: this.margin + j * c + c / 2, y: this.margin + i * c + c * (lines.length === 1 ? 0.62 : k === 0 ? 0.42 : 0.8),
            'text-anchor': 'middle', class: k === 0 ? 'cell-main' : 'cell-sub', 'aria-hidden': 'true',
          })));
        }
        const color = textColorOn(v.fill);
        g.querySelectorAll('text').forEach((t, k) => {
          t.textContent = lines[k];
          t.setAttribute('fill', color);
        });
      }
    }
  }

  /** The `<g>` of cell (i, j). */
  cellAt(i: number, j: number): SVGGElement {
    return this.cells[i * this.size + j];
  }

  private build(size: number, axes?: readonly string[]): void {
    const c = this.opts.cell;
    const m = this.margin;
    this.size = size;
    this.axes = axes;
    this.svg.replaceChildren();
    const side = m + size * c;
    this.svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
    if (axes && m > 0) {
      axes.forEach((a, k) => {
        this.svg.append(s('text', { x: m + k * c + c / 2, y: m * 0.75, 'text-anchor': 'middle', class: 'axis', 'aria-hidden': 'true' }, a));
        this.svg.append(s('text', { x: m * 0.5, y: m + k * c + c * 0.62, 'text-anchor': 'middle', class: 'axis', 'aria-hidden': 'true' }, a));
      });
    }
    this.cells = [];
    for (let i = 0; i < size; i++) {
      const row = s('g', { role: 'row' });
      for (let j = 0; j < size; j++) {
        const g = s('g', { role: 'gridcell', tabindex: i === 0 && j === 0 ? 0 : -1, class: 'cell', 'data-i': i, 'data-j': j });
        g.append(s('rect', { x: m + j * c, y: m + i * c, width: c, height: c }));
        g.addEventListener('mouseenter', () => this.opts.onInspect(i, j));
        g.addEventListener('focus', () => {
          this.active = i * size + j;
          this.opts.onInspect(i, j);
        });
        g.addEventListener('click', () => g.focus());
        row.append(g);
        this.cells.push(g);
      }
      this.svg.append(row);
    }
    this.active = 0;
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.size;
    if (n === 0) return;
    let i = Math.floor(this.active / n);
    let j = this.active % n;
    switch (e.key) {
      case 'ArrowUp': i = Math.max(0, i - 1); break;
      case 'ArrowDown': i = Math.min(n - 1, i + 1); break;
      case 'ArrowLeft': j = Math.max(0, j - 1); break;
      case 'ArrowRight': j = Math.min(n - 1, j + 1); break;
      case 'Home': j = 0; break;
      case 'End': j = n - 1; break;
      default: return;
    }
    e.preventDefault();
    this.cells[this.active].setAttribute('tabindex', '-1');
    const next = this.cells[i * n + j];
    next.setAttribute('tabindex', '0');
    next.focus();
  }
}

/** Diverging colour for a weight: blue for negative, white at 0, red for positive; `t` in [-1, 1]. */
export function divergingColor(t: number): string {
  const x = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const [r, g, b] = x >= 0 ? [178, 24, 43] : [33, 102, 172];
  const a = Math.abs(x);
  const mix = (c: number) => Math.round(255 + (c - 255) * a).toString(16).padStart(2, '0');
  return `#${mix(r)}${mix(g)}${mix(b)}`;
}
