#!/usr/bin/env bash
# Packaging check (CI): build, `npm pack`, install the tarball into an empty folder, and use it
# from plain Node (no tsx, no TypeScript): the engine, nn, bigram and the CLI binary.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$work/$tarball" >/dev/null
node --input-type=module -e "
import { tensor, Generator, rand } from 'makemore-ts';
import { softmax } from 'makemore-ts/nn';
import { Vocabulary, resolveDataset } from 'makemore-ts/bigram';
const s = tensor([[1, 2], [3, 4], [5, 6]]).sum(0, true).toString();
if (s !== 'tensor([[ 9, 12]])') throw new Error('engine: ' + s);
const q = rand(3, { generator: new Generator().manualSeed(2147483647) });
const r = q.div(q.sum()).toString();
if (r !== 'tensor([0.6064, 0.3033, 0.0903])') throw new Error('generator: ' + r);
const p = softmax(tensor([[0, 0]], { dtype: 'float32' }), 1).toString();
if (p !== 'tensor([[0.5000, 0.5000]])') throw new Error('nn: ' + p);
const ds = resolveDataset();
if (ds.source !== 'builtin' || Vocabulary.fromWords(ds.words).size !== 28) throw new Error('bigram built-in data set');
console.log('pack-check: engine, nn and bigram import and run from the installed tarball');
"
npx --no-install makemore-bigram counts --samples 2 >/dev/null
echo "pack-check: the makemore-bigram binary runs"
