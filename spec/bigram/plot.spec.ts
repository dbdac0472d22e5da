/**
 * bigram/plot.ts: the counts figure and the loss curve are well-formed standalone SVG with the
 * right content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bluesColor, countsFigureSvg, escapeXml, lossCurveSvg, niceTicks } from '../../bigram/plot.js';

/**
 * A minimal XML well-formedness check, enough for the SVG we write: one root element, every
 * start tag closed by a matching end tag in the right order, attributes quoted and not repeated,
 * `<` never in text or attribute values, and `&` only in the five predefined entities or
 * numeric character references. Returns the first problem, or `undefined` when well-formed.
 */
function xmlProblem(xml: string): string | undefined {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(token)) {
    const [whole, close, name, attrs, selfClose, text, stray] = m;
    if (stray !== undefined) return `malformed tag at ${m.index}: ${JSON.stringify(body.slice(m.index, m.index + 40))}`;
    if (whole.startsWith('<!--')) continue;
    if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') return `text outside the root element: ${JSON.stringify(text.slice(0, 40))}`;
      const amp = text.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
      if (amp) return `unescaped & in text: ${JSON.stringify(text.slice(0, 40))}`;
      continue;
    }
    const names = [...attrs.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*("[^"]*"|'[^']*')/g)];
    if (new Set(names.map((a) => a[1])).size !== names.length) return `repeated attribute in <${name}>`;
    for (const [, , value] of names) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(value)) return `unescaped & in an attribute of <${name}>`;
    }
    if (close) {
      if (attrs.trim() !== '' || selfClose) return `malformed end tag </${name}>`;
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else {
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      if (!selfClose) stack.push(name);
    }
  }
  if (stack.length > 0) return `<${stack.at(-1)}> is never closed`;
  if (roots === 0) return 'no root element';
  return undefined;
}

/** Decode the five predefined entities (enough to read back our text). */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

/** Relative luminance of a `#rrggbb` colour (0 black … 1 white). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The fill of every cell rect (all rects but the background one) in document order. */
function cellFills(svg: string): string[] {
  return [...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].slice(1).map((m) => m[1]);
}

describe('the well-formedness checker itself', () => {
  it('accepts good XML and rejects broken XML', () => {
    expect(xmlProblem('<a x="1"><b/>t &amp; u<c y=\'2\'></c></a>')).toBeUndefined();
    expect(xmlProblem('<a><b></a></b>')).toBe('</a> closes <b>');
    expect(xmlProblem('<a><b>')).toBe('<b> is never closed');
    expect(xmlProblem('<a>x & y</a>')).toContain('unescaped &');
    expect(xmlProblem('<a>x < y</a>')).toContain('malformed tag');
    expect(xmlProblem('<a x="<"></a>')).toContain('malformed tag');
    expect(xmlProblem('<a x="1" x="2"></a>')).toContain('repeated attribute');
    expect(xmlProblem('<a></a><b></b>')).toBe('more than one root element');
    expect(xmlProblem('<a x=1></a>')).toContain('malformed tag');
  });
});

describe('escapeXml', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unescape(escapeXml(s))).toBe(s);
      }),
    );
  });
});

describe('bluesColor', () => {
  it('goes from white to dark blue, darker as t grows', () => {
    expect(bluesColor(0)).toBe('#ffffff');
    expect(bluesColor(1)).toBe('#08306b');
    expect(bluesColor(-1)).toBe('#ffffff');
    expect(bluesColor(2)).toBe('#08306b');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        fc.pre(a < b);
        expect(luminance(bluesColor(a))).toBeGreaterThanOrEqual(luminance(bluesColor(b)) - 1e-3);
      }),
    );
  });
});

