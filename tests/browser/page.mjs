// The web page, ties.html, in Debian's Chromium, opened from file:// as a person would open it,
// against the command line's output for the same files.
//
// Usage: node page.mjs [--estate DIR] PAGE.html TIES_BINARY SCREENSHOT_DIR FILE...
//
// For each self-assessment FILE (YAML or a workbook), chosen in the page:
//   - the problems shown are what `ties check NAME` prints, run beside a copy of the file alone;
//   - the scores shown are what `ties score NAME` prints, and the saved JSON is `--format json`'s;
//   - the report saved from the page (public, then inspector's) is `ties report`'s HTML, byte
//     for byte; with last year's file chosen too, the same as `ties report` beside it;
// then a new workbook and next year's workbook made in the page are `ties workbook`'s bytes.
// With --estate, the folder DIR is chosen in the page's folder picker and compared: the
// comparison (HTML), the workbook and every table as CSV are `ties compare DIR`'s bytes, run in
// DIR's parent with the same options, and the time from choosing the folder to the comparison
// shown must be at most 10 s. The bundled examples, with a file that cannot be used, are then
// chosen one by one in the files picker: the comparison and its message are the command line's.
// Every request the page makes is recorded and any besides the page itself fails the check.
// axe (WCAG 2.2 A and AA) runs on every state, at 1280 and at 320 pixels wide, and a screenshot
// of every state is kept. The last line is "N passed, M failed".

