/**
 * Looking at the tape: `graphOf(t)` lists the nodes behind `t` in topological order (each node
 * before the nodes of its inputs) with their inputs and saved tensors; `toDot(t)` is Graphviz DOT
 * naming every op. Checked on fixed graphs and on random DAGs with shared subexpressions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arange, graphOf, Node, oneHot, tensor, toDot, Tensor } from '../../engine/index.js';
import { fromValues, rng, seedArb, values } from '../support/autograd-helpers.js';

/** All nodes reachable from `t`, found by a plain breadth-first walk over the recorded edges. */
function reachable(t: Tensor): Set<Node> {
  const seen = new Set<Node>();
  const queue: Node[] = t.gradFn ? [t.gradFn] : [];
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const x of n.next) if (x instanceof Node) queue.push(x);
  }
  return seen;
}

/** A random DAG of elementwise ops over a few leaves, reusing earlier results (diamonds). */
function randomDag(seed: number, size: number): Tensor {
  const r = rng(seed);
  const pool: Tensor[] = [0, 1, 2].map((i) => fromValues(values(3, seed + i), [3], 'float64', i < 2));
  const pick = () => pool[Math.floor(r() * pool.length)];
  for (let k = 0; k < size; k++) {
    const a = pick(), b = pick();
    const ops = [() => a.add(b), () => a.mul(b), () => a.sub(b), () => a.tanh(), () => a.exp().mul(0.5), () => a.mul(a)];
    const y = ops[Math.floor(r() * ops.length)]();
    pool.push(y);
  }
  return pool.slice(3).reduce((acc, t) => acc.add(t.sum()), pool[pool.length - 1].sum());
}

/**
 * A small structural check of DOT: `digraph name {` … `}`, one statement per line, every edge
 * between declared node ids, balanced unescaped quotes, and attribute lists in brackets.
 */
function checkDot(dot: string): { ids: Set<string>; labels: string[]; edges: [string, string][] } {
  const lines = dot.split('\n');
  expect(lines[0]).toMatch(/^digraph \w+ \{$/);
  expect(lines[lines.length - 1]).toBe('}');
  const ids = new Set<string>();
  const labels: string[] = [];
  const edges: [string, string][] = [];
  for (const line of lines.slice(1, -1)) {
    const s = line.trim();
    expect(s.endsWith(';'), `statement ends with ';': ${s}`).toBe(true);
    const unescapedQuotes = (s.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length;
    expect(unescapedQuotes % 2, `balanced quotes: ${s}`).toBe(0);
    let m: RegExpMatchArray | null;
    if ((m = s.match(/^(\w+) -> (\w+);$/))) edges.push([m[1], m[2]]);
    else if ((m = s.match(/^(\w+) \[(.*)\];$/))) {
      if (!['node', 'graph', 'edge'].includes(m[1])) {
        expect(ids.has(m[1]), `${m[1]} declared once`).toBe(false);
        ids.add(m[1]);
      }
      const label = m[2].match(/label="((?:[^"\\]|\\.)*)"/);
      if (label) labels.push(label[1]);
    } else expect(s).toMatch(/^\w+=\w+;$/); // graph attribute such as rankdir=LR;
  }
  for (const [a, b] of edges) {
    expect(ids.has(a), `edge source ${a} declared`).toBe(true);
    expect(ids.has(b), `edge target ${b} declared`).toBe(true);
  }
  return { ids, labels, edges };
}

