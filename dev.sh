#!/usr/bin/env bash
# Set-up and the two everyday jobs, on a fresh Debian machine that has only Python:
#   ./dev.sh example   install what is missing, then build the bundled examples (site and PDFs into output/)
#   ./dev.sh test      install what is missing, then run the whole test suite
#   ./dev.sh bundle    write dist/planbook-offline-VERSION.tar.gz: everything to install Planbook with no network
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
#   chromium (browser tests drive Debian's build; no download), zbar-tools (zbarimg reads the level cards'
#   QR codes back in the tests), fontconfig (fc-match: fonts by family name) and libreoffice-writer (the tests
#   convert the Word .docx of the plans to PDF headless and measure its layout)
APT_PACKAGES=(git libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk fonts-arphic-ukai
              fonts-wqy-zenhei poppler-utils libnss3-tools chromium zbar-tools libreoffice-writer)
# The Fandol fonts (仿宋 / 宋 / 黑 / 楷, GPL with font exception) ship only inside texlive-lang-chinese;
# its .deb is unpacked into .fonts/fandol without installing TeX Live and its 150 dependencies.
FONT_DIR=.fonts/fandol
# What an office's machine needs at run time (the offline bundle carries these with their dependencies):
# WeasyPrint's libraries, fontconfig (fonts by family name), git, Python's venv, the CJK fallback fonts
RUNTIME_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig git python3-venv
                  fonts-noto-cjk fonts-arphic-ukai fonts-wqy-zenhei)

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

# The offline bundle: wheels of Planbook and all its dependencies for this platform and Python, the Fandol
# fonts, the Debian packages of RUNTIME_PACKAGES with their dependencies, and install.sh (no network).
# DIST chooses the output folder (default dist/).
bundle() {
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { log "需要 Python 3.11 或更高版本"; exit 2; }
  fandol
  local version dist name stage
  version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' generator/__init__.py)
  dist=$(mkdir -p "${DIST:-dist}" && cd "${DIST:-dist}" && pwd)
  name=planbook-offline-$version
  stage=$(mktemp -d "$dist/.$name.XXXXXX")
  chmod 755 "$stage"  # apt's download user writes into it
  BUNDLE_STAGE=$stage
  trap 'rm -rf "$BUNDLE_STAGE"' EXIT
  mkdir -p "$stage/$name"/{wheels,debs,fonts}
  log "Python 软件包（本机的 Python 和平台）→ wheels/"
  "$PY" -m pip wheel -q -w "$stage/$name/wheels" ".[all]" pre-commit
  "$PY" -c 'import sys, sysconfig; print(f"{sys.version_info[0]}.{sys.version_info[1]} {sysconfig.get_platform()}")' \
    > "$stage/$name/PYTHON"
  echo "$version" > "$stage/$name/VERSION"
  log "Fandol 字体 → fonts/"
  cp "$FONT_DIR"/Fandol{Fang-Regular,Song-Regular,Song-Bold,Hei-Regular,Hei-Bold,Kai-Regular}.otf "$stage/$name/fonts/"
  log "Debian 软件包及其依赖 → debs/"
  # apt resolves the packages as for a machine with nothing installed (an empty dpkg status), so debs/ holds
  # every dependency, first alternatives only, and downloads them without installing anything here
  mkdir -p "$stage/apt/partial" && : > "$stage/apt/status"
  local apt_opts=(-o Dir::State::status="$stage/apt/status" -o Dir::Cache::archives="$stage/apt"
                  -o Debug::NoLocking=1 --download-only --no-install-recommends -y -qq)
  apt-get "${apt_opts[@]}" install "${RUNTIME_PACKAGES[@]}" >/dev/null 2>&1 \
    || { as_root apt-get update -qq; apt-get "${apt_opts[@]}" install "${RUNTIME_PACKAGES[@]}" >/dev/null; }
  mv "$stage"/apt/*.deb "$stage/$name/debs/"
  cp scripts/offline-install.sh "$stage/$name/install.sh"
  cp docs/init.md "$stage/$name/安装说明.md"
  tar -czf "$stage/$name.tar.gz" -C "$stage" "$name"
  mv "$stage/$name.tar.gz" "$dist/$name.tar.gz"
  log "已写出 $dist/$name.tar.gz（$(du -h "$dist/$name.tar.gz" | cut -f1)）：解开后 sh install.sh /opt/planbook"
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
  bundle)
    bundle
    ;;
  *)
    echo "用法：./dev.sh example | test [pytest 参数] | setup | bundle" >&2
    exit 2
    ;;
esac
