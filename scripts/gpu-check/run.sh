#!/usr/bin/env bash
# The GPU check: builds llama.cpp + our addon from .gpu-kit/ (scripts/gpu-check/pack.mjs) with
# CUDA for this machine's GPU, then times grounding steps, ours beside llama-mtmd-cli.
#   scripts/gpu-check/run.sh [--cpu] [--budget-s 540] [--presets qwen2.5-vl-3b,qwen2.5-vl-7b]
#                            [--image-tokens 1024,2691,4080] [--gpu-layers -1]
# Writes bench-<preset>.json and gpu-check.log to $OUT (./gpu-check-out when unset).
# Run it in a copy of the repository (the GPU machine's, or a scratch one): it replaces dist/,
# native/build/deskpilot_vision.node and build-info.json with the kit's from-source build.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
start=$(date +%s); budget=540; cpu=0; presets=qwen2.5-vl-3b,qwen2.5-vl-7b; tokens=1024,2691,4080; layers=-1
while [ $# -gt 0 ]; do case "$1" in
  --cpu) cpu=1; layers=0 ;; --budget-s) budget=$2; shift ;; --presets) presets=$2; shift ;;
  --image-tokens) tokens=$2; shift ;; --gpu-layers) layers=$2; shift ;; *) echo "unknown $1" >&2; exit 2 ;;
esac; shift; done
out=${OUT:-$root/gpu-check-out}; mkdir -p "$out"; logf=$out/gpu-check.log
exec > >(tee -a "$logf") 2>&1
say() { echo "[gpu-check +$(( $(date +%s) - start ))s] $*"; }
left() { echo $(( budget - ($(date +%s) - start) )); }
mem() { command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=memory.used,memory.total --format=csv,noheader | sed 's/^/[gpu-check] GPU memory used, total: /'; }

kit=$root/.gpu-kit; work=/tmp/gpu-kit
[ -f "$kit/node.xz" ] || { say "no .gpu-kit/ (run node scripts/gpu-check/pack.mjs, carry .gpu-kit)"; exit 1; }
say "unpacking the kit to $work"
rm -rf "$work"; mkdir -p "$work/bin" "$work/llama.cpp"
xz -dc "$kit/node.xz" > "$work/bin/node" && chmod +x "$work/bin/node"
tar -C "$work" -xJf "$kit/runtime.tar.xz"
tar -C "$work/llama.cpp" -xJf "$kit/llama.cpp.tar.xz"
# the repo's dist/ and node_modules come from the kit, so nothing here needs npm
rm -rf "$root/dist"; cp -r "$work/dist" "$root/dist"
[ -e "$root/node_modules" ] || ln -s "$work/node_modules" "$root/node_modules"
export PATH=$work/bin:$PATH
mem

cm=$root/native/build/cmake; mkdir -p "$cm"; rm -f "$cm/CMakeCache.txt"
flags=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DLLAMA_CPP_DIR=$work/llama.cpp" -DNLC_BINS_DIR=
  "-DNODE_INCLUDE_DIR=$work/include/node" "-DNODE_ADDON_API_DIR=$work/node_modules/node-addon-api"
  -DDESKPILOT_FROM_SOURCE=ON -DDESKPILOT_BUILD_MTMD_CLI=ON -DGGML_NATIVE=ON)
if [ $cpu = 0 ]; then flags+=(-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=native); fi
command -v ninja >/dev/null || flags=("${flags[@]:2}")
say "configuring ($([ $cpu = 0 ] && echo CUDA || echo CPU))"
cmake -S "$root/native" -B "$cm" "${flags[@]}" > "$out/cmake-configure.log" 2>&1 || { tail -30 "$out/cmake-configure.log"; say "configure failed"; exit 1; }
say "compiling deskpilot_vision + llama-mtmd-cli + llama-quantize with $(nproc) jobs"
cmake --build "$cm" -j "$(nproc)" --target deskpilot_vision llama-mtmd-cli llama-quantize > "$out/cmake-build.log" 2>&1 || { tail -30 "$out/cmake-build.log"; say "build failed"; exit 1; }
cp "$cm/deskpilot_vision.node" "$root/native/build/deskpilot_vision.node"
for b in llama-mtmd-cli llama-quantize; do [ -x "$cm/$b" ] || cp "$(find "$cm" -name "$b" -type f | head -1)" "$cm/$b"; done
# the loader refuses an addon built against another node-llama-cpp than the one installed: name the kit's
nlc=$(node -p "require('$root/node_modules/node-llama-cpp/package.json').version")
printf '{"nodeLlamaCpp":"%s","llamaCppRelease":"kit","platform":"linux-x64","binsDir":null,"fromSource":true,"builtAt":"%s"}\n' "$nlc" "$(date -u +%FT%TZ)" > "$root/native/build/build-info.json"
# the presets' tokenizer is read from the native build's llama.cpp checkout (qwen2VocabFile)
mkdir -p "$root/native/build/llama.cpp/models"
cp "$work/llama.cpp/models/ggml-vocab-qwen2.gguf" "$root/native/build/llama.cpp/models/"
say "built"

for p in ${presets//,/ }; do
  # a 3B step set takes minutes; don't start one that cannot finish before the deadline
  need=$([ "$p" = qwen2.5-vl-7b ] && echo 200 || echo 60)
  [ "$(left)" -gt $need ] || { say "skipping $p: $(left)s left of the budget"; continue; }
  say "bench $p at $tokens image tokens, --gpu-layers $layers ($(left)s left)"
  ( while sleep 5; do mem; done ) > "$out/mem-$p.log" 2>&1 & watcher=$!
  timeout "$(left)" node "$root/bin/deskpilot.js" bench engine --preset "$p" --image-tokens "$tokens" --gpu-layers "$layers" --json > "$out/bench-$p.json"
  rc=$?; kill "$watcher" 2>/dev/null
  say "$p finished (exit $rc); peak GPU memory used: $(awk -F'total: ' '{ split($2, a, " "); if (a[1] > m) m = a[1] } END { print m+0 }' "$out/mem-$p.log") MiB"
  cat "$out/bench-$p.json"
done
mem; say "done; results in $out"
