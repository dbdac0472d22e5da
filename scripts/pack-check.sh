#!/usr/bin/env bash
# Packaging check (CI): every way a stranger gets the package, each used from an empty folder.
#
#  1. `npm pack` (prepack builds dist/): the tarball has the code, LICENSE, no source maps, and
#     every relative link in its markdown files points at a file it ships.
#  2. Install the tarball into an empty folder, then use it from plain Node (no tsx, no TypeScript):
#     `import` (ESM) and `require` (CommonJS; Node >= 20.19 requires ES modules) of every entry,
#     the CLI binaries, and the TypeScript types (a small consumer type-checked with tsc).
#  3. A browser bundle (esbuild, platform browser) of `.`, `./nn`, `./bigram` and `./mlp`, each run in a
#     fresh V8 context that has no `process`, no `require` and no Node modules.
#  4. `npm install git+file://<a clean clone of HEAD>` (what `npm install github:owner/repo` does):
#     prepare builds it; import it.
#
# Options: --skip-git (skip 4, which installs the dev dependencies once more).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
skip_git=0
[[ "${1:-}" == "--skip-git" ]] && skip_git=1
quiet=(--silent --no-audit --no-fund)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- 1. the tarball ------------------------------------------------------------------------
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
tar -tzf "$work/$tarball" | sed 's#^package/##' | sort >"$work/files.txt"
for f in dist/engine/index.js dist/engine/index.d.ts dist/nn/index.js dist/bigram/index.js dist/node/index.js dist/bigram/cli.js dist/mlp/index.js dist/mlp/index.d.ts dist/mlp/cli.js dist/mlp/lecture.js LICENSE README.md package.json; do
  grep -qx "$f" "$work/files.txt" || { echo "pack-check: the tarball lacks $f" >&2; exit 1; }
done
if grep -E '\.map$' "$work/files.txt"; then echo "pack-check: the tarball ships source maps (their sources are not shipped)" >&2; exit 1; fi
mkdir "$work/unpacked" && tar -xzf "$work/$tarball" -C "$work/unpacked"
node --input-type=module - "$work/unpacked/package" <<'EOF'
// Every relative link of a shipped markdown file must point at a shipped file.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
const root = process.argv[2];
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const broken = [];
for (const file of walk(root).filter((f) => f.endsWith('.md'))) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(link) || link.startsWith('#')) continue;
    const target = join(dirname(file), decodeURI(link.split('#')[0]));
    if (!existsSync(target)) broken.push(`${relative(root, file)}: ${link}`);
  }
}
if (broken.length) { console.error('pack-check: links to files the package does not ship:\n  ' + broken.join('\n  ')); process.exit(1); }
EOF
echo "pack-check: the tarball has the code, LICENSE, no source maps, no broken links"

