#!/usr/bin/env bash
# Browser check (CI, when Chromium is installed): the engine bundled by esbuild runs in headless
# Chromium under a Content-Security-Policy WITHOUT 'wasm-unsafe-eval' (WebAssembly compilation
# refused: the plain loops, one console warning) and with it (the SIMD kernels), and gives the
# same bits as in Node. Usage: scripts/browser-csp-check.sh [path/to/chromium]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
chromium=${1:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [[ -z "$chromium" ]]; then
  echo "browser-csp-check: no Chromium found; not run"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/entry.mjs" <<JS
import { Generator, isSimdEnabled, oneHot, randn, tensor, tidy } from '$repo/engine/index.ts';
const g = new Generator().manualSeed(2147483647);
const digest = (t) => {
  const a = t.contiguous().toTypedArray();
  let h = 0;
  for (const v of new Uint32Array(a.buffer, a.byteOffset, a.length)) h = (Math.imul(h, 31) + v) | 0;
  return h;
};
const a = randn([300, 70], { generator: g }), b = randn([70, 90], { generator: g });
const W = randn([27, 27], { generator: g, requiresGrad: true });
const xs = tensor(Array.from({ length: 600 }, (_, i) => (i * 7919) % 27));
const loss = tidy(() => {
  const counts = oneHot(xs, 27).float().matmul(W).exp();
  const l = counts.div(counts.sum(1, true)).log().mean().neg();
  l.backward();
  return l;
});
const result = JSON.stringify({
  simd: isSimdEnabled(),
  values: [digest(a.matmul(b)), digest(a.exp()), digest(a.div(b.sum(1).add(100).reshape([1, 70]))), digest(a.sum(0)), digest(loss), digest(W.grad)],
});
if (typeof document === 'object') document.body.setAttribute('data-result', result);
else console.log(result);
JS
node_modules/.bin/esbuild "$work/entry.mjs" --bundle --platform=browser --format=iife --log-level=warning --outfile="$work/bundle.js"
node_modules/.bin/esbuild "$work/entry.mjs" --bundle --platform=node --format=esm --log-level=warning --outfile="$work/node.mjs"
in_node=$(node "$work/node.mjs")
run_page() { # $1: the policy; prints the page's result, then its console lines about makemore-ts
  { printf '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="%s"></head><body><script>\n' "$1"
    cat "$work/bundle.js"
    printf '\n</script></body></html>\n'; } >"$work/page.html"
  timeout 300 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$work/page.html" 2>"$work/console.txt" | grep -o 'data-result="[^"]*"' | sed 's/^data-result="//; s/"$//; s/&quot;/"/g' || true
}
strict=$(run_page "script-src 'unsafe-inline'")
warnings=$(grep -c 'makemore-ts: WebAssembly cannot be compiled here' "$work/console.txt" || true)
allowed=$(run_page "script-src 'unsafe-inline' 'wasm-unsafe-eval'")
values() { node -e 'const r = JSON.parse(process.argv[1]); console.log(JSON.stringify(r.values))' "$1"; }
simd() { node -e 'console.log(JSON.parse(process.argv[1]).simd)' "$1"; }
[[ -n "$strict" && -n "$allowed" ]] || { echo "browser-csp-check: the page did not run (strict: '$strict', allowed: '$allowed')" >&2; exit 1; }
[[ $(simd "$strict") == false && $(simd "$allowed") == true ]] || { echo "browser-csp-check: expected the plain loops under the strict policy and SIMD with wasm-unsafe-eval: $strict / $allowed" >&2; exit 1; }
[[ "$warnings" == 1 ]] || { echo "browser-csp-check: expected one warning under the strict policy, got $warnings" >&2; exit 1; }
[[ "$(values "$strict")" == "$(values "$in_node")" && "$(values "$allowed")" == "$(values "$in_node")" ]] || { echo "browser-csp-check: values differ: strict $strict, allowed $allowed, Node $in_node" >&2; exit 1; }
echo "browser-csp-check: Chromium under a CSP without wasm-unsafe-eval runs the plain loops (one warning), with it the SIMD kernels; both give Node's bits"
