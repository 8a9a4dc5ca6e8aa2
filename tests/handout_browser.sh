#!/usr/bin/env bash
# The client handout in a real browser (headless Chromium from the OS packages), printed to PDF
# on Letter and on A4, and checked with poppler-utils:
#   - the HTML asks for nothing outside itself: no src/href/url() but "#..." and data:, no
#     scripts, links, frames or imports; and, loaded with the network off (a network namespace
#     of its own when unshare works), Chromium's network log shows no request made by the page
#     (a copy with one external image must be caught, so the check is known to work);
#   - every page of each PDF has the paper's size, and the page count is sensible;
#   - nothing was shrunk to fit: a word of the page header prints at the size of the same word
#     in the page footer (Chromium scales a page down when its content is wider than the paper);
#   - every word lies inside the page box less its margins (nothing runs off the paper);
#   - no chart is cut: each figure's title ("Figure 1a: ...") and its caption ("Figure 1a. ...")
#     print on the same page.
# The first page of the demo's handout on Letter is written to $HANDOUT_PNG when it is set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
for tool in pdfinfo pdftotext pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "handout_browser: $tool (poppler-utils) is not available: skipping"
        exit 0
    fi
done
if [ -z "$CHROMIUM" ]; then
    echo "handout_browser: chromium is not available: skipping"
    exit 0
fi

cargo build --quiet
BIN=target/debug/drawdown
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Without a network when the kernel lets us make a namespace of our own.
NONET=()
if unshare -n true >/dev/null 2>&1; then
    NONET=(unshare -n)
fi

chrome() {
    local profile
    profile=$(mktemp -d "$WORK/profile.XXXX")
    timeout 120 "${NONET[@]}" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --no-default-browser-check --user-data-dir="$profile" \
        --no-pdf-header-footer "$@" >"$WORK/chrome.log" 2>&1 || {
        cat "$WORK/chrome.log"
        return 1
    }
}

# Requests the page itself made (the browser's own service requests have no file:// site).
page_requests() {
    grep '"network_isolation_key":"file://' "$1" | grep -o '"url":"[^"]*"' |
        grep -v -E '"url":"(file|data):' || true
}

static_check() {
    local html=$1
    local bad
    bad=$(grep -o -i -E '(src|href)[[:space:]]*=[[:space:]]*"[^"#][^"]*"|url\([[:space:]]*[^)#[:space:]][^)]*\)' "$html" |
        grep -v -i -E '"data:|url\([[:space:]]*"?data:' || true)
    [ -z "$bad" ] || fail "$html refers to outside resources: $bad"
    if grep -q -i -E '<script|<link|<iframe|<object|<embed|<img|@import|https?://' "$html"; then
        fail "$html has a script, link, frame, image, import or URL"
    fi
}

network_check() {
    local html=$1 log=$WORK/net.json
    chrome --log-net-log="$log" --print-to-pdf="$WORK/net.pdf" "file://$html"
    page_requests "$log"
}

# Every word inside the page box less its margins, and the page not shrunk to fit.
layout_ok() {
    local pdf=$1 name=$2
    pdftotext -bbox "$pdf" "$WORK/bbox.html"
    # Margins: 15 mm on the sides and top, 16 mm at the bottom (handout.css), less 1 pt; the
    # footer's margin boxes only inside the page.
    awk -v name="$name" '
        /<page / { page++; match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8) + 0;
                   match($0, /height="[0-9.]+"/); h = substr($0, RSTART + 8, RLENGTH - 9) + 0 }
        /<word / {
            split($0, f, "\""); x0 = f[2] + 0; y0 = f[4] + 0; x1 = f[6] + 0; y1 = f[8] + 0;
            word = $0; sub(/.*">/, "", word); sub(/<\/word>.*/, "", word);
            footer = y0 > h - 45.35;   # the page number and title sit in the bottom margin
            if (footer ? (x0 < 0 || x1 > w || y1 > h) : (x0 < 42.52 - 1 || x1 > w - 42.52 + 1 || y0 < 0)) {
                printf "%s: page %d: \"%s\" at x %.1f-%.1f, y %.1f-%.1f is outside the page box\n", name, page, word, x0, x1, y0, y1; bad = 1
            }
            # The page header and footer both start with "Retirement" at the same size.
            if (page == 1 && word == "Retirement") { n++; hgt[n] = y1 - y0 }
        }
        END {
            if (n < 2) { printf "%s: the header and footer words were not found\n", name; exit 1 }
            r = hgt[1] / hgt[2];
            if (r < 0.97 || r > 1.03) { printf "%s: the page is scaled by %.2f (shrunk to fit)\n", name, r; exit 1 }
            exit bad
        }' "$WORK/bbox.html"

}