# ---- 2. installed from the tarball: ESM, CommonJS, the binary, TypeScript types ------------------
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install "${quiet[@]}" "$work/$tarball" >/dev/null
# The checks every route runs (ESM), as a module of its own.
cat >"$work/use.mjs" <<'EOF'
import { tensor, Generator, rand } from 'makemore-ts';
import { softmax, Linear, stateDictToSafetensors, stateDictFromSafetensors } from 'makemore-ts/nn';
import { Vocabulary, lectureNames, BigramModel } from 'makemore-ts/bigram';
import { runCli, runMlpCli } from 'makemore-ts/node';
import { mlpData, initMlp, trainMlp, shuffleAndSplit } from 'makemore-ts/mlp';
const s = tensor([[1, 2], [3, 4], [5, 6]]).sum(0, true).toString();
if (s !== 'tensor([[ 9, 12]])') throw new Error('engine: ' + s);
const q = rand(3, { generator: new Generator().manualSeed(2147483647) });
const r = q.div(q.sum()).toString();
if (r !== 'tensor([0.6064, 0.3033, 0.0903])') throw new Error('generator: ' + r);
const p = softmax(tensor([[0, 0]], { dtype: 'float32' }), 1).toString();
if (p !== 'tensor([[0.5000, 0.5000]])') throw new Error('nn: ' + p);
const layer = new Linear(2, 3, { generator: new Generator().manualSeed(1) });
const back = stateDictFromSafetensors(stateDictToSafetensors(layer));
if (back.weight.toString() !== layer.weight.detach().toString()) throw new Error('nn: state dict bytes round trip');
const words = lectureNames();
if (words.length !== 32033 || Vocabulary.fromWords(words).size !== 27) throw new Error('bigram: the embedded names');
if (typeof BigramModel !== 'function' || typeof runCli !== 'function' || typeof runMlpCli !== 'function') throw new Error('bigram/node exports');
// CPython 3.11: random.seed(42); random.shuffle(words) starts with these (docs/mlp.md §1)
const shuffled = shuffleAndSplit(words, 42).words.slice(0, 3).join(',');
if (shuffled !== 'yuheng,diondre,xavien') throw new Error('mlp: shuffle ' + shuffled);
const d = mlpData(words.slice(0, 300), 3);
const mlp = initMlp({ vocabSize: d.vocab.size, blockSize: 3, embDim: 2, hidden: 8 }, new Generator().manualSeed(1));
const mlpLosses = trainMlp(mlp, d.train, { steps: 3, generator: new Generator().manualSeed(2) });
if (mlpLosses.length !== 3 || !mlpLosses.every(Number.isFinite)) throw new Error('mlp: training ' + mlpLosses);
console.log('pack-check: engine, nn, bigram, mlp and node import (ESM) and run');
EOF
cp "$work/use.mjs" ./use.mjs && node use.mjs
cat >use.cjs <<'EOF'
const { tensor } = require('makemore-ts');
const { softmax } = require('makemore-ts/nn');
const { Vocabulary } = require('makemore-ts/bigram');
const { runCli, runMlpCli } = require('makemore-ts/node');
const { buildDataset } = require('makemore-ts/mlp');
const s = softmax(tensor([[0, 0]], { dtype: 'float32' }), 1).toString();
if (s !== 'tensor([[0.5000, 0.5000]])') throw new Error('require: ' + s);
if (Vocabulary.fromWords(['ab']).size !== 3 || typeof runCli !== 'function' || typeof runMlpCli !== 'function') throw new Error('require: bigram/node');
if (buildDataset(['ab'], Vocabulary.fromWords(['ab']), 2).X.shape.join() !== '3,2') throw new Error('require: mlp');
console.log('pack-check: engine, nn, bigram, mlp and node load with require (CommonJS)');
EOF
node use.cjs 2> require.err
if grep -v '^$' require.err | grep -qv 'ExperimentalWarning\|--trace-warnings'; then cat require.err >&2; exit 1; fi
npx --no-install makemore-bigram counts --samples 2 >/dev/null
echo "pack-check: the makemore-bigram binary runs"
npx --no-install makemore-mlp train --steps 2 --hidden 4 --emb 2 --samples 1 >/dev/null
npx --no-install makemore-mlp-lecture --help | grep -q '^usage: makemore-mlp-lecture \[options\]'
set +e
npx --no-install makemore-mlp train --steps -1 >mlp.out 2>mlp.err
status=$?
set -e
if [[ $status != 2 || -s mlp.out || $(wc -l <mlp.err) != 1 ]] || ! grep -q '^mlp train: --steps must be a non-negative integer, got "-1" (see: makemore-mlp train --help)$' mlp.err; then
  echo "pack-check: makemore-mlp train --steps -1: status $status, stderr:" >&2; cat mlp.err >&2; exit 1
fi
echo "pack-check: the makemore-mlp and makemore-mlp-lecture binaries run (a mistake: status 2, one line naming the binary)"
cat >consumer.ts <<'EOF'
import { tensor, Generator, type Tensor } from 'makemore-ts';
import { Linear, crossEntropy } from 'makemore-ts/nn';
import { Vocabulary, lectureNames } from 'makemore-ts/bigram';
import { runLecture, runMlpLecture, type LectureOptions, type MlpLectureOptions } from 'makemore-ts/node';
import { initMlp, type MlpParams } from 'makemore-ts/mlp';
const t: Tensor = tensor([1, 2, 3]).sum();
const n: number = Vocabulary.fromWords(lectureNames()).size;
const layer = new Linear(27, 27);
const loss: Tensor = crossEntropy(layer.forward(tensor([[0, 1]]).float()), tensor([0]));
const opts: LectureOptions = { steps: 1 };
const mlpOpts: MlpLectureOptions = { steps: 1, normalKernel: 'scalar' };
const params: MlpParams = initMlp({ vocabSize: 27, blockSize: 3, embDim: 2, hidden: 4 }, new Generator());
void [t, n, loss, opts, runLecture, mlpOpts, params, runMlpLecture];
// @ts-expect-error: the types are checked (sum takes a dimension, not a string)
tensor([1]).sum('x');
EOF
cat >consumer.cts <<'EOF'
import engine = require('makemore-ts');
const t: engine.Tensor = engine.tensor([1, 2, 3]);
void t;
EOF
"$repo/node_modules/.bin/tsc" --noEmit --strict --skipLibCheck false --types node --typeRoots "$repo/node_modules/@types" \
  --module nodenext --moduleResolution nodenext --target es2022 consumer.ts consumer.cts
