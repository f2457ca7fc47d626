// Browser check of the HTML documents ties writes.
//
// Usage: node check.mjs [--out DIR] FILE.html...
//
// Each file is opened in Debian's Chromium (headless) and must:
//   - make no request other than for the file itself (every other request is blocked and counted);
//   - contain no <script> element, no on* attribute and no javascript: URL;
//   - pass axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, with no violation;
//   - set <html lang>, have exactly one h1, and never skip a heading level going down;
//   - render to a full-page screenshot (written to DIR) that is not blank;
//   - still show its text when printed (print media emulated);
//   - print on A4 with nothing cut off: laid out at the width of an A4 page's text (180 mm, with
//     the 15 mm margins the documents ask for), no element is wider than the page, none hides
//     part of its content behind a scroll bar, and no chart's text runs outside its chart;
//   - the estate comparison: no column heading breaks inside a word, on screen at 1366 pixels
//     wide and printed; no wide table scrolls sideways at 1366 pixels; and the generated estate
//     of the real size (compare-140x10) prints on at most MAX_ESTATE_PAGES A4 pages;
//   - a report, printed, numbers its pages and carries on each the establishment, the year and
//     the version (its @page margin boxes), and prints to PDF.
// A file that does not exist fails too, so a document that could not be written is counted.
// Exits 1 if any file fails; the last line is "N passed, M failed".

import { mkdtemp, readFile, rm, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const VIEWPORT = { width: 1280, height: 900 };
// A blank page at this viewport compresses to a PNG of a few kilobytes; any real document is far larger.
const MIN_SCREENSHOT_BYTES = 10_000;
// Share of sampled pixels that must differ from the page's background colour.
const MIN_INK_SHARE = 0.005;
// Printed text may lose navigation, but not the bulk of the document.
const MIN_PRINT_TEXT_SHARE = 0.5;
const TIMEOUT_MS = 60_000;
// A4 is 210 mm wide; less 15 mm margins each side (templates/base.html, @page) leaves 180 mm,
// 680 CSS pixels at 96 to the inch.
const PRINT_WIDTH = Math.floor((180 / 25.4) * 96);
const PRINT_PROBLEMS_SHOWN = 8;
// The estate of the real size (140 establishments) printed: a national lead's document, not a
// book.
const MAX_ESTATE_PAGES = 40;
const LAPTOP = { width: 1366, height: 768 };
const JOBS = Number(process.env.BROWSER_CHECK_JOBS) || Math.min(availableParallelism(), 4);

function usage() {
  console.error("usage: node check.mjs [--out DIR] FILE.html...");
  process.exit(2);
}

function parseArgs(argv) {
  let out = path.join(path.dirname(new URL(import.meta.url).pathname), "screenshots");
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      if (i + 1 >= argv.length) usage();
      out = argv[++i];
    } else if (argv[i] === "-h" || argv[i] === "--help") {
      usage();
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length === 0) usage();
  return { out, files };
}

// Script-free and heading checks, run inside the page before axe is injected.
function inspectDocument() {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (!lang || !lang.trim()) problems.push("<html> has no lang attribute");

  const scripts = document.querySelectorAll("script").length;
  if (scripts > 0) problems.push(`${scripts} <script> element(s)`);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) {
        problems.push(`event handler attribute ${name} on <${el.localName}>`);
      }
      if (
        ["href", "src", "action", "formaction", "xlink:href"].includes(name) &&
        /^\s*javascript:/i.test(attr.value)
      ) {
        problems.push(`javascript: URL in ${name} on <${el.localName}>`);
      }
    }
  }

  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = headings.filter((h) => h.localName === "h1").length;
  if (h1s !== 1) problems.push(`${h1s} h1 elements (exactly one wanted)`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.localName[1]);
    if (level > previous + 1) {
      const text = h.textContent.trim().replace(/\s+/g, " ").slice(0, 80);
      problems.push(
        previous === 0
          ? `first heading is h${level}, not h1: "${text}"`
          : `heading level skips from h${previous} to h${level}: "${text}"`,
      );
    }
    previous = level;
  }

  const title = document.title.trim();
  if (!title) problems.push("<title> is empty");
  return { problems, text: document.body ? document.body.innerText.trim().length : 0 };
}

// The margin boxes of the document's @page rules: whether one numbers the pages, and whether
// one names the establishment (the h1 begins with its name), the year (in the h1) and the
// version (public or inspector's). Runs in the page.
function pageMarks() {
  const contents = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSPageRule)) continue;
      for (const margin of rule.cssRules ?? []) contents.push(margin.style.getPropertyValue("content"));
    }
  }
  const h1 = document.querySelector("h1")?.textContent ?? "";
  const name = h1.split(":")[0].trim();
  const year = (h1.match(/\b\d{4}\b/) ?? [""])[0];
  return {
    contents,
    numbered: contents.some((c) => c.includes("counter(page)")),
    running: contents.some((c) => name && c.includes(name) && c.includes(year) && /version/.test(c)),
  };
}

