#!/usr/bin/env bash
# `tally report --html` end to end: a ledger built as tests/cli/pool_test.sh
# builds one (three months of the sample data recorded), its report written,
# then rendered by headless Chromium and what the page shows compared with
# what `tally pool` prints and `tally eval` computes for the same term. Also
# the refusals, bad requests and write failures, which leave no file behind.
# Chromium is part of the project's setup (tools/setup.sh): without it the
# test fails rather than pass unchecked.
#   tests/cli/html_report_test.sh TALLY SOURCE_DIR
set -euo pipefail

tally=$1
cd "$2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
source tests/cli/expect.sh # from the source folder, the current one

if ! command -v chromium >/dev/null 2>&1; then
  echo "FAIL: chromium is not installed; tools/setup.sh installs it (Debian's chromium package)" >&2
  exit 1
fi

ledger="$scratch/qflex.db"
report="$scratch/report.html"
# Each of the characters HTML escapes, to see the page show the name as given.
subscription="acme <R&D> \"2026\" o'brien"

pool() {
  local action=$1
  shift
  "$tally" pool "$action" --ledger "$ledger" --subscription "$subscription" "$@"
}

report() {
  "$tally" report --ledger "$ledger" --subscription "$subscription" "$@"
}

# Chromium with nothing of its own to fetch: no sync, updates or field trials.
chromium_run() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$scratch/chromium.XXXXXX")" "$@"
}

# ---------------------------------------------------------------- the ledger
expect_exit 0 pool create --user alice --start 2026-01-01 --purchased 2000 --today 2025-12-20
expect_exit 0 pool allocate --user alice --rules rules --qlu VMDR=130 --qlu ETM=200 --qlu EDR=60 --qlu PM=0 \
  --today 2025-12-20
expect_exit 0 pool record --user alice --rules rules --data examples/sample/observations.csv --today 2026-04-01
expect_output "recorded 732 periods of 24 products"
expect_exit 0 pool thresholds --user alice --percent 50 --percent 90 --percent 100 --today 2026-04-01
# In force from 2026-04-01, after every period recorded: the charts keep 130.
expect_exit 0 pool rebalance --user alice --rules rules --qlu VMDR=150 --today 2026-04-01

# ---------------------------------------------------------------- refusals and failures
expect_exit 1 report --html "$report" --user mallory --today 2026-04-02
expect_error "tally: refused: mallory may not view the usage of $subscription"
if [ -e "$report" ] || [ -e "$report.tmp" ]; then fail "a refused report left a file"; fi
expect_exit 0 pool audit --user alice --format json
python3 -c 'import json, sys; e = json.load(open(sys.argv[1]))[-1]
assert (e["who"], e["action"], e["outcome"]) == ("mallory", "status", "refused"), e' "$scratch/out" ||
  fail "the refused report is not in the audit log"
expect_exit 2 report --html "$report" --user alice --today 2026-13-01
expect_error "--today takes a date YYYY-MM-DD, not \`2026-13-01\`"
expect_exit 2 report --user alice
expect_error "report needs --html FILE"
expect_exit 2 report --html "$report" --user alice --rules rules
expect_error "report's licences section needs --rules FILE|DIR, --data FILE and --as-of DATE together"
expect_exit 2 report --html "$scratch/no such folder/report.html" --user alice --today 2026-04-02
expect_error "tally: cannot write $scratch/no such folder/report.html.tmp: No such file or directory"
# A write that fails leaves the page before it as it was.
echo "the report before" >"$report"
mkdir "$report.tmp"
expect_exit 2 report --html "$report" --user alice --today 2026-04-02
expect_error "tally: cannot write $report.tmp: Is a directory"
[ "$(cat "$report")" = "the report before" ] || fail "a failed report changed the file before it"
rmdir "$report.tmp"

# ---------------------------------------------------------------- the report
expect_exit 0 report --html "$report" --user alice --today 2026-04-02
expect_output "wrote the report of $subscription to $report"
[ ! -e "$report.tmp" ] || fail "the report left its temporary file"
! grep -Eq 'https?://' "$report" || fail "the report names a URL: $(grep -Eo 'https?://[^"< ]*' "$report" | head -3)"
! grep -Eqi '<script|<link|<img|<iframe|src=|href=|url\(' "$report" || fail "the report refers to something outside it"

# What the ledger and the engine say, to compare the page with.
pool show --user alice --today 2026-04-02 >"$scratch/show.txt"
pool status --user alice --today 2026-04-02 >"$scratch/status.txt"
pool alerts --user alice --today 2026-04-02 >"$scratch/alerts.txt"
pool export --user alice --report subscription --format json --today 2026-04-02 >"$scratch/subscription.json"
"$tally" eval --rules rules --data examples/sample/observations.csv --start 2026-01-01 --end 2026-12-31 \
  --format json >"$scratch/eval.json"