import { execFileSync, spawnSync } from "node:child_process";
import { copyFile, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const argv = process.argv.slice(2);
const estateDir = argv[0] === "--estate" ? argv.splice(0, 2)[1] : null;
const [pagePath, tiesBin, shots, ...files] = argv;
if (!pagePath || !tiesBin || !shots || files.length === 0) {
  console.error("usage: node page.mjs [--estate DIR] PAGE.html TIES_BINARY SCREENSHOT_DIR FILE...");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let passed = 0;
let failed = 0;
function verdict(name, ok, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `\n     ${detail}`}`);
}

/** What the command line gives, run in `dir`: its standard output, or the error's. */
function ties(dir, args) {
  try {
    return execFileSync(tiesBin, args, { cwd: dir, encoding: "buffer", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return Buffer.concat([e.stdout ?? Buffer.alloc(0), e.stderr ?? Buffer.alloc(0)]);
  }
}

/** The command line run in `dir`: its exit code, standard output and error stream. */
function tiesRun(dir, args) {
  const r = spawnSync(tiesBin, args, { cwd: dir, encoding: "buffer", maxBuffer: 1 << 30 });
  return { exit: r.status, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

/** Whether the command line refuses: it exits with an error. */
function fails(dir, args) {
  try {
    execFileSync(tiesBin, args, { cwd: dir, stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
}

/** The first difference between two texts, for a message. */
function firstDifference(a, b) {
  const at = [...a].findIndex((c, i) => c !== b[i]);
  const i = at < 0 ? Math.min(a.length, b.length) : at;
  return `at ${i}: page ${JSON.stringify(a.slice(i, i + 60))} / command line ${JSON.stringify(b.slice(i, i + 60))}`;
}

function same(name, page, cli) {
  const p = Buffer.isBuffer(page) ? page : Buffer.from(page);
  verdict(name, p.equals(cli), firstDifference(p.toString("latin1"), cli.toString("latin1")));
}

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const work = await mkdtemp(path.join(tmpdir(), "ties-page-"));
await mkdir(shots, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const url = pathToFileURL(path.resolve(pagePath)).href;
const requests = [];
page.on("request", (r) => { if (r.url() !== url && !r.url().startsWith("blob:") && r.url() !== "about:srcdoc") requests.push(r.url()); });
await page.route("**/*", (route) => {
  const u = route.request().url();
  return u === url || u.startsWith("blob:") ? route.continue() : route.abort("blockedbyclient");
});
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));

let shot = 0;
async function state(name) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(axeSource);
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
    const v = result.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.length})`);
    verdict(`axe, ${name}, ${width} px`, v.length === 0, v.join("; "));
    shot++;
    await page.screenshot({ path: path.join(shots, `page-${String(shot).padStart(2, "0")}-${name.replace(/\W+/g, "-")}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Saves what a button offers, and gives its bytes and the name it is offered under. */
async function saved(button) {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 60000 }), page.click(button)]);
  return { bytes: await readFile(await d.path()), name: d.suggestedFilename() };
}

/** Saves what a button offers, and gives its bytes. */
async function download(button) {
  return (await saved(button)).bytes;
}

const started = Date.now();
await page.goto(url);
await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
console.log(`the page was ready ${Date.now() - started} ms after opening`);
await state("ready");

for (const file of files) {
  const name = path.basename(file);
  const alone = await mkdtemp(path.join(work, "alone-"));
  await copyFile(file, path.join(alone, name));
  await page.setInputFiles("#last-year", []);
  const t0 = Date.now();
  await page.setInputFiles("#this-year", file);
  await page.waitForFunction((n) => document.getElementById("status").textContent.includes(`${n} checked`), name);
  console.log(`${file}: checked, scored and reported in ${Date.now() - t0} ms`);
  same(`${file}: problems`, await page.textContent("#problems"), ties(alone, ["check", name]));
  same(`${file}: scores`, await page.textContent("#scores"), ties(alone, ["score", name]));
  if (await page.isDisabled("#save-scores")) {
    // A file with errors has no scores to save, in the page as on the command line.
    verdict(`${file}: no scores to save, as the command line gives none`, fails(alone, ["score", name]));
  } else {
    same(`${file}: scores as JSON`, await download("#save-scores"), ties(alone, ["score", name, "--format", "json"]));
  }
  for (const audience of ["public", "inspector"]) {
    await page.check(`input[name=audience][value=${audience}]`);
    const report = await page.evaluate(() => document.getElementById("report").srcdoc);
    const cli = ties(alone, ["report", name, "--format", "html", "--audience", audience]);
    if (report === "") {
      same(`${file}: the ${audience} report's message`, await page.textContent("#report-message"), cli);
    } else {
      same(`${file}: the ${audience} report`, await download("#save-report"), cli);
    }
  }
  await state(`checked ${name}`);
  await page.check("input[name=audience][value=public]");
  await rm(alone, { recursive: true });
}

// With last year's file too: the report as the command line gives it beside last year's.
const pairs = files.filter((f) => /2025\.(yaml|xlsx)$/.test(f));
for (const file of pairs) {
  const last = file.replace(/2025\.(yaml|xlsx)$/, "2024.$1");
  try { await readFile(last); } catch { continue; }
  const both = await mkdtemp(path.join(work, "both-"));
  const name = path.basename(file);
  await copyFile(file, path.join(both, name));
  await copyFile(last, path.join(both, path.basename(last)));
  await page.setInputFiles("#this-year", []);
  await page.setInputFiles("#last-year", last);
  await page.setInputFiles("#this-year", file);
  await page.waitForFunction((n) => document.getElementById("status").textContent.includes(`${n} checked`), name);
  same(`${file} with last year's: the report`, await download("#save-report"),
    ties(both, ["report", name, "--format", "html"]));
  await state(`report with last year ${name}`);
  await rm(both, { recursive: true });
}

// A new workbook, made in the page and by the command line.
await page.fill("#wb-id", "hmp-example");
await page.fill("#wb-name", "HMP Example");
await page.fill("#wb-year", "2026");
await page.check("#wb-frameworks input[value=farmer-offer]");
await page.check("#wb-frameworks input[value=hmpps-family-practice]");
const made = await mkdtemp(path.join(work, "made-"));
ties(made, ["workbook", "--establishment", "hmp-example", "--name", "HMP Example", "--year", "2026",
  "--framework", "farmer-offer,hmpps-family-practice", "--nation", "england-wales", "-o", "new.xlsx"]);
same("a new workbook", await download("#new-workbook button[type=submit]"), await readFile(path.join(made, "new.xlsx")));
await state("new workbook made");

// Next year's, carried forward from last year's.
const from = files[0];
const fromDir = await mkdtemp(path.join(work, "from-"));
await copyFile(from, path.join(fromDir, path.basename(from)));
ties(fromDir, ["workbook", "--from", path.basename(from), "-o", "next.xlsx"]);
const [carried] = await Promise.all([page.waitForEvent("download"), page.setInputFiles("#carry-from", from)]);
same(`next year's workbook from ${from}`, await readFile(await carried.path()), await readFile(path.join(fromDir, "next.xlsx")));

/** The status the page shows once a comparison is done, or could not be done. */
async function compared() {
  await page.waitForFunction(() => /^(Compared|The .* could not be compared)/.test(document.getElementById("status").textContent),
    null, { timeout: 120000 });
}

/**
 * The comparison now shown, against `ties compare FOLDER ARGS...` run in `parent`: its message,
 * the HTML, the workbook and, for each table in `tables`, the CSV, with the names they are
 * offered under.
 */
async function sameComparison(what, parent, folder, args, tables) {
  const out = await mkdtemp(path.join(work, "compared-"));
  const html = tiesRun(parent, ["compare", folder, ...args, "--format", "html", "-o", path.join(out, "c.html")]);
  const both = html.exit === 0 && !(await page.isHidden("#compared"));
  verdict(`${what}: compared, as the command line does`, both,
    `the command line's exit code ${html.exit}; the page's status: ${await page.textContent("#status")}`);
  if (!both) return;
  same(`${what}: the message`, (await page.textContent("#compare-message")) ?? "", Buffer.from(html.stderr));
  same(`${what}: the comparison shown`, await page.evaluate(() => document.getElementById("comparison").srcdoc),
    await readFile(path.join(out, "c.html")));
  const page_html = await saved("#save-comparison");
  same(`${what}: the comparison saved (${page_html.name})`, page_html.bytes, await readFile(path.join(out, "c.html")));
  verdict(`${what}: saved as ${folder}.html`, page_html.name === `${folder}.html`, page_html.name);
  tiesRun(parent, ["compare", folder, ...args, "--format", "xlsx", "-o", path.join(out, "c.xlsx")]);
  const xlsx = await saved("#save-comparison-xlsx");
  same(`${what}: the workbook (${xlsx.name})`, xlsx.bytes, await readFile(path.join(out, "c.xlsx")));
  verdict(`${what}: the workbook saved as ${folder}.xlsx`, xlsx.name === `${folder}.xlsx`, xlsx.name);
  // Every table as the command line writes them, a file each, in one run.
  if (tables.length > 0) tiesRun(parent, ["compare", folder, ...args, "--format", "csv", "-o", path.join(out, "tables")]);
  for (const table of tables) {
    await page.selectOption("#cmp-table", table);
    const csv = await saved("#save-table");
    same(`${what}: the table ${table} (${csv.name})`, csv.bytes,
      await readFile(path.join(out, "tables", `${table}.csv`)).catch(() => Buffer.alloc(0)));
    verdict(`${what}: the table saved as ${folder}-${table}.csv`, csv.name === `${folder}-${table}.csv`, csv.name);
  }
  await page.selectOption("#cmp-table", "establishments");
  await rm(out, { recursive: true });
}

if (estateDir) {
  // The estate's folder, chosen in the folder picker with the options filled in, as a national
  // lead would; every status the page shows on the way is kept, to see the reading's progress.
  const parent = path.dirname(path.resolve(estateDir));
  const folder = path.basename(path.resolve(estateDir));
  const workbooks = [];
  for (const e of await readdir(estateDir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(xlsx|yaml|yml)$/.test(e.name) && e.name !== "register.yaml") workbooks.push(e);
  }
  const establishments = new Set(workbooks.map((e) => e.parentPath)).size;
  const kind = workbooks.every((e) => e.name.endsWith(".xlsx")) ? "workbooks" : "self-assessments";
  await page.fill("#cmp-year", "2025");
  await page.fill("#cmp-due", "2026-04-30");
  await page.fill("#cmp-as-of", "2026-06-01");
  await page.evaluate(() => {
    window.statuses = [];
    const status = document.getElementById("status");
    new MutationObserver(() => window.statuses.push(status.textContent))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  // From handing the folder to the page (as its folder picker would) to the comparison shown.
  const t0 = Date.now();
  await page.setInputFiles("#cmp-folder", estateDir);
  await page.click("#compare-button");
  await compared();
  const ms = Date.now() - t0;
  console.log(`compared ${establishments} establishments' ${kind} in ${ms} ms`);
  verdict(`the comparison of ${establishments} establishments shown within 10 s of choosing the folder`, ms <= 10000, `${ms} ms`);
  const statuses = await page.evaluate(() => window.statuses);
  verdict("the reading of the files shown as it goes", statuses.some((s) => /^Reading files: \d+ of \d+$/.test(s)),
    statuses.join(" / "));
  await state("compared the estate");
  await sameComparison(`the folder ${folder}`, parent, folder,
    ["--year", "2025", "--due", "2026-04-30", "--as-of", "2026-06-01"],
    ["establishments", "frameworks", "sections", "items", "measures", "actions", "peers", "not-submitted", "files-left-out"]);

  // The bundled examples chosen one by one, with a file that cannot be used: the page names
  // them as in a folder "chosen", so the command line compares a folder of that name.
  const pick = path.join(await mkdtemp(path.join(work, "pick-")), "chosen");
  await mkdir(pick);
  const picked = [];
  for (const file of files.filter((f) => /assessments\/[^/]+\/\d{4}\.yaml$/.test(f))) {
    const name = `${path.basename(path.dirname(file))}-${path.basename(file)}`;
    await copyFile(file, path.join(pick, name));
    picked.push(path.join(pick, name));
  }
  await writeFile(path.join(pick, "unfinished.yaml"), "ties: 1\nyear: 2025\n");
  picked.push(path.join(pick, "unfinished.yaml"));
  for (const field of ["#cmp-year", "#cmp-due", "#cmp-as-of"]) await page.fill(field, "");
  await page.setInputFiles("#cmp-files", picked);
  verdict("choosing files sets the folder chosen aside", await page.evaluate(() => document.getElementById("cmp-folder").files.length === 0));
  await page.click("#compare-button");
  await compared();
  await state("compared files chosen one by one");
  await sameComparison("files chosen one by one", path.dirname(pick), "chosen", [], ["establishments", "files-left-out"]);
  verdict("files chosen one by one: the message about the file left out is shown",
    !(await page.isHidden("#compare-message")) && (await page.textContent("#compare-message")).includes("left out"));

  // Only a file that cannot be used: nothing to compare, and the command line's words for it.
  const alone = path.join(await mkdtemp(path.join(work, "unusable-")), "chosen");
  await mkdir(alone);
  await copyFile(path.join(pick, "unfinished.yaml"), path.join(alone, "unfinished.yaml"));
  await page.setInputFiles("#cmp-files", path.join(alone, "unfinished.yaml"));
  await page.click("#compare-button");
  await compared();
  const refused = tiesRun(path.dirname(alone), ["compare", "chosen", "--format", "html"]);
  verdict("nothing to compare: no comparison shown, as the command line fails",
    refused.exit !== 0 && await page.isHidden("#compared"), `the command line's exit code ${refused.exit}`);
  same("nothing to compare: the message", await page.textContent("#compare-message"), Buffer.from(refused.stderr));
  await state("nothing to compare");
}

verdict("no request besides the page itself", requests.length === 0, requests.join(", "));
verdict("no error in the page's script", errors.length === 0, errors.join("; "));
await browser.close();
await rm(work, { recursive: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