echo "pack-check: the TypeScript types check (ESM consumer and CommonJS consumer, tsc --strict)"

# ---- 3. bundled for a browser ----------------------------------------------------------------------
cat >browser.mjs <<'EOF'
import { tensor, Generator, randn } from 'makemore-ts';
import { Linear, crossEntropy, SGD, stateDictToSafetensors } from 'makemore-ts/nn';
import { Vocabulary, lectureNames, trainingSet, BigramModel, trainBigram } from 'makemore-ts/bigram';
import { mlpData, initMlp, trainMlp } from 'makemore-ts/mlp';
const words = lectureNames().slice(0, 200);
const vocab = Vocabulary.fromWords(words);
const data = trainingSet(words, vocab);
const model = new BigramModel(vocab.size, { generator: new Generator().manualSeed(2147483647) });
const losses = trainBigram(model, data, { steps: 3, lr: 50 });
const bytes = stateDictToSafetensors(model);
const w = randn([2, 2], { generator: new Generator().manualSeed(1) });
const d = mlpData(words, 3);
const mlp = initMlp({ vocabSize: d.vocab.size, blockSize: 3, embDim: 2, hidden: 8 }, new Generator({ normalKernel: 'avx2' }).manualSeed(1));
const mlpLosses = trainMlp(mlp, d.train, { steps: 3, generator: new Generator().manualSeed(2) });
globalThis.report = JSON.stringify({ losses, mlpLosses, bytes: bytes.length, s: tensor([1.5, 2]).sum().toString(), w: w.toString(), ok: typeof Linear === 'function' && typeof SGD === 'function' && typeof crossEntropy === 'function' });
EOF
"$repo/node_modules/.bin/esbuild" browser.mjs --bundle --platform=browser --format=iife --log-level=warning --outfile=browser.js
node --input-type=module - "$work/app/browser.js" <<'EOF'
// esbuild (platform browser) refuses a static import of a node: module. Run the bundle where
// there is no Node: a fresh V8 context with only `console` and the text codecs (no process, no
// require), as in a page; then the same module in this Node process,
// through the installed package. Both must report the same values.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
const code = readFileSync(process.argv[2], 'utf8');
const sandbox = vm.createContext({ console, TextEncoder, TextDecoder }); // web APIs every browser has
vm.runInContext(code, sandbox);
await import(new URL('./browser.mjs', `file://${process.cwd()}/`).href);
const got = JSON.parse(sandbox.report);
if (!got.ok || got.losses.length !== 3 || !(got.losses[2] < got.losses[0]) || got.mlpLosses.length !== 3 || !got.mlpLosses.every(Number.isFinite)) throw new Error('browser bundle: ' + sandbox.report);
if (sandbox.report !== globalThis.report) throw new Error(`the browser bundle differs from Node:\n${sandbox.report}\n${globalThis.report}`);
console.log('pack-check: ., ./nn, ./bigram and ./mlp bundle for a browser (esbuild) and run without Node, same values as in Node');
EOF

# ---- 4. installed from git -------------------------------------------------------------------------
if [[ $skip_git == 1 ]]; then
  echo "pack-check: git install skipped (--skip-git)"
  exit 0
fi
git clone --quiet "$repo" "$work/clone"
mkdir "$work/git-app"
cd "$work/git-app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install "${quiet[@]}" "git+file://$work/clone" >/dev/null 2>"$work/git-install.err" || { cat "$work/git-install.err" >&2; exit 1; }
test -f node_modules/makemore-ts/dist/engine/index.js || { echo "pack-check: the git install has no dist/ (prepare did not build)" >&2; exit 1; }
cp "$work/use.mjs" ./use.mjs && node use.mjs
echo "pack-check: npm install git+file://<clean clone of HEAD> builds (prepare) and imports"