chromium_run --dump-dom "file://$report" >"$scratch/dom.html" 2>"$scratch/chromium.err" ||
  { fail "chromium could not render the report"; cat "$scratch/chromium.err" >&2; }
python3 - "$scratch" "$subscription" <<'CHECK' || fail "the rendered report differs from the ledger"
import html.parser, json, re, sys
from decimal import Decimal, ROUND_HALF_EVEN, getcontext
from fractions import Fraction

scratch, subscription = sys.argv[1], sys.argv[2]
getcontext().prec = 200
problems = []

def check(ok, message):
    if not ok:
        problems.append(message)

# ---- the rendered page as a tree
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []
    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)
    def all(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.all()
    def having(self, css_class, tag=None):
        return [n for n in self.all() if css_class in n.attrs.get("class", "").split() and tag in (None, n.tag)]
    def tagged(self, tag):
        return [n for n in self.all() if n.tag == tag]

class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#document", [], None)
    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node
    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, attrs, self.at))
    def handle_endtag(self, tag):
        node = self.at
        while node.parent and node.tag != tag:
            node = node.parent
        if node.parent:
            self.at = node.parent
    def handle_data(self, data):
        self.at.children.append(data)

tree = Tree()
tree.feed(open(f"{scratch}/dom.html", encoding="utf-8").read())
page = tree.root

def by_id(name):
    found = [n for n in page.all() if n.attrs.get("id") == name]
    check(len(found) == 1, f"{len(found)} elements with id {name}")
    return found[0] if found else Node("missing", [], None)

# ---- quantities as tally prints them: exact decimals, grouped; without a finite
# form, ~ and all 6 places (the width tells the precision)
def decimal_text(value):
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

def grouped(text):
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = text.partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"

def finite(value):
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1

def shown(value):
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if finite(value):
        return grouped(decimal_text(exact))
    return "~" + grouped(format(exact.quantize(Decimal("0.000001"), ROUND_HALF_EVEN), "f"))

def percent(value):
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return decimal_text(exact.quantize(Decimal("0.1"), ROUND_HALF_EVEN)) + "%"

def columns(line):  # tally's text tables: columns apart by two spaces or more
    return re.split(r"\s{2,}", line.strip())

# ---- what tally eval computes: every period, its QLU exact
evaluated = json.load(open(f"{scratch}/eval.json"))
periods = {p["product"]: [(q["start"], q["end"], q["partial"], Fraction(q.get("qlu_exact", q["qlu"])))
                          for q in p["periods"]] for p in evaluated["products"]}

# ---- the allocation in force on a day, from the ledger's allocation changes
changes = json.load(open(f"{scratch}/subscription.json"))["allocation_changes"]
def allocated_on(product, day):
    in_force = None
    for change in changes:  # in effective order
        if change["product"] == product and change["effective"] <= day:
            in_force = Fraction(change["after"])
    return in_force

# ---- header
check(by_id("subscription").text() == subscription, f"subscription shown as {by_id('subscription').text()!r}")
check(page.tagged("title")[0].text() == f"QFlex report: {subscription}", "the page's title")
for name, want in [("term", "2026-01-01 .. 2026-12-31"), ("contact", "alice"), ("as-of", evaluated["as_of"]),
                   ("generated-on", "2026-04-02"), ("kept", "2025-04-03 .. 2026-04-02")]:
    check(by_id(name).text() == want, f"{name}: {by_id(name).text()!r}, not {want!r}")

# ---- the gauge: as `pool show` prints purchased and allocated; used, the latest periods' sum
show = dict(columns(line) for line in open(f"{scratch}/show.txt") if re.match(r"^(purchased|allocated) ", line))
check(by_id("gauge-purchased").text() == show["purchased"], f"purchased {by_id('gauge-purchased').text()}")
check(by_id("gauge-allocated").text() == show["allocated"], f"allocated {by_id('gauge-allocated').text()}")
used = sum(max(rows)[3] for rows in periods.values())
check(by_id("gauge-used").text() == shown(used), f"used {by_id('gauge-used').text()}, not {shown(used)}")

# ---- each product: its line of `pool status`, and every period charted and tabled
status = {}
lines = open(f"{scratch}/status.txt").read().splitlines()
for line in lines[lines.index(next(l for l in lines if l.startswith("product "))) + 1:]:
    product, period, allocated, used_text, remaining, share, band = columns(line)
    status[product] = (allocated, used_text, share, band)
