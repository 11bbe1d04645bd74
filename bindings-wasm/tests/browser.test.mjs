// Loads the package in headless Chromium the way a page does (an import map naming
// "care-outcomes", served over http://127.0.0.1) and checks that it gives the node build's
// numbers. Skipped when no Chromium is installed (`apt-get install -y chromium`).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import * as co from "../pkg/node/index.mjs";

const pkg = fileURLToPath(new URL("../pkg/", import.meta.url));
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);

const CALLS = `{
  p: co.proportion(105, 129, { multiplier: 100 }),
  rb: co.rate(new Float64Array([0, 9, 10, 567]), [1000, 1000, 1000, 123784]),
  m: co.mean([30, 40, 50, 60]),
  s: co.ratioSignificance(151, 106.4429719),
  err: (() => { try { co.proportion(5, 4); } catch (e) { return [e instanceof Error, e.code, e.message]; } })(),
}`;
const plain = (v) =>
  JSON.parse(JSON.stringify(v, (k, x) => (x instanceof Float64Array ? Array.from(x) : x)));

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "care-outcomes": "/web/index.js" } }</script>
<pre id="out">pending</pre>
<script type="module">
  const out = document.getElementById("out");
  try {
    const co = await import("care-outcomes");
    const r = ${CALLS};
    out.textContent = JSON.stringify(r, (k, x) => (x instanceof Float64Array ? Array.from(x) : x));
  } catch (e) {
    out.textContent = "ERROR " + e;
  }
</script>`;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
let server;
let base;
let profile;

before(async () => {
  if (!chromium) return;
  server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "content-type": TYPES[".html"] }).end(PAGE);
      return;
    }
    const file = normalize(join(pkg, path));
    if (!file.startsWith(pkg) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = mkdtempSync(join(tmpdir(), "care-outcomes-chromium-"));
});

after(() => {
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("the web build runs in Chromium via `import ... from \"care-outcomes\"`", { skip: !chromium && "no chromium" }, async () => {
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    `--user-data-dir=${profile}`, "--virtual-time-budget=20000", "--dump-dom", base,
  ];
  const dom = await new Promise((resolve, reject) => {
    execFile(chromium, args, { timeout: 90_000, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err}\n${stderr}`)) : resolve(stdout),
    );
  });
  const m = dom.match(/<pre id="out">([\s\S]*?)<\/pre>/);
  assert.ok(m, `no output element in:\n${dom}`);
  const text = m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  assert.ok(!text.startsWith("ERROR") && text !== "pending", text);
  const got = JSON.parse(text);
  const want = plain(eval(`(co) => (${CALLS})`)(co));
  assert.deepEqual(got, want);
});
