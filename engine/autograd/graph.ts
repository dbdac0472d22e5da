/**
 * Looking at the tape, for learners: list the graph behind a tensor in topological order, or
 * export it as Graphviz DOT (like micrograd's draw_dot): one box per op with its name, one
 * ellipse per leaf or constant with its shape and dtype (and, optionally, values and gradients).
 */
import type { Tensor } from '../tensor.js';
import { formatShape } from '../shape.js';
import { Node } from './node.js';
import { topologicalOrder } from './backward.js';

/** An input of a node: another node's output, or a tensor made outside the graph. */
export type GraphInput = GraphNodeInput | GraphTensorInput;

/** An input produced by another recorded op. */
export interface GraphNodeInput {
  /** Always `'node'`. */
  kind: 'node';
  /** The op that produced the input. */
  node: Node;
}

/** An input made outside the graph: a leaf that requires grad, or a constant. */
export interface GraphTensorInput {
  /** `'leaf'` if it requires grad (gradients accumulate in it), else `'constant'`. */
  kind: 'leaf' | 'constant';
  /** The tensor. */
  tensor: Tensor;
}

/** One line of `graphOf`: a node, its inputs (leaf tensors or other nodes) and saved tensors. */
export interface GraphEntry {
  /** The recorded op. */
  node: Node;
  /** Its inputs: the nodes that produced them, leaves (require grad), constants, or null for numbers. */
  inputs: (GraphInput | null)[];
  /** The tensors it saved for backward (empty once released). */
  saved: Tensor[];
}

/**
 * The nodes behind `t`, output first, each with its inputs and saved tensors.
 * @example
 * ```ts
 * const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
 * graphOf(x.exp().sum()).map((e) => e.node.name) // ['SumBackward0', 'ExpBackward0']
 * ```
 */
export function graphOf(t: Tensor): GraphEntry[] {
  if (!t.gradFn) return [];
  return topologicalOrder(t.gradFn).map((node) => ({
    node,
    inputs: node.inputs.map((x, i): GraphInput | null => {
      const next = node.next[i];
      if (next instanceof Node) return { kind: 'node', node: next }; // the producer when the op ran
      if (!x) return null;
      return { kind: x.requiresGrad ? 'leaf' : 'constant', tensor: x };
    }),
    saved: node.saved.map((s) => s.tensor),
  }));
}

/** Options of `toDot`. */
export interface DotOptions {
  /** Show values of leaves with at most this many elements (default 0: none). */
  showValues?: number;
  /** Show `.grad` of leaves (default false). */
  showGrads?: boolean;
}

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function leafLabel(x: Tensor, opts: DotOptions): string {
  const parts = [x.label || (x.requiresGrad ? 'leaf' : 'constant'), `${formatShape(x.shape)} ${x.dtype}`];
  if ((opts.showValues ?? 0) >= x.numel()) parts.push(`data ${JSON.stringify(x.tolist())}`);
  if (opts.showGrads && x.grad && (opts.showValues ?? 0) >= x.numel()) parts.push(`grad ${JSON.stringify(x.grad.tolist())}`);
  return parts.join('\n');
}

/**
 * The graph behind `t` in Graphviz DOT. Render with `dot -Tsvg graph.dot > graph.svg`.
 * Edges point from inputs to the op that consumed them, as data flows forward.
 *
 * @example writeFileSync('graph.dot', toDot(loss, { showValues: 4 })); // then: dot -Tsvg graph.dot > graph.svg
 */
export function toDot(t: Tensor, opts: DotOptions = {}): string {
  const lines = ['digraph autograd {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  const nodeIds = new Map<Node, string>();
  const leafIds = new Map<Tensor, string>();
  const entries = graphOf(t);
  entries.forEach((e, i) => nodeIds.set(e.node, `op${i}`));
  for (const e of entries) {
    const id = nodeIds.get(e.node)!;
    lines.push(`  ${id} [shape=box, style=filled, fillcolor="#dde8f7", label="${esc(e.node.name)}"];`);
    e.inputs.forEach((input) => {
      if (!input) return;
      let src: string;
      if (input.kind === 'node') src = nodeIds.get(input.node)!;
      else {
        const x = input.tensor;
        src = leafIds.get(x) ?? `t${x.id}`;
        if (!leafIds.has(x)) {
          leafIds.set(x, src);
          lines.push(`  ${src} [shape=ellipse, ${x.requiresGrad ? 'style=filled, fillcolor="#f7e3c4", ' : ''}label="${esc(leafLabel(x, opts))}"];`);
        }
      }
      lines.push(`  ${src} -> ${id};`);
    });
  }
  const out = `out${t.id}`;
  lines.push(`  ${out} [shape=plaintext, label="${esc(`${t.label || 'output'} ${formatShape(t.shape)}`)}"];`);
  if (t.gradFn) lines.push(`  ${nodeIds.get(t.gradFn)} -> ${out};`);
  lines.push('}');
  return lines.join('\n');
}