sections = {s.attrs["data-product"]: s for s in page.having("product", "section")}
check(set(sections) == set(status), f"sections for {sorted(sections)}, not {sorted(status)}")
check(set(periods) <= set(status), "a product evaluated has no status line")
for product, (allocated, used_text, share, band) in status.items():
    section = sections.get(product)
    if section is None:
        continue
    latest = section.having("latest-used")
    check(latest and latest[0].text() == used_text, f"{product}: latest used {latest and latest[0].text()}, "
          f"`pool status` says {used_text}")
    check(section.having("band")[0].text() == band, f"{product}: band {section.having('band')[0].text()}")
    if allocated != "-":
        check(section.having("latest-allocated")[0].text() == allocated, f"{product}: allocated")
        check(section.having("latest-share")[0].text() == share, f"{product}: share")
    rows = [[td.text() for td in tr.tagged("td")] for tr in section.tagged("tbody")[0].tagged("tr")]
    titles = [rect.tagged("title")[0].text() for rect in section.having("column", "rect")]
    over = [rect for rect in section.having("over", "rect")]
    want_rows, want_titles, want_over = [], [], 0
    for start, end, partial, qlu in periods.get(product, []):
        limit = allocated_on(product, end)
        period = f"{start} .. {end}" + (" (partial)" if partial else "")
        want_rows.append([period, shown(qlu), grouped(decimal_text(Decimal(limit.numerator) / limit.denominator))
                          if limit is not None else "-", percent(qlu * 100 / limit) if limit else "-"])
        want_titles.append(f"{period}: {shown(qlu)} QLU, {want_rows[-1][2] if limit is not None else 'none'} "
                           "allocated")
        want_over += limit is not None and qlu > limit
    check(rows == want_rows, f"{product}: the table differs: "
          f"{[(a, b) for a, b in zip(rows, want_rows) if a != b][:3] or (len(rows), len(want_rows))}")
    check(titles == want_titles, f"{product}: the chart's columns differ: "
          f"{[(a, b) for a, b in zip(titles, want_titles) if a != b][:3] or (len(titles), len(want_titles))}")
    check(len(over) == want_over, f"{product}: {len(over)} columns past the allocation, not {want_over}")

# ---- alerts, as `pool alerts` lists them
alert_lines = open(f"{scratch}/alerts.txt").read().splitlines()
check(by_id("thresholds").text() == alert_lines[0].removeprefix("thresholds: "), "thresholds")
want_alerts = [columns(line) for line in alert_lines[3:]]
shown_alerts = [[td.text() for td in tr.tagged("td")] for tr in page.having("alert", "tr")]
check(len(want_alerts) >= 3 and shown_alerts == want_alerts, f"alerts {shown_alerts}, not {want_alerts}")

check(by_id("no-licences").text() == "No licence evaluation given.", "the licence section")

for problem in problems:
    print("FAIL:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
CHECK

# ---------------------------------------------------------------- licences
# With the licenses of the rules counted on a day, under the ledger's settings:
# the section shows what `tally licenses` counts, over its limit here.
expect_exit 0 "$tally" licenses set --ledger "$ledger" --subscription "$subscription" --user alice --rules rules \
  --set PM-LICENSES.limit=4 --set "PM-LICENSES.included_tags=prod;web;finance;pci" --today 2026-04-02
expect_exit 0 "$tally" licenses --ledger "$ledger" --subscription "$subscription" --user alice --rules rules \
  --data examples/sample/observations.csv --as-of 2026-03-31 --format json
cp "$scratch/out" "$scratch/licenses.json"
expect_exit 0 report --html "$report" --user alice --today 2026-04-02 --rules rules \
  --data examples/sample/observations.csv --as-of 2026-03-31
chromium_run --dump-dom "file://$report" >"$scratch/dom.html" 2>"$scratch/chromium.err" ||
  { fail "chromium could not render the report"; cat "$scratch/chromium.err" >&2; }
python3 - "$scratch/dom.html" "$scratch/licenses.json" <<'CHECK' || fail "the licence section differs from tally licenses"
import json, re, sys
dom, counted = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))["licenses"][0]
def shown(id):
    found = re.search(f'id="{id}"[^>]*>([^<]*)<', dom)
    assert found, f"no {id} on the page"
    return found.group(1).replace(",", "")
assert shown("licence-licensed") == counted["licensed"], (shown("licence-licensed"), counted)
assert shown("licence-unlicensed") == counted["unlicensed"], (shown("licence-unlicensed"), counted)
assert int(counted["consumed"]) > int(counted["limit"]), counted  # the over-limit case
assert shown("licence-consumption") == counted["consumption_percent"] + "%", (shown("licence-consumption"), counted)
for system in ("windows", "linux", "mac"):
    assert re.search(f'id="licence-os-{system}"', dom), f"no bar for {system}"
CHECK

# ---------------------------------------------------------------- what it looks like
chromium_run --hide-scrollbars --window-size=1280,4000 --screenshot="$scratch/report.png" "file://$report" \
  >/dev/null 2>"$scratch/chromium.err" || { fail "chromium could not take a screenshot"; cat "$scratch/chromium.err" >&2; }
python3 - "$scratch/report.png" <<'CHECK' || fail "the screenshot is not a 1280 x 4000 PNG with a page in it"
import struct, sys
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:8]
width, height = struct.unpack(">II", png[16:24])
assert (width, height) == (1280, 4000), (width, height)
assert len(png) > 50_000, len(png) # a blank page of that size compresses to a few kilobytes
CHECK

finish html-report
