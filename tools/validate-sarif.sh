#!/usr/bin/env bash
# Validates SARIF logs twice:
#   1. against the SARIF 2.1.0 JSON schema, with Ajv (JSON Schema 2020-12);
#   2. with the SARIF Multitool's `validate`, Microsoft's SARIF validator,
#      which applies the schema again plus the spec's rules that a schema
#      cannot express (consistent indexes, regions, URIs, ...).
# The schema is the sarif-2.1.0.json that ships in the Multitool's npm package.
#
#   tools/validate-sarif.sh FILE...
#
# Everything comes from the npm registry, pinned, and is installed once into
# $SARIF_VALIDATOR_DIR (default: build/sarif-validator); later runs reuse it
# and need no network. Exit codes: 0 every file is valid, 1 a file is not,
# 2 a usage mistake, 77 node is missing, or npm when the validators are not
# installed yet (ctest reports a skip), other non-zero when the install failed.
set -euo pipefail

readonly multitool_version=5.7.0
readonly ajv_version=8.17.1
readonly ajv_formats_version=3.0.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SARIF_VALIDATOR_DIR:-$here/../build/sarif-validator}

if [ $# -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
  [ $# -eq 0 ] && exit 2
  exit 0
fi
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "validate-sarif: no such file: $file" >&2
    exit 2
  fi
done

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "validate-sarif: $1 is not installed; cannot validate (skipped)" >&2
    exit 77
  fi
}
require node

# ------------------------------------------------------------------ install, once
stamp="$cache/.installed-multitool-$multitool_version-ajv-$ajv_version-formats-$ajv_formats_version"
if [ ! -f "$stamp" ]; then
  require npm
  mkdir -p "$cache"
  cat >"$cache/package.json" <<EOF
{
  "name": "tally-sarif-validator",
  "private": true,
  "description": "Installed by tools/validate-sarif.sh",
  "dependencies": {
    "@microsoft/sarif-multitool-linux": "$multitool_version",
    "ajv": "$ajv_version",
    "ajv-formats": "$ajv_formats_version"
  }
}
EOF
  echo "validate-sarif: installing the validators into $cache (once)" >&2
  # --ignore-scripts: nothing from the registry runs at install time; the one
  # install step the Multitool needs (making its binary executable) is below.
  npm install --prefix "$cache" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
  chmod u+x "$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  touch "$stamp"
fi

readonly package_dir="$cache/node_modules/@microsoft/sarif-multitool-linux"
readonly schema="$package_dir/sarif-2.1.0.json"
readonly multitool="$package_dir/Sarif.Multitool"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ------------------------------------------------------------------ 1. the JSON schema
status=0
CACHE="$cache" SCHEMA="$schema" node - "$@" <<'EOF' || status=1
const fs = require("fs");
const path = require("path");
const requireFromCache = require("module").createRequire(path.join(process.env.CACHE, "package.json"));
const Ajv2020 = requireFromCache("ajv/dist/2020");
const addFormats = requireFromCache("ajv-formats");

// Strict mode (Ajv's default): a keyword Ajv does not know is an error, not ignored.
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.env.SCHEMA, "utf8")));

let failed = false;
for (const file of process.argv.slice(2)) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: not JSON: ${error.message}`);
    failed = true;
    continue;
  }
  if (validate(log)) {
    console.log(`${file}: valid against the SARIF 2.1.0 schema`);
    continue;
  }
  failed = true;
  for (const error of validate.errors)
    console.error(`${file}: schema: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
}
process.exit(failed ? 1 : 0);
EOF

# ------------------------------------------------------------------ 2. the SARIF Multitool
# The Multitool writes its findings as a SARIF log and exits 0 either way, so
# its output decides. Its errors and warnings fail the check, with one
# exception below; its notes (advice such as "provide version control
# provenance") are shown only.
#
# SARIF2006 (URIs should be reachable) is disabled: it sends an HTTP GET to
# every URI in the log, and this check must not need the network.
cat >"$work/policy.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
EOF
index=0
for file in "$@"; do
  index=$((index + 1))
  out="$work/multitool-$index.sarif"
  # Invariant globalization: the .NET binary then needs no ICU library.
  if ! DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate "$file" --output "$out" \
    --config "$work/policy.xml" --level "Error;Warning;Note" --kind "Fail" \
    >"$work/multitool-$index.log" 2>&1 || [ ! -f "$out" ]; then
    echo "$file: the SARIF Multitool failed:" >&2
    cat "$work/multitool-$index.log" >&2
    status=1
    continue
  fi
  node - "$file" "$out" <<'EOF' || status=1
const fs = require("fs");
const [file, out] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(out, "utf8"));
// SARIF2017 asks every location for a region. tally reports a diagnostic about
// a whole file (line 0) with no region on purpose: in SARIF 2.1.0 a
// physicalLocation without a region refers to the entire artifact.
const allowed = (result, text) => result.ruleId === "SARIF2017" && text.includes("The 'region' property is absent");
let failed = false;
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  for (const result of run.results || []) {
    const level = result.level || "warning";
    const rule = rules.find((r) => r.id === result.ruleId);
    let text = (result.message && result.message.text) || "";
    const template = rule && rule.messageStrings && result.message && result.message.id &&
                     rule.messageStrings[result.message.id];
    if (!text && template)
      text = template.text.replace(/\{(\d+)\}/g, (_, n) => (result.message.arguments || [])[Number(n)] ?? "");
    const region = result.locations && result.locations[0] && result.locations[0].physicalLocation &&
                   result.locations[0].physicalLocation.region;
    const where = region && region.startLine ? `:${region.startLine}:${region.startColumn || 1}` : "";
    const line = `${file}${where}: multitool ${level} ${result.ruleId}: ${text}`;
    if ((level === "error" || level === "warning") && !allowed(result, text)) {
      failed = true;
      console.error(line);
    } else if (level === "error" || level === "warning") {
      console.log(`${line} (allowed: whole-file diagnostic)`);
    } else {
      console.log(line);
    }
  }
  for (const invocation of run.invocations || []) {
    for (const n of [...(invocation.toolExecutionNotifications || []), ...(invocation.toolConfigurationNotifications || [])]) {
      const id = n.descriptor && n.descriptor.id;
      if (id === "WRN999.RuleExplicitlyDisabled") continue; // SARIF2006, disabled above
      if ((n.level || "warning") === "error") failed = true;
      console.error(`${file}: multitool notification (${n.level || "warning"}): ${n.message && n.message.text}`);
    }
  }
}
if (!failed) console.log(`${file}: the SARIF Multitool reports no error or warning`);
process.exit(failed ? 1 : 0);
EOF
done

exit $status
