// DuckDB's side of the benchmark (issue 8): loads an observation CSV into an
// in-memory DuckDB and computes six peak-method products (ETM, CSAM, ETM-ID,
// VMDR-MOBILE, EDR, PM) as semantics.md (the shared contract) defines them.
//
//   node bench/duckdb/six_products.mjs DATA START [--threads N] [--prefix DIR]
//
// DIR is where bench/duckdb/install.sh put DuckDB (default: beside this file).
// The subscription is the one `tally eval --start START` uses: the default end
// (a year less a day), as-of the last day in the data, every product bought.
// stdout: the first eight columns of `tally eval --format csv` for the six
// products, in tally's order, without the total rows.
// stderr: one line of timings (monotonic clock), e.g.
//   duckdb load_ms=3100 query_ms=700 total_ms=3800 rows=1500000 threads=2
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { threads: { type: 'string' }, prefix: { type: 'string' } },
});
const [data, start] = positionals;
if (positionals.length !== 2 || !/^\d{4}-\d{2}-\d{2}$/.test(start)
    || (opts.threads !== undefined && !/^[1-9]\d*$/.test(opts.threads))) {
  console.error('usage: six_products.mjs DATA START(YYYY-MM-DD) [--threads N] [--prefix DIR]');
  process.exit(2);
}
const prefix = resolve(opts.prefix ?? dirname(fileURLToPath(import.meta.url)));
const { DuckDBInstance } = createRequire(join(prefix, 'package.json'))('@duckdb/node-api');

// Explicit column types, no sniffing. The three time columns may hold a date or
// a date-time (observations.md), so they are TIMESTAMP (a date reads as 00:00).
// Every other column, known or not, is a string.
const TYPES = {
  observed_at: 'TIMESTAMP', last_event_at: 'TIMESTAMP', activated_at: 'TIMESTAMP',
  open_ports: 'INTEGER', vulns: 'INTEGER', findings: 'INTEGER',
};

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// Column order is free: the types follow the file's header line.
function headerColumns(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const names = buf.toString('utf8', 0, n).split('\n', 1)[0].replace(/\r$/, '').split(',');
  return names.map((c) => `${sqlString(c)}: ${sqlString(TYPES[c] ?? 'VARCHAR')}`).join(', ');
}

const LOAD = `
CREATE TABLE obs AS
SELECT * FROM read_csv(${sqlString(data)}, header = true, auto_detect = false,
                       delim = ',', quote = '"', escape = '"',
                       columns = {${headerColumns(data)}})`;

// Exact decimals printed as tally prints them: no trailing zeros, no bare point.
const MACRO = String.raw`
CREATE MACRO plain(x) AS regexp_replace(regexp_replace(x::VARCHAR, '(\.\d*?)0+$', '\1'), '\.$', '')`;