// Everything that does not fit a printed page of `limit` CSS pixels: elements wider than it,
// elements that hide part of their content (a scroll bar prints as a cut), and chart text that
// runs outside its chart. Runs in the page, with print media emulated at the page's width.
function printOverflow(limit) {
  const problems = [];
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return `<${el.localName}${el.id ? `#${el.id}` : ""}${cls}> "${text}"`;
  };
  const page = document.documentElement.scrollWidth;
  if (page > limit + 1) problems.push(`the page is ${page}px wide, wider than the ${limit}px of a printed page`);
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") && el.localName !== "svg") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > limit + 1 || r.left < -1) {
      problems.push(`${describe(el)} reaches ${Math.round(r.right)}px, past the page's ${limit}px`);
      continue;
    }
    const style = getComputedStyle(el);
    if (["auto", "scroll", "hidden"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth}px of its content`);
    }
  }
  for (const t of document.querySelectorAll("svg text")) {
    const chart = t.ownerSVGElement.getBoundingClientRect();
    const r = t.getBoundingClientRect();
    if (chart.width === 0) continue;
    if (r.left < chart.left - 1 || r.right > chart.right + 1 || r.top < chart.top - 1 || r.bottom > chart.bottom + 1) {
      problems.push(`chart text "${t.textContent.trim().slice(0, 60)}" runs outside its chart`);
    }
  }
  return problems;
}

// Column headings with a word broken across lines (a word whose text takes more than one line
// box), and wide tables that scroll sideways. Runs in the page.
function headingsAndWidth() {
  const broken = [];
  for (const th of document.querySelectorAll("th[scope=col]")) {
    if (th.getClientRects().length === 0) continue;
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[^\s\-–—]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  const scrolling = [...document.querySelectorAll(".wide")]
    .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.getAttribute("aria-label") || el.className);
  return { broken: [...new Set(broken)], scrolling };
}

// Share of a PNG's pixels (given as a data URL) that differ from its commonest colour, and how
// many colours it has. Runs in a blank page, so decoding is not counted against the document.
async function measureInk(dataUrl) {
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const total = data.length / 4;
  return { ink: (total - Math.max(...counts.values())) / total, colours: counts.size };
}

async function checkFile(context, axeSource, file, outDir) {
  const problems = [];
  const notes = [];
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) {
    return { problems: ["file does not exist (was it written?)"], notes };
  }
  const url = pathToFileURL(absolute).href;
  const blocked = [];
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  try {
    // Anything other than the document itself is aborted by the route and counted here.
    page.on("request", (request) => {
      if (request.url() !== url) blocked.push(`${request.resourceType()} ${request.url()}`);
    });
    page.on("websocket", (ws) => blocked.push(`websocket ${ws.url()}`));
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : route.abort("blockedbyclient"),
    );

    const response = await page.goto(url, { waitUntil: "load" });
    if (response && !response.ok()) problems.push(`loading failed: ${response.status()}`);

    const inspected = await page.evaluate(inspectDocument);
    problems.push(...inspected.problems);

    // Evaluated rather than added as a <script> tag, so the document itself stays script-free.
    await page.evaluate(axeSource);
    const axe = await page.evaluate(
      (tags) =>
        window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      AXE_TAGS,
    );
    for (const v of axe.violations) {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.html.replace(/\s+/g, " ").slice(0, 200)}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\s+/g, " ").slice(0, 300)}` : ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : "";
      problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node(s)]\n${nodes}${more}`);
    }
    if (axe.incomplete?.length) {
      const undecided = axe.incomplete.map((r) => `${r.id} on ${r.nodes.length} node(s)`).join(", ");
      notes.push(`axe left for review by hand: ${undecided}`);
    }

    const shot = path.join(outDir, `${path.basename(absolute, path.extname(absolute))}.png`);
    const png = await page.screenshot({ path: shot, fullPage: true });
    if (png.length < MIN_SCREENSHOT_BYTES) {
      problems.push(`screenshot ${shot} is only ${png.length} bytes: the page looks blank`);
    }
    // Pixels are sampled from the first screen only (where the h1 is): decoding the whole
    // page's image costs seconds, and its byte size above already catches a blank page.
    const first = await page.screenshot({ clip: { x: 0, y: 0, ...VIEWPORT } });
    const blank = await context.newPage();
    try {
      const ink = await blank.evaluate(measureInk, `data:image/png;base64,${first.toString("base64")}`);
      if (ink.ink < MIN_INK_SHARE || ink.colours < 2) {
        problems.push(`the first screen is blank: ${(ink.ink * 100).toFixed(2)}% of pixels differ from the background`);
      }
    } finally {
      await blank.close();
    }

    // WCAG 1.4.10 reflow at 320 CSS pixels; data tables may need two-dimensional scrolling, so noted only.
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    if (overflow > 321) notes.push(`at 320px wide the page scrolls sideways (${overflow}px wide)`);
    await page.setViewportSize(VIEWPORT);

    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      text: document.body.innerText.trim().length,
      h1: [...document.querySelectorAll("h1")].some((h) => h.getClientRects().length > 0),
    }));
    if (printed.text < MIN_PRINT_TEXT_SHARE * inspected.text) {
      problems.push(`printed, the page keeps ${printed.text} of ${inspected.text} characters of text`);
    }
    if (!printed.h1) problems.push("printed, the h1 is not shown");
    await page.setViewportSize({ width: PRINT_WIDTH, height: VIEWPORT.height });
    const cut = await page.evaluate(printOverflow, PRINT_WIDTH);
    if (cut.length > 0) {
      const more = cut.length > PRINT_PROBLEMS_SHOWN ? `\n      ... and ${cut.length - PRINT_PROBLEMS_SHOWN} more` : "";
      problems.push(
        `printed on A4, ${cut.length} thing(s) do not fit:\n${cut.slice(0, PRINT_PROBLEMS_SHOWN).map((c) => `      ${c}`).join("\n")}${more}`,
      );
    }
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ media: null });

    if (path.basename(absolute).startsWith("compare")) {
      await page.setViewportSize(LAPTOP);
      const screen = await page.evaluate(headingsAndWidth);
      if (screen.broken.length > 0) problems.push(`at 1366px, column headings break inside a word: ${screen.broken.join(", ")}`);
      if (screen.scrolling.length > 0) problems.push(`at 1366px, wide tables scroll sideways: ${screen.scrolling.join("; ")}`);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: PRINT_WIDTH, height: VIEWPORT.height });
      const printedHeads = await page.evaluate(headingsAndWidth);
      if (printedHeads.broken.length > 0) problems.push(`printed, column headings break inside a word: ${printedHeads.broken.join(", ")}`);
      await page.setViewportSize(VIEWPORT);
      await page.emulateMedia({ media: null });
      if (path.basename(absolute).startsWith("compare-140x10")) {
        const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
        notes.push(`printed on A4: ${pages} pages`);
        if (pages > MAX_ESTATE_PAGES) problems.push(`printed on A4, ${pages} pages: more than ${MAX_ESTATE_PAGES}`);
      }
    }

    // A printed report numbers its pages and says on each what it is: its @page rule has a
    // margin box with the page counter and one with the establishment, year and version.
    if (path.basename(absolute).startsWith("report-")) {
      const marks = await page.evaluate(pageMarks);
      if (!marks.numbered) problems.push("printed, the pages are not numbered (no @page margin box with counter(page))");
      if (!marks.running) {
        problems.push(`printed, no page carries the establishment, year and version (running marker: ${marks.contents.join(" | ") || "none"})`);
      }
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      if (pdf.length < MIN_SCREENSHOT_BYTES) problems.push(`printed to PDF, only ${pdf.length} bytes`);
    }
  } catch (error) {
    problems.push(`check could not finish: ${error.message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
  if (blocked.length > 0) {
    problems.unshift(
      `${blocked.length} request(s) besides the file itself (blocked):\n${blocked.map((b) => `      ${b}`).join("\n")}`,
    );
  }
  return { problems, notes };
}