# Each figure's title and caption on the same page.
figures_ok() {
    local pdf=$1 pages=$2 name=$3
    local ok=0
    for p in $(seq 1 "$pages"); do
        pdftotext -f "$p" -l "$p" -layout "$pdf" "$WORK/page.txt"
        local tops bottoms
        tops=$(grep -o -E 'Figure [0-9]+[a-z]?:' "$WORK/page.txt" | tr -d ':' | sort | tr '\n' ' ' || true)
        bottoms=$(grep -o -E 'Figure [0-9]+[a-z]?\.' "$WORK/page.txt" | tr -d '.' | sort | tr '\n' ' ' || true)
        if [ "$tops" != "$bottoms" ]; then
            echo "$name: page $p has figure titles [$tops] but captions [$bottoms]"
            ok=1
        fi
    done
    return $ok
}

# Page sizes, scale, margins and figures of one PDF; $2 is the paper's size in points.
pdf_check() {
    local pdf=$1 width=$2 height=$3 name=$4
    local pages
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    if [ "$pages" -lt 6 ] || [ "$pages" -gt 20 ]; then
        fail "$name: $pages pages"
    fi
    local sizes
    sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4 "x" $6}' | sort -u)
    local expected
    expected=$(awk -v w="$width" -v h="$height" 'BEGIN {print w "x" h}')
    while read -r size; do
        awk -v s="$size" -v e="$expected" 'BEGIN {
            split(s, a, "x"); split(e, b, "x");
            exit !((a[1] - b[1])^2 < 1 && (a[2] - b[2])^2 < 1) }' ||
            fail "$name: a page is $size pt, not $expected"
    done <<<"$sizes"

    layout_ok "$pdf" "$name" || fail "$name: layout (see above)"
    figures_ok "$pdf" "$pages" "$name" || fail "$name: a chart is cut (see above)"
    local figures
    figures=$(pdftotext "$pdf" - | grep -c -E '^Figure [0-9]+[a-z]?\.' || true)
    [ "$figures" -ge 5 ] || fail "$name: only $figures figures"
    echo "$name: $pages pages of ${width}x${height} pt, $figures figures"
}

for variant in public private; do
    html=$WORK/D-$variant.html
    if [ "$variant" = private ]; then
        "$BIN" handout saves/D.ron --private -o "$html"
    else
        "$BIN" handout saves/D.ron -o "$html"
    fi
    static_check "$html"
    requests=$(network_check "$html")
    [ -z "$requests" ] || fail "$variant: the page requested $requests"
    for paper in letter:612:792 A4:595.28:841.89; do
        IFS=: read -r size width height <<<"$paper"
        sed "s|</head>|<style>@page { size: $size; }</style></head>|" "$html" >"$WORK/D-$variant-$size.html"
        chrome --print-to-pdf="$WORK/D-$variant-$size.pdf" "file://$WORK/D-$variant-$size.html"
        pdf_check "$WORK/D-$variant-$size.pdf" "$width" "$height" "$variant on $size"
    done
done

# The network check must see a request when there is one.
sed 's|<body>|<body><img src="http://drawdown.invalid/x.png" alt="">|' "$WORK/D-public.html" >"$WORK/leak.html"
leak=$(network_check "$WORK/leak.html")
[ -n "$leak" ] || fail "the network check missed an external image"
[ -z "$leak" ] || echo "control: an external image is caught ($leak)"

# The layout checks must see a page shrunk to fit and a chart cut across pages.
sed 's|<section id="household">|<div style="width: 240mm; height: 2mm; background: #000"></div><section id="household">|; s|</head>|<style>@page { size: A4; }</style></head>|' \
    "$WORK/D-public.html" >"$WORK/wide.html"
chrome --print-to-pdf="$WORK/wide.pdf" "file://$WORK/wide.html"
if layout_ok "$WORK/wide.pdf" "control (too wide)" >/dev/null; then
    fail "the layout check missed a page shrunk to fit"
else
    echo "control: a page too wide for A4 is caught"
fi
sed 's|</head>|<style>@page { size: A4; } figure { break-inside: auto !important; } svg.chart { min-height: 280mm; }</style></head>|' \
    "$WORK/D-public.html" >"$WORK/tall.html"
chrome --print-to-pdf="$WORK/tall.pdf" "file://$WORK/tall.html"
tall_pages=$(pdfinfo "$WORK/tall.pdf" | awk '/^Pages:/ {print $2}')
if figures_ok "$WORK/tall.pdf" "$tall_pages" "control (cut chart)" >/dev/null; then
    fail "the figure check missed a chart cut across pages"
else
    echo "control: a chart cut across pages is caught"
fi

if [ -n "${HANDOUT_PNG:-}" ]; then
    pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$WORK/D-public-letter.pdf" "${HANDOUT_PNG%.png}"
    echo "wrote $HANDOUT_PNG"
fi

if [ "$failures" -gt 0 ]; then
    echo "handout_browser: $failures failed"
    exit 1
fi
echo "handout_browser: 1 passed, 0 failed"