const QUERY = `
WITH
-- S, E, T: start, end (a year less a day; a 29 February start ends on 28
-- February), as-of (the last day in the data).
bounds AS (
  SELECT s,
         CAST(CASE WHEN month(s) = 2 AND day(s) = 29 THEN s + INTERVAL 1 YEAR
                   ELSE s + INTERVAL 1 YEAR - INTERVAL 1 DAY END AS DATE) AS e,
         (SELECT max(observed_at)::DATE FROM obs) AS t
  FROM (SELECT ${sqlString(start)}::DATE AS s)
),
-- The evaluated days S <= d <= min(T, E), whether the data has rows on them or not.
days AS (
  SELECT d::DATE AS day
  FROM bounds, range(s, least(t, e) + 1, INTERVAL 1 DAY) AS r(d)
),
-- snapshot(d) for every evaluated day, with the shared definitions spelled out:
-- an empty status is active; live is active or enabled; has(m) reads the
-- ;-separated modules set (an empty one is NULL: no module).
snapshot AS (
  SELECT observed_at::DATE AS day, asset_id, agent_id, asset_type, source, findings,
         coalesce(status, 'active') AS status,
         coalesce(status, 'active') IN ('active', 'enabled') AS live,
         string_split(modules, ';') AS modules
  FROM obs, bounds
  WHERE observed_at::DATE BETWEEN s AND least(t, e)
),
-- U(d), one column per product; a NULL (empty) value never meets a condition,
-- so an empty findings (0) or asset_type (other) counts nowhere here.
daily AS (
  SELECT day,
         -- ETM: distinct asset_id in snapshot(d) with findings > 0, any source
         count(DISTINCT asset_id) FILTER (WHERE findings > 0) AS "ETM",
         -- CSAM: distinct asset_id with at least one row whose source is not
         -- one of easm passive_sensor caps ad vmware cmdb (any status)
         count(DISTINCT asset_id) FILTER (
           WHERE source NOT IN ('easm', 'passive_sensor', 'caps', 'ad', 'vmware', 'cmdb')) AS "CSAM",
         -- ETM-ID: distinct asset_id, asset_type = identity, a row with status = enabled
         count(DISTINCT asset_id) FILTER (
           WHERE asset_type = 'identity' AND status = 'enabled') AS "ETM-ID",
         -- VMDR-MOBILE: distinct asset_id, asset_type = mobile_device,
         -- source in mobile_agent agent intune, any status
         count(DISTINCT asset_id) FILTER (
           WHERE asset_type = 'mobile_device' AND source IN ('mobile_agent', 'agent', 'intune')) AS "VMDR-MOBILE",
         -- EDR: distinct asset_id, live, has(EDR)
         count(DISTINCT asset_id) FILTER (WHERE live AND list_contains(modules, 'EDR')) AS "EDR",
         -- PM: distinct agent_id (a row without one adds nothing), live, has any of PM ISL MTG
         count(DISTINCT agent_id) FILTER (
           WHERE live AND list_has_any(modules, ['PM', 'ISL', 'MTG'])) AS "PM"
  FROM snapshot
  GROUP BY day
),
daily_rows AS (
  UNPIVOT daily ON "ETM", "CSAM", "ETM-ID", "VMDR-MOBILE", "EDR", "PM" INTO NAME product VALUE u
),
-- The products in tally's report order, with their default ratios and QLU rules
-- (semantics.md, Products). Without a subscription file every product is
-- bought, ETM included, so CSAM's QLU is 0.
products(pos, product, ratio, zero_qlu, whole_units) AS (
  VALUES (1, 'ETM',         3.00::DECIMAL(9, 2), false, false),
         (2, 'CSAM',        1.00,                true,  false), -- QLU 0 with ETM bought
         (3, 'EDR',         2.85,                false, false),
         (4, 'ETM-ID',      1.00,                false, false),
         (5, 'PM',          2.85,                false, true),  -- QLU half-up to a whole unit
         (6, 'VMDR-MOBILE', 1.50,                false, false)
),
-- Peak: interval i covers S+15i .. S+15i+14; usage(i) is the highest U(d) over
-- its evaluated days, a day without rows counting 0.
peaks AS (
  SELECT p.product, CAST((d.day - b.s) // 15 AS INTEGER) AS i, max(coalesce(r.u, 0)) AS usage
  FROM products p CROSS JOIN days d CROSS JOIN bounds b
  LEFT JOIN daily_rows r ON r.product = p.product AND r.day = d.day
  GROUP BY p.product, i
),
-- The period as tally reports it: the whole interval clipped at E (not at T),
-- partial when it goes past T.
periods AS (
  SELECT product, i, usage,
         b.s + 15 * i AS first_day,
         least(b.s + 15 * i + 14, b.e) AS last_day,
         last_day > b.t AS partial
  FROM peaks, bounds b
)
SELECT p.product, 'peak' AS method, plain(p.ratio) AS ratio,
       strftime(first_day, '%Y-%m-%d') AS start, strftime(last_day, '%Y-%m-%d') AS "end",
       partial::VARCHAR AS partial, usage::VARCHAR AS usage,
       -- ROUND on a positive DECIMAL rounds a half up
       plain(CASE WHEN zero_qlu THEN 0
                  WHEN whole_units THEN round(usage * ratio, 0)
                  ELSE usage * ratio END) AS qlu
FROM periods JOIN products p USING (product)
ORDER BY p.pos, i`;

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
if (opts.threads !== undefined) await con.run(`SET threads = ${opts.threads}`);
// Results never depend on row order (semantics.md), so the load need not keep it.
await con.run('SET preserve_insertion_order = false');
await con.run(MACRO);

const t0 = performance.now();
await con.run(LOAD);
const t1 = performance.now();
const result = await con.runAndReadAll(QUERY);
const t2 = performance.now();

const rows = (await con.runAndReadAll('SELECT count(*) FROM obs')).getRows()[0][0];
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const ms = (x) => Math.round(x);
console.error(`duckdb load_ms=${ms(t1 - t0)} query_ms=${ms(t2 - t1)} total_ms=${ms(t2 - t0)} rows=${rows} threads=${threads}`);

const lines = [result.columnNames().join(','), ...result.getRows().map((r) => r.join(','))];
process.stdout.write(lines.join('\n') + '\n');
