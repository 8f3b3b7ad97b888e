#!/bin/sh
# Planbook 离线安装：sh install.sh PREFIX（默认 /opt/planbook），不访问任何网络。
# 装三样东西，都来自本安装包：
#   debs/    Planbook 需要的 Debian 软件包（Pango、HarfBuzz 子集化库、fontconfig、git、python3-venv、
#            中文后备字体）及其依赖：只装这台机器上还没有的（需要 root）；
#   wheels/  Planbook 和它依赖的全部 Python 软件包：装进 PREFIX 中的虚拟环境，PREFIX/bin/planbook 即可运行；
#   fonts/   开源的 Fandol 字体：放进 PREFIX/share/planbook/fonts/fandol，planbook 自动找到（与办公电脑相同）。
# 见 docs/init.md（本安装包中的 安装说明.md）。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${1:-/opt/planbook}
PY=${PYTHON:-python3}
say() { printf '==> %s\n' "$*" >&2; }

# 1. Debian 软件包：这台机器上没有的才装
if [ -d "$HERE/debs" ] && command -v dpkg >/dev/null; then
  todo=""
  for deb in "$HERE"/debs/*.deb; do
    [ -e "$deb" ] || continue
    pkg=$(dpkg-deb -f "$deb" Package)
    arch=$(dpkg-deb -f "$deb" Architecture)
    st=$(dpkg-query -W -f '${Status}' "$pkg:$arch" 2>/dev/null || dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null || true)
    case "$st" in *" installed") ;; *) todo="$todo $deb" ;; esac
  done
  if [ -n "$todo" ]; then
    if [ "$(id -u)" != 0 ]; then
      say "需要 root 安装 Debian 软件包：请用 root（或 sudo）运行 sh install.sh $PREFIX"; exit 1
    fi
    say "安装 Debian 软件包：$(echo $todo | wc -w) 个"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive dpkg -i $todo >/dev/null
  fi
elif [ -d "$HERE/debs" ]; then
  say "这不是 Debian 系统：请自行安装 Pango、HarfBuzz（含 libharfbuzz-subset）、fontconfig、git 和 Python 的 venv 模块"
fi

# 2. Python 软件包：只从 wheels/ 安装（--no-index：不访问任何软件包索引）
want=$(cat "$HERE/PYTHON")
have=$("$PY" -c 'import sys, sysconfig; print(f"{sys.version_info[0]}.{sys.version_info[1]} {sysconfig.get_platform()}")')
if [ "$want" != "$have" ]; then
  say "本安装包是为 Python $want 制作的，这台机器的 $PY 是 $have：请在同样的系统上重新运行 ./dev.sh bundle，或用 PYTHON= 指定对应的 Python"
  exit 1
fi
say "安装 Planbook 到 $PREFIX"
"$PY" -m venv "$PREFIX"
"$PREFIX/bin/python" -m pip install -q --no-index --find-links "$HERE/wheels" "planbook[all]==$(cat "$HERE/VERSION")" pre-commit

# 3. Fandol 字体
mkdir -p "$PREFIX/share/planbook/fonts/fandol"
cp "$HERE"/fonts/*.otf "$PREFIX/share/planbook/fonts/fandol/"

"$PREFIX/bin/planbook" --version
say "完成：把 $PREFIX/bin 加入 PATH（如 ln -s $PREFIX/bin/planbook $PREFIX/bin/pre-commit /usr/local/bin/），然后 planbook init 目录"
