/**
 * The lecture's two pictures as standalone SVG, with no dependencies:
 *
 * - {@link countsFigureSvg}: the 27×27 table of bigram counts, as
 *   `plt.imshow(N, cmap='Blues')` with each cell labelled with its bigram and its count;
 * - {@link lossCurveSvg}: the training loss against the step.
 *
 * Both return the text of an SVG file (open it in a browser, or convert it with
 * `rsvg-convert -o out.png in.svg`).
 */

/** Escape text for use in SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/**
 * Anchor colours of the blues scale, light to dark: matplotlib's 'Blues' (the ColorBrewer
 * 9-class ramp), except that the lightest is pure white so an empty cell is white.
 */
const BLUES: readonly (readonly [number, number, number])[] = [
  [0xff, 0xff, 0xff],
  [0xde, 0xeb, 0xf7],
  [0xc6, 0xdb, 0xef],
  [0x9e, 0xca, 0xe1],
  [0x6b, 0xae, 0xd6],
  [0x42, 0x92, 0xc6],
  [0x21, 0x71, 0xb5],
  [0x08, 0x51, 0x9c],
  [0x08, 0x30, 0x6b],
];

/**
 * A colour of the blues scale: `t = 0` is white, `t = 1` dark blue, in between a linear
 * interpolation between the two nearest anchor colours. `t` is clamped to `[0, 1]`.
 *
 * @returns a `#rrggbb` colour.
 *
 * @example bluesColor(1) // '#08306b', the darkest blue (0 gives white)
 */
export function bluesColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isNaN(t) ? 0 : t)) * (BLUES.length - 1);
  const i = Math.min(Math.floor(x), BLUES.length - 2);
  const f = x - i;
  const [a, b] = [BLUES[i], BLUES[i + 1]];
  const hex = (k: number) => Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** `1.5` → `"1.5"`, `2` → `"2"`: coordinates with at most two decimals. */
function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Options of {@link countsFigureSvg}. */
export interface CountsFigureOptions {
  /** Side of one cell in pixels (default 40: 27 cells make a 1080-pixel square). */
  cellSize?: number;
}

/**
 * The lecture's figure of the bigram counts `N` (N3):
 *
 * ```python
 * plt.figure(figsize=(16,16)); plt.imshow(N, cmap='Blues')
 * for i in range(27):
 *     for j in range(27):
 *         chstr = itos[i] + itos[j]
 *         plt.text(j, i, chstr, ha="center", va="bottom", color='gray')
 *         plt.text(j, i, N[i, j].item(), ha="center", va="top", color='gray')
 * plt.axis('off')
 * ```
 *
 * Row i, column j is the count of the bigram `itos[i] + itos[j]`; its colour goes from white
 * (0) to dark blue (the largest count) in proportion to the count.
 *
 * @param counts - a square matrix of non-negative finite counts, `counts[i][j]`.
 * @param itos - the symbol of each row/column (`itos.length` = size of `counts`).
 * @returns the SVG document.
 * @throws Error when `counts` is empty or not square, does not match `itos`, or holds a
 * negative or non-finite number.
 *
 * @example writeFileSync('counts.svg', countsFigureSvg(N.tolist() as number[][], vocab.itos));
 */
export function countsFigureSvg(counts: readonly (readonly number[])[], itos: readonly string[], options: CountsFigureOptions = {}): string {
  const n = counts.length;
  if (n === 0) throw new Error('countsFigureSvg: the count matrix is empty');
  if (itos.length !== n) {
    throw new Error(`countsFigureSvg: the count matrix has ${n} rows but the vocabulary has ${itos.length} symbols`);
  }
  let max = 0;
  counts.forEach((row, i) => {
    if (row.length !== n) throw new Error(`countsFigureSvg: the count matrix must be ${n}×${n}, but row ${i} has ${row.length} entries`);
    row.forEach((c, j) => {
      if (!Number.isFinite(c) || c < 0) {
        throw new Error(`countsFigureSvg: count [${i}][${j}] is ${c}; counts must be finite and non-negative`);
      }
      max = Math.max(max, c);
    });
  });

  const cell = options.cellSize ?? 40;
  const pad = cell / 4;
  const side = n * cell + 2 * pad;
  const font = Math.round(cell * 0.28 * 10) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(side)}" height="${num(side)}" viewBox="0 0 ${num(side)} ${num(side)}">`,
    `<title>bigram counts (${n}×${n})</title>`,
    `<rect x="0" y="0" width="${num(side)}" height="${num(side)}" fill="#ffffff"/>`,
    `<g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${num(font)}" fill="#7f7f7f" text-anchor="middle">`,
  ];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = counts[i][j];
      const x = pad + j * cell;
      const y = pad + i * cell;
      const cx = x + cell / 2;
      const fill = bluesColor(max === 0 ? 0 : c / max);
      parts.push(
        `<rect x="${num(x)}" y="${num(y)}" width="${num(cell)}" height="${num(cell)}" fill="${fill}"/>`,
        // like va="bottom" / va="top" around the cell centre: the bigram above, the count below
        `<text x="${num(cx)}" y="${num(y + cell / 2 - cell * 0.06)}">${escapeXml(itos[i] + itos[j])}</text>`,
        `<text x="${num(cx)}" y="${num(y + cell / 2 + font * 0.8 + cell * 0.04)}">${c}</text>`,
      );
    }
  }
  parts.push('</g>', '</svg>');
  return parts.join('\n') + '\n';
}

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** The title above the chart (default `"training loss"`). */
  title?: string;
  /** Label of the x axis (default `"step"`). */
  xLabel?: string;
  /** Label of the y axis (default `"loss"`). */
  yLabel?: string;
  /** Width of the image in pixels (default 720). */
  width?: number;
  /** Height of the image in pixels (default 440). */
  height?: number;
}

