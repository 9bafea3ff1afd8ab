#!/usr/bin/env bash
# Installs gapcheck for every user of the machine: the binary, the checklists under PREFIX/share/gapcheck, the man
# page and the bash/zsh completions. Everything written is listed in a manifest, which --uninstall removes.
#   scripts/install.sh [--prefix DIR] [--binary FILE] [--no-man]
#   scripts/install.sh --uninstall [--prefix DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
binary=""
man=1
uninstall=0
usage() { echo "用法：scripts/install.sh [--prefix 目录] [--binary 文件] [--no-man] [--uninstall]" >&2; exit 2; }
while (($#)); do
  case "$1" in
    --prefix) [[ $# -ge 2 ]] || usage; prefix="$2"; shift 2 ;;
    --binary) [[ $# -ge 2 ]] || usage; binary="$2"; shift 2 ;;
    --no-man) man=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage ;;
    *) echo "未知选项：$1" >&2; usage ;;
  esac
done

share="$prefix/share/gapcheck"
manifest="$share/install-manifest.txt"

if ((uninstall)); then
  [[ -f "$manifest" ]] || { echo "未找到安装清单 $manifest，没有可卸载的内容" >&2; exit 1; }
  mapfile -t entries < "$manifest"
  rm -f -- "$manifest"
  # Files first, then the folders the install made, deepest first, and only when nothing else was put in them.
  for f in "${entries[@]}"; do [[ "$f" == */ ]] || rm -f -- "$f"; done
  printf '%s\n' "${entries[@]}" | grep '/$' | sort -r | while IFS= read -r d; do rmdir -- "$d" 2>/dev/null || true; done
  echo "已卸载 gapcheck（$prefix）"
  exit 0
fi

if [[ -z "$binary" ]]; then
  # A static Swift standard library, so the installed binary does not need the toolchain at run time.
  swift build -c release --static-swift-stdlib --product gapcheck
  binary="$(swift build -c release --show-bin-path)/gapcheck"
fi
[[ -x "$binary" ]] || { echo "找不到可执行文件：$binary" >&2; exit 2; }

written=()
folder() { [[ -d "$1" ]] || { mkdir -p -- "$1"; written+=("$1/"); }; }
folders() { local d="$1" made=(); while [[ ! -d "$d" ]]; do made=("$d" "${made[@]}"); d="$(dirname "$d")"; done
  for d in "${made[@]}"; do folder "$d"; done; }

folders "$prefix/bin"
install -m 755 "$binary" "$prefix/bin/gapcheck"
written+=("$prefix/bin/gapcheck")

folders "$share"
rm -rf -- "$share/Checklists"
cp -R Checklists "$share/Checklists"
chmod -R a+rX "$share/Checklists"
written+=("$share/Checklists/")
while IFS= read -r f; do written+=("$f"); done < <(find "$share/Checklists" -type f | sort)
while IFS= read -r d; do written+=("$d/"); done < <(find "$share/Checklists" -mindepth 1 -type d | sort)

if ((man)); then
  folders "$prefix/share/man/man1"
  install -m 644 docs/gapcheck.1 "$prefix/share/man/man1/gapcheck.1"
  written+=("$prefix/share/man/man1/gapcheck.1")
fi

folders "$prefix/share/bash-completion/completions"
"$prefix/bin/gapcheck" --generate-completion-script bash > "$prefix/share/bash-completion/completions/gapcheck"
written+=("$prefix/share/bash-completion/completions/gapcheck")
folders "$prefix/share/zsh/site-functions"
"$prefix/bin/gapcheck" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_gapcheck"
written+=("$prefix/share/zsh/site-functions/_gapcheck")

printf '%s\n' "${written[@]}" > "$manifest"
echo "已安装 gapcheck 到 $prefix/bin/gapcheck；检查清单：$share/Checklists；卸载：scripts/install.sh --uninstall --prefix $prefix"