describe('graphOf', () => {
  it('lists the lecture\'s graph output first, with inputs and saved tensors', () => {
    const W = fromValues(values(27 * 27, 1), [27, 27], 'float32', true);
    const xenc = oneHot(tensor([0, 5, 13]), 27).float();
    const logits = xenc.matmul(W);
    const counts = logits.exp();
    const probs = counts.div(counts.sum(1, true));
    const loss = probs.index(arange(3), tensor([5, 13, 1])).log().mean().neg();
    const g = graphOf(loss);
    expect(g.map((e) => e.node.name)).toEqual([
      'NegBackward0', 'MeanBackward0', 'LogBackward0', 'IndexBackward0', 'DivBackward0', 'SumBackward1', 'ExpBackward0', 'MmBackward0',
    ]);
    const byName = new Map(g.map((e) => [e.node.name, e]));
    // MmBackward0: a constant (xenc) and the leaf W; it saved both
    const mm = byName.get('MmBackward0')!;
    expect(mm.inputs.map((i) => i?.kind)).toEqual(['constant', 'leaf']);
    expect(mm.inputs[1]).toEqual({ kind: 'leaf', tensor: W });
    expect(mm.saved).toEqual([xenc, W]);
    // ExpBackward0 saved its output (counts); LogBackward0 saved its input
    expect(byName.get('ExpBackward0')!.saved[0]).toBe(counts);
    expect(byName.get('LogBackward0')!.saved.length).toBe(1);
    // DivBackward0 has two node inputs: counts (ExpBackward0) and the row sums (SumBackward1)
    expect(byName.get('DivBackward0')!.inputs.map((i) => (i?.kind === 'node' ? i.node.name : i?.kind))).toEqual(['ExpBackward0', 'SumBackward1']);
    // a plain number is no edge
    expect(tensor([1.0], { requiresGrad: true }).mul(2).gradFn!.inputs[1]).toBeNull();
  });

  it('lists the graph as recorded: an in-place op applied later to an input does not change it', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const z = y.sum();
    y.mul_(3); // y now has a new gradFn; z's graph still goes through the old one
    const g = graphOf(z);
    expect(g.map((e) => e.node.name)).toEqual(['SumBackward0', 'MulBackward0']);
    expect(g[0].inputs[0]).toEqual({ kind: 'node', node: g[1].node });
    expect(g[1].node).not.toBe(y.gradFn);
    expect(graphOf(y).map((e) => e.node.name)).toEqual(['MulBackward0', 'MulBackward0']);
  });

  it('a leaf has an empty graph', () => {
    expect(graphOf(tensor([1.5], { requiresGrad: true }))).toEqual([]);
    expect(graphOf(tensor([1.5]))).toEqual([]);
  });

  it('random DAGs: every reachable node exactly once, each before the nodes of its inputs', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 30 }), (seed, size) => {
        const out = randomDag(seed, size);
        const g = graphOf(out);
        const nodes = g.map((e) => e.node);
        expect(new Set(nodes).size).toBe(nodes.length); // no duplicates
        expect(new Set(nodes)).toEqual(reachable(out));
        expect(nodes[0] ?? null).toBe(out.gradFn); // empty when nothing required grad
        const position = new Map(nodes.map((n, i) => [n, i]));
        g.forEach((e, i) => {
          expect(e.inputs.length).toBe(e.node.inputs.length);
          e.inputs.forEach((inp, k) => {
            const t = e.node.inputs[k];
            if (inp === null) return expect(t).toBeNull();
            if (inp.kind === 'node') {
              expect(inp.node).toBe(t!.gradFn); // no in-place ops here: the recorded edge is the input's gradFn
              expect(inp.node).toBe(e.node.next[k]);
              expect(position.get(inp.node)!).toBeGreaterThan(i);
            } else {
              expect(inp.tensor).toBe(t);
              expect(inp.kind).toBe(t!.requiresGrad ? 'leaf' : 'constant');
            }
          });
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('toDot', () => {
  it('is valid DOT that mentions each op of the lecture\'s loss', () => {
    const W = fromValues(values(27 * 27, 1), [27, 27], 'float32', true);
    W.label = 'W';
    const xenc = oneHot(tensor([0, 5]), 27).float();
    const counts = xenc.matmul(W).exp();
    const probs = counts.div(counts.sum(1, true));
    const loss = probs.index(arange(2), tensor([5, 13])).log().mean().neg().add(W.pow(2).mean().mul(0.01));
    loss.label = 'loss';
    const dot = toDot(loss);
    const { labels, edges } = checkDot(dot);
    for (const e of graphOf(loss)) expect(labels.some((l) => l === e.node.name), e.node.name).toBe(true);
    for (const name of ['MmBackward0', 'ExpBackward0', 'SumBackward1', 'DivBackward0', 'IndexBackward0', 'LogBackward0', 'MeanBackward0', 'NegBackward0', 'PowBackward0', 'MulBackward0', 'AddBackward0']) {
      expect(dot).toContain(`label="${name}"`);
    }
    expect(labels).toContain('W\\n[27, 27] float32');
    expect(labels.some((l) => l.startsWith('loss'))).toBe(true);
    // one edge per tensor input of every node, plus the edge to the output
    const tensorInputs = graphOf(loss).reduce((n, e) => n + e.inputs.filter((i) => i !== null).length, 0);
    expect(edges.length).toBe(tensorInputs + 1);
  });

  it('is valid on random DAGs (every node declared once, every edge between declared nodes)', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 20 }), (seed, size) => {
        const out = randomDag(seed, size);
        const { ids, labels } = checkDot(toDot(out));
        const g = graphOf(out);
        expect(labels.filter((l) => l.endsWith('Backward0') || l.endsWith('Backward1')).length).toBe(g.length);
        expect(ids.size).toBeGreaterThan(g.length); // ops + leaves/constants + the output
      }),
      { numRuns: 50 },
    );
  });

  it('escapes quotes and newlines in labels, and shows values and gradients on request', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.label = 'x "in"\nput';
    const y = x.mul(x).sum();
    y.backward({ retainGraph: true });
    const dot = toDot(y, { showValues: 10, showGrads: true });
    checkDot(dot);
    expect(dot).toContain('x \\"in\\"\\nput');
    expect(dot).toContain('data [1,2]');
    expect(dot).toContain('grad [2,4]');
    expect(toDot(y)).not.toContain('data [');
  });
});
