#!/usr/bin/env bash
# Set-up and the two everyday jobs, on a fresh Debian machine that has only Python:
#   ./dev.sh example   install what is missing, then build the bundled examples (site and PDFs into output/)
#   ./dev.sh test      install what is missing, then run the whole test suite
# Everything the project needs is installed from here (Debian packages, a virtual
# environment with the Python packages); a second run installs nothing and is quick.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY=${PYTHON:-python3}
# Debian packages the project needs:
#   git (plan history), WeasyPrint's pango and HarfBuzz subsetter (without libharfbuzz-subset0
#   CJK PDFs render 20-30x slower), open CJK fonts, poppler-utils (pdffonts, pdfsig, pdftotext,
#   pdftoppm for the tests), libnss3-tools (certutil: a trust store for pdfsig in the signing tests),
#   chromium (browser tests drive Debian's build; no download), libreoffice-writer (the tests convert the Word
#   .docx of the plans to PDF headless and measure its layout)
APT_PACKAGES=(git libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-arphic-ukai
              fonts-wqy-zenhei poppler-utils libnss3-tools chromium libreoffice-writer)
# The Fandol fonts (仿宋 / 宋 / 黑 / 楷, GPL with font exception) ship only inside texlive-lang-chinese;
# its .deb is unpacked into .fonts/fandol without installing TeX Live and its 150 dependencies.
FONT_DIR=.fonts/fandol

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "需要 root 权限安装系统软件包：$*"; return 1; fi
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    log "不是 Debian 系统，请自行安装：${missing[*]}"; return 1
  fi
  log "安装系统软件包：${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

fandol() {
  [ -f "$FONT_DIR/FandolFang-Regular.otf" ] && return 0
  log "取出 Fandol 字体到 $FONT_DIR"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null 2>&1) || { as_root apt-get update -qq; (cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null); }
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  mkdir -p "$FONT_DIR"
  cp "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/*.otf "$FONT_DIR"/
  rm -rf "$tmp"
}

setup() {
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { log "需要 Python 3.11 或更高版本"; exit 2; }
  apt_install "${APT_PACKAGES[@]}"
  fandol
  if [ ! -x "$VENV/bin/python" ]; then
    log "创建虚拟环境 $VENV"
    if ! "$PY" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install python3-venv
      "$PY" -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.planbook-installed" want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "安装 Python 软件包"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e '.[test]'
    echo "$want" > "$stamp"
  fi
}

case "${1:-}" in
  example)
    setup
    log "planbook build（示例库）：检查，生成公文 PDF 和内网站点到 output/"
    "$VENV/bin/planbook" build
    log "打开 output/site/index.html 浏览站点；PDF 在 output/pdf/"
    ;;
  test)
    setup
    shift
    "$VENV/bin/python" -m pytest "$@"
    ;;
  setup)
    setup
    ;;
  *)
    echo "用法：./dev.sh example | test [pytest 参数] | setup" >&2
    exit 2
    ;;
esac