async function main() {
  const { out, files } = parseArgs(process.argv.slice(2));
  await mkdir(out, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH, or run tests/browser/run)`);
    process.exit(2);
  }
  const require = createRequire(import.meta.url);
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const userDataDir = await mkdtemp(path.join(tmpdir(), "ties-chromium-"));
  const started = Date.now();
  let context;
  let passed = 0;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      offline: true,
      serviceWorkers: "block",
      timeout: TIMEOUT_MS,
    });
    // A few pages at once; results are printed in the order the files were given.
    const results = new Array(files.length);
    let printed = 0;
    const report = () => {
      while (printed < files.length && results[printed]) {
        const { file, problems, notes, secs } = results[printed++];
        if (problems.length === 0) {
          passed++;
          console.log(`PASS ${file} (${secs}s)`);
        } else {
          failed++;
          console.log(`FAIL ${file} (${secs}s)`);
          for (const p of problems) console.log(`  - ${p}`);
        }
        for (const n of notes) console.log(`  note: ${n}`);
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const index = next++;
        const t0 = Date.now();
        const result = await checkFile(context, axeSource, files[index], out);
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        results[index] = { file: files[index], secs, ...result };
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(JOBS, files.length) }, worker));
  } finally {
    if (context) await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${out}; ${((Date.now() - started) / 1000).toFixed(1)}s in all.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`browser check failed to run: ${error.stack || error}`);
  console.log(`0 passed, ${parseArgs(process.argv.slice(2)).files.length} failed`);
  process.exit(1);
});
