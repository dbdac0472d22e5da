/**
 * The notebook's 2-D embedding figure: each symbol drawn as a labelled dot at its row of `C`
 * (first two dimensions), as `plt.scatter(C[:,0], C[:,1], s=200)` with `plt.text` labels.
 *
 * @module
 */
import { escapeXml, niceTicks } from '../bigram/plot.js';

/**
 * An SVG scatter of 2-D points with a text label on each.
 *
 * @param points - `[x, y]` per symbol.
 * @param labels - one label per point.
 * @throws Error when the counts differ or a coordinate is not finite.
 * @example embeddingSvg([[0.1, 0.2], [-1, 0.5]], ['.', 'a'])
 */
export function embeddingSvg(points: readonly (readonly [number, number])[], labels: readonly string[], title = 'embedding (C[:, 0], C[:, 1])'): string {
  if (points.length !== labels.length) throw new Error(`embeddingSvg: ${points.length} points but ${labels.length} labels`);
  if (points.length === 0) throw new Error('embeddingSvg: nothing to plot');
  const bad = points.findIndex(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y));
  if (bad >= 0) throw new Error(`embeddingSvg: point ${bad} (${labels[bad]}) is not finite`);
  const size = 640;
  const m = 48;
  const xt = niceTicks(Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0])), 6);
  const yt = niceTicks(Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1])), 6);
  const px = (x: number) => (m + ((x - xt.start) / (xt.stop - xt.start)) * (size - 2 * m)).toFixed(1);
  const py = (y: number) => (size - m - ((y - yt.start) / (yt.stop - yt.start)) * (size - 2 * m)).toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${size}" height="${size}" fill="#ffffff"/>`,
    `<g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12" fill="#333333">`,
    `<text x="${size / 2}" y="26" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const v of xt.ticks) parts.push(`<line x1="${px(v)}" y1="${m}" x2="${px(v)}" y2="${size - m}" stroke="#e6e6e6"/>`, `<text x="${px(v)}" y="${size - m + 18}" text-anchor="middle">${+v.toFixed(6)}</text>`);
  for (const v of yt.ticks) parts.push(`<line x1="${m}" y1="${py(v)}" x2="${size - m}" y2="${py(v)}" stroke="#e6e6e6"/>`, `<text x="${m - 6}" y="${py(v)}" text-anchor="end">${+v.toFixed(6)}</text>`);
  points.forEach(([x, y], i) => {
    parts.push(
      `<circle cx="${px(x)}" cy="${py(y)}" r="11" fill="#1f77b4"/>`,
      `<text x="${px(x)}" y="${py(y)}" dy="4" text-anchor="middle" fill="#ffffff">${escapeXml(labels[i])}</text>`,
    );
  });
  parts.push('</g>', '</svg>');
  return parts.join('\n') + '\n';
}