/**
 * Round numbers for axis ticks covering `[lo, hi]`: a step of 1, 2 or 5 times a power of ten
 * giving about `target` ticks (and at least `minStep`), and the range widened out to whole steps.
 */
export function niceTicks(
  lo: number,
  hi: number,
  target = 6,
  minStep = 0,
): { start: number; stop: number; step: number; ticks: number[] } {
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  if (!(hi - lo > scale * 1e-9 && hi - lo > 1e-290)) {
    // a flat line (or one too flat to tick): show a band around it
    const d = scale > 1e-289 ? scale * 0.1 : 1;
    [lo, hi] = [lo - d, hi + d];
  }
  const rough = (hi - lo) / Math.max(1, target - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(minStep, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  // ticks are whole multiples of the step; rounding may put k·step a hair inside the range,
  // so step k out until the ticks really cover [lo, hi]
  let first = Math.floor(lo / step);
  while (first * step > lo) first--;
  let last = Math.ceil(hi / step);
  while (last * step < hi) last++;
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(k * step);
  return { start: first * step, stop: last * step, step, ticks };
}

/**
 * A tick label with as many decimals as the step needs (`0.3`, not `0.30000000000000004`), in
 * exponent notation when that would be more than 6 decimals or the numbers are huge.
 */
function tickLabel(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  if (decimals <= 6 && Math.abs(value) < 1e9) return value.toFixed(decimals);
  if (value === 0) return '0';
  const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step) + 1e-9);
  return value.toExponential(Math.min(20, Math.max(0, digits)));
}

/**
 * A line chart of the loss at each training step: x is the step (0, 1, …), y the loss, with
 * ticks, grid lines, axis labels and a title. One polyline point per loss.
 *
 * @param losses - the loss after each step (at least one, all finite).
 * @returns the SVG document.
 * @throws Error when `losses` is empty or holds a non-finite value (a diverged run: its index
 * is named).
 *
 * @example lossCurveSvg([3.77, 3.38, 3.16], { title: 'training loss' }) // an SVG document ('<svg …')
 */
export function lossCurveSvg(losses: readonly number[], opts: LossCurveOptions = {}): string {
  if (losses.length === 0) throw new Error('lossCurveSvg: no losses to plot');
  const bad = losses.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`lossCurveSvg: loss at step ${bad} is ${losses[bad]}; only finite losses can be plotted`);

  const { title = 'training loss', xLabel = 'step', yLabel = 'loss', width = 720, height = 440 } = opts;
  const margin = { left: 72, right: 24, top: 44, bottom: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;

  const xt = niceTicks(0, Math.max(1, losses.length - 1), 8, 1); // steps are whole numbers
  const yt = niceTicks(Math.min(...losses), Math.max(...losses), 6);
  const px = (step: number) => margin.left + ((step - xt.start) / (xt.stop - xt.start)) * plotW;
  const py = (loss: number) => margin.top + (1 - (loss - yt.start) / (yt.stop - yt.start)) * plotH;

  const left = margin.left;
  const right = margin.left + plotW;
  const top = margin.top;
  const bottom = margin.top + plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12" fill="#333333">`,
  ];
  // grid lines and tick labels
  for (const v of yt.ticks) {
    const y = num(py(v));
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#e6e6e6"/>`,
      `<line x1="${left - 5}" y1="${y}" x2="${left}" y2="${y}" stroke="#333333"/>`,
      `<text x="${left - 8}" y="${num(py(v) + 4)}" text-anchor="end">${tickLabel(v, yt.step)}</text>`,
    );
  }
  for (const v of xt.ticks) {
    const x = num(px(v));
    parts.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#e6e6e6"/>`,
      `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 5}" stroke="#333333"/>`,
      `<text x="${x}" y="${bottom + 19}" text-anchor="middle">${tickLabel(v, xt.step)}</text>`,
    );
  }
  // axes, labels, title
  parts.push(
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333333"/>`,
    `<text x="${num((left + right) / 2)}" y="${height - 14}" text-anchor="middle" font-size="14">${escapeXml(xLabel)}</text>`,
    `<text x="18" y="${num((top + bottom) / 2)}" text-anchor="middle" font-size="14" transform="rotate(-90 18 ${num((top + bottom) / 2)})">${escapeXml(yLabel)}</text>`,
    `<text x="${num(width / 2)}" y="26" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    '</g>',
  );
  // the curve
  const points = losses.map((v, step) => `${num(px(step))},${num(py(v))}`).join(' ');
  parts.push(`<polyline fill="none" stroke="#1f77b4" stroke-width="2" stroke-linejoin="round" points="${points}"/>`);
  if (losses.length === 1) parts.push(`<circle cx="${num(px(0))}" cy="${num(py(losses[0]))}" r="3" fill="#1f77b4"/>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
