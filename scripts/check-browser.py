#!/usr/bin/env python3
"""planc's HTML pages in a real browser (headless Chromium).

For each page, at a desktop width (1280 px) and a phone width (390 px):
  - layout, read from the browser itself: a copy of the page gets a small script (the page's own
    Content-Security-Policy, which forbids scripts, is taken out of the copy only) that, after
    load, measures every inline SVG chart (its box and the box of what it drew: a chart that did
    not parse draws nothing) and whether anything makes the page scroll sideways (a table or chart
    wider than the screen must scroll inside its section, not push the page);
  - painting: a screenshot of the page as written, and one of a copy without its SVGs; the
    charts must change at least `--min-chart-pixels` pixels (the browser drew them), and the
    page must not be blank.

Usage: check-browser.py [--browser PATH] PAGE.html...   Exit 1 with the reasons on any failure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops

PROBE = """
<script>
addEventListener('load', () => {
  const out = {width: innerWidth, scrollWidth: document.documentElement.scrollWidth, charts: [], wide: []};
  for (const svg of document.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect();
    let drawn = 0;
    try { const b = svg.getBBox(); drawn = b.width * b.height; } catch (e) { drawn = -1; }
    out.charts.push({id: svg.id || svg.getAttribute('class') || '', width: r.width, height: r.height, drawn: drawn,
                     shapes: svg.querySelectorAll('path,rect,line,polyline,circle,text').length});
  }
  for (const el of document.querySelectorAll('table,svg,pre')) {
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth + 1) {
      let scroller = el.parentElement;
      while (scroller && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
      if (!scroller || scroller === document.documentElement || scroller === document.body)
        out.wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' right edge ' + Math.round(r.right));
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'planc-probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def browser_path(given):
    for name in [given, "chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    sys.exit("check-browser.py: no headless Chromium (apt-get install chromium-headless-shell)")


def run(browser, args, url):
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", "--font-render-hinting=none"] + args + [url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def probe(browser, page, folder, width):
    text = open(page, encoding="utf-8").read()
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    text = text.replace("</body>", PROBE + "</body>", 1)
    copy = os.path.join(folder, "probe.html")
    open(copy, "w", encoding="utf-8").write(text)
    done = run(browser, [f"--window-size={width},2000", "--dump-dom", "--virtual-time-budget=2000"], "file://" + copy)
    found = re.search(r'<pre id="planc-probe">(.*?)</pre>', done.stdout, re.S)
    if not found:
        raise RuntimeError(f"the probe did not report (browser exit {done.returncode}): {done.stderr[-400:]}")
    return json.loads(found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def screenshot(browser, page, folder, name, width, height):
    target = os.path.join(folder, name)
    done = run(browser, [f"--window-size={width},{height}", f"--screenshot={target}"], "file://" + page)
    if not os.path.exists(target):
        raise RuntimeError(f"no screenshot (browser exit {done.returncode}): {done.stderr[-400:]}")
    return Image.open(target).convert("RGB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--browser")
    parser.add_argument("--min-chart-pixels", type=int, default=2000)
    parser.add_argument("pages", nargs="+")
    options = parser.parse_args()
    browser = browser_path(options.browser)
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        for page in options.pages:
            page = os.path.abspath(page)
            name = os.path.basename(page)
            svgs = open(page, encoding="utf-8").read().count("<svg")
            for width in (1280, 390):
                try:
                    found = probe(browser, page, folder, width)
                except Exception as error:  # noqa: BLE001 - report and go on
                    failures.append(f"{name} at {width} px: {error}")
                    continue
                if len(found["charts"]) != svgs:
                    failures.append(f"{name} at {width} px: {svgs} <svg> in the file, the browser has {len(found['charts'])}")
                for chart in found["charts"]:
                    if chart["width"] < 50 or chart["height"] < 30 or chart["drawn"] <= 0 or chart["shapes"] == 0:
                        failures.append(f"{name} at {width} px: chart {chart['id'] or '?'} is not drawn ({chart})")
                if found["scrollWidth"] > found["width"] + 1:
                    failures.append(f"{name} at {width} px: the page scrolls sideways ({found['scrollWidth']} px wide)")
                for wide in found["wide"]:
                    failures.append(f"{name} at {width} px: {wide} overflows the screen without a scroller")
                print(f"{name} at {width} px: {len(found['charts'])} charts drawn, page {found['scrollWidth']} px wide")
            try:
                full = screenshot(browser, page, folder, "full.png", 1280, 4000)
                colours = full.resize((64, 200)).getcolors(64 * 200) or []
                if len(colours) < 8:
                    failures.append(f"{name}: the screenshot is nearly blank ({len(colours)} colours)")
                if svgs:
                    text = open(page, encoding="utf-8").read()
                    bare = os.path.join(folder, "bare.html")
                    open(bare, "w", encoding="utf-8").write(re.sub(r"<svg\b.*?</svg>", "", text, flags=re.S))
                    without = screenshot(browser, bare, folder, "bare.png", 1280, 4000)
                    changed = ImageChops.difference(full, without).convert("L").point(lambda v: 255 if v > 24 else 0).histogram()[255]
                    if changed < options.min_chart_pixels * svgs:
                        failures.append(f"{name}: the {svgs} charts changed only {changed} pixels")
                    print(f"{name}: the {svgs} charts painted {changed} pixels")
            except Exception as error:  # noqa: BLE001
                failures.append(f"{name}: {error}")
    if failures:
        print("\n".join("FAIL " + failure for failure in failures), file=sys.stderr)
        sys.exit(1)
    print(f"check-browser.py: {len(options.pages)} pages, every chart drawn, nothing overflows")


if __name__ == "__main__":
    main()