describe('countsFigureSvg', () => {
  const itos = ['.', ...'abcdefghijklmnopqrstuvwxyz'];
  // a deterministic 27×27 matrix with zeros, a single largest cell and everything in between
  const counts = itos.map((_, i) => itos.map((_, j) => ((i * 31 + j * 17) % 23) * 10 + (i === 1 && j === 0 ? 10000 : 0)));

  const svg = countsFigureSvg(counts, itos);

  it('is a well-formed standalone SVG document', () => {
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+">/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('has one rect per cell (27×27 = 729) besides the background', () => {
    expect(cellFills(svg).length).toBe(729);
  });

  it('labels each cell with its bigram and its count, row by row', () => {
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
    expect(texts.length).toBe(2 * 729);
    expect(texts.slice(0, 4)).toEqual(['..', String(counts[0][0]), '.a', String(counts[0][1])]);
    expect(texts.slice(2 * 27, 2 * 27 + 2)).toEqual(['a.', String(counts[1][0])]);
    expect(texts.at(-2)).toBe('zz');
  });

  it('colours the largest count darkest and 0 white', () => {
    const fills = cellFills(svg);
    const flat = counts.flat();
    const darkest = fills.reduce((best, f, k) => (luminance(f) < luminance(fills[best]) ? k : best), 0);
    expect(flat[darkest]).toBe(Math.max(...flat));
    expect(fills[darkest]).toBe('#08306b');
    flat.forEach((c, k) => {
      if (c === 0) expect(fills[k]).toBe('#ffffff');
    });
    // colour is monotone in the count
    for (let k = 0; k < flat.length; k++) {
      for (const l of [0, 27, 100, 728]) {
        if (flat[k] < flat[l]) expect(luminance(fills[k])).toBeGreaterThanOrEqual(luminance(fills[l]));
      }
    }
  });

  it('is all white when every count is 0', () => {
    const zero = countsFigureSvg([[0, 0], [0, 0]], ['.', 'a']);
    expect(cellFills(zero)).toEqual(['#ffffff', '#ffffff', '#ffffff', '#ffffff']);
  });

  it('escapes symbols such as < and &', () => {
    const tricky = ['.', '<', '&', '"', "'"];
    const out = countsFigureSvg(tricky.map(() => tricky.map(() => 1)), tricky);
    expect(xmlProblem(out)).toBeUndefined();
    expect(out).toContain('>&lt;&amp;</text>');
    expect(out).toContain('>&quot;&apos;</text>');
    const texts = [...out.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
    expect(texts.filter((_, k) => k % 2 === 0)).toEqual(tricky.flatMap((a) => tricky.map((b) => a + b)));
  });

  it('is well-formed for any symbols and counts', () => {
    const symbol = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' });
    fc.assert(
      fc.property(fc.uniqueArray(symbol, { minLength: 1, maxLength: 6 }), fc.nat(1000), (syms, seed) => {
        const m = syms.map((_, i) => syms.map((_, j) => (seed * (i + 1) * (j + 3)) % 97));
        expect(xmlProblem(countsFigureSvg(m, syms))).toBeUndefined();
      }),
    );
  });

  it('rejects bad input clearly', () => {
    expect(() => countsFigureSvg([], [])).toThrow('countsFigureSvg: the count matrix is empty');
    expect(() => countsFigureSvg([[1, 2], [3, 4]], ['.'])).toThrow('the count matrix has 2 rows but the vocabulary has 1 symbols');
    expect(() => countsFigureSvg([[1, 2], [3]], ['.', 'a'])).toThrow('the count matrix must be 2×2, but row 1 has 1 entries');
    expect(() => countsFigureSvg([[1, -2], [3, 4]], ['.', 'a'])).toThrow('count [0][1] is -2');
    expect(() => countsFigureSvg([[1, 2], [NaN, 4]], ['.', 'a'])).toThrow('count [1][0] is NaN');
  });
});

describe('lossCurveSvg', () => {
  const losses = Array.from({ length: 200 }, (_, k) => 2.45 + 1.3 * Math.exp(-k / 10));
  const svg = lossCurveSvg(losses, { title: 'training <loss> & more' });

  it('is a well-formed standalone SVG document', () => {
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="440" viewBox="0 0 720 440">/);
  });

  it('has one polyline point per loss, inside the plot, higher loss higher up', () => {
    const points = svg.match(/<polyline [^>]*points="([^"]*)"/)![1].split(' ').map((p) => p.split(',').map(Number));
    expect(points.length).toBe(200);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(720);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(440);
    }
    for (let k = 1; k < points.length; k++) {
      expect(points[k][0]).toBeGreaterThan(points[k - 1][0]); // steps go right
      expect(points[k][1]).toBeGreaterThanOrEqual(points[k - 1][1]); // falling loss goes down
    }
  });

  it('has the title, the axis labels and tick labels', () => {
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
    expect(texts).toContain('training <loss> & more');
    expect(texts).toContain('step');
    expect(texts).toContain('loss');
    expect(texts).toEqual(expect.arrayContaining(['0', '50', '100', '150', '200']));
    expect(texts).toEqual(expect.arrayContaining(['2.5', '3.0', '3.5']));
    expect(lossCurveSvg([1], { xLabel: 'epoch', yLabel: 'NLL' })).toContain('>epoch</text>');
  });

  it('draws one loss, and a flat curve', () => {
    for (const ls of [[2.5], [1, 1, 1], [0, 0]]) {
      const out = lossCurveSvg(ls);
      expect(xmlProblem(out)).toBeUndefined();
      expect(out).not.toContain('NaN');
      const points = out.match(/points="([^"]*)"/)![1].split(' ');
      expect(points.length).toBe(ls.length);
    }
  });

  it('is well-formed and finite for any finite losses', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (ls) => {
        const out = lossCurveSvg(ls);
        expect(xmlProblem(out)).toBeUndefined();
        expect(out).not.toMatch(/NaN|Infinity/);
      }),
    );
  });

  it('rejects no losses and non-finite losses clearly', () => {
    expect(() => lossCurveSvg([])).toThrow('lossCurveSvg: no losses to plot');
    expect(() => lossCurveSvg([3, 2, Infinity])).toThrow('lossCurveSvg: loss at step 2 is Infinity; only finite losses can be plotted');
    expect(() => lossCurveSvg([NaN])).toThrow('loss at step 0 is NaN');
  });
});

describe('niceTicks', () => {
  it('picks round steps that cover the range', () => {
    expect(niceTicks(0, 199, 8, 1)).toEqual({ start: 0, stop: 200, step: 50, ticks: [0, 50, 100, 150, 200] });
    expect(niceTicks(0, 2, 8, 1).ticks).toEqual([0, 1, 2]);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (lo, width) => {
        const t = niceTicks(lo, lo + width);
        expect(t.start).toBeLessThanOrEqual(lo);
        expect(t.stop).toBeGreaterThanOrEqual(lo + width);
        expect(t.step).toBeGreaterThan(0);
        expect(t.ticks.length).toBeGreaterThanOrEqual(2);
        expect(t.ticks.length).toBeLessThanOrEqual(12);
      }),
    );
  });
});
