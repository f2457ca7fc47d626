// The page's glue. It only moves bytes: the files a person chooses go to ties (the library,
// compiled to WebAssembly and held in this page), and what ties gives back is shown or saved.
// No rule, score or wording of ties is written here; the page's own labels are in the HTML.
"use strict";

/** ties, started from the bytes held in this page (WebAssembly, compressed with gzip). */
let ties = null;

async function start() {
  const text = document.getElementById("ties-wasm").textContent.trim();
  const packed = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const unpacked = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const module = await WebAssembly.compile(await new Response(unpacked).arrayBuffer());
  // ties asks its host for nothing but one thing: the spreadsheet library it uses asks the time
  // when it starts a workbook, and ties then sets every date in the workbook from the
  // self-assessment. The page has no clock to give: it answers 0. Anything else the module
  // names is answered with an error.
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    imports[i.module] = imports[i.module] || {};
    imports[i.module][i.name] = i.name.startsWith("__wbg_now_")
      ? () => 0
      : () => { throw new Error(`not available in the page: ${i.name}`); };
  }
  ties = (await WebAssembly.instantiate(module, imports)).exports;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Asks ties to do a job: `request` says what (as ties' door reads it), `files` are
 * { name, bytes } pairs. Gives back { exit, messages, name, document } where document is bytes.
 */
function run(request, files = []) {
  const header = encoder.encode(JSON.stringify({
    ...request,
    files: files.map((f) => ({ name: f.name, size: f.bytes.length })),
  }));
  const size = 4 + header.length + files.reduce((n, f) => n + f.bytes.length, 0);
  const at = ties.ties_alloc(size);
  const room = new Uint8Array(ties.memory.buffer, at, size);
  new DataView(room.buffer, at, 4).setUint32(0, header.length, true);
  room.set(header, 4);
  let next = 4 + header.length;
  for (const f of files) {
    room.set(f.bytes, next);
    next += f.bytes.length;
  }
  ties.ties_run(at, size);
  const result = new Uint8Array(ties.memory.buffer, ties.ties_result(), ties.ties_result_len()).slice();
  const headerLength = new DataView(result.buffer).getUint32(0, true);
  const reply = JSON.parse(decoder.decode(result.subarray(4, 4 + headerLength)));
  reply.document = result.subarray(4 + headerLength);
  return reply;
}

const $ = (id) => document.getElementById(id);
const status = (words) => { $("status").textContent = words; };

/** The bytes of a chosen file, with its name. */
async function read(file) {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Offers bytes as a file to save, under `name`. */
function save(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Shows a message of ties' (or hides the place when there is none). */
function message(id, words) {
  $(id).hidden = !words;
  $(id).textContent = words || "";
}

let chosen = null; // { thisYear, lastYear } as { name, bytes }
let report = null; // the report's HTML and its file name

function stem(name) { return name.replace(/\.[^.]*$/, ""); }

/** The report in the version chosen, shown in the page. */
function showReport() {
  const audience = document.querySelector("input[name=audience]:checked").value;
  const files = [chosen.thisYear, ...(chosen.lastYear ? [chosen.lastYear] : [])];
  const r = run({ job: "report", format: "html", audience }, files);
  message("report-message", r.exit === 0 ? "" : r.messages);
  report = r.exit === 0
    ? { html: r.document, name: `${stem(chosen.thisYear.name)}-report-${audience}.html` }
    : null;
  $("report").srcdoc = r.exit === 0 ? decoder.decode(r.document) : "";
  $("save-report").disabled = $("print-report").disabled = !report;
}

/** Checks, scores and reports what was chosen. */
async function examine() {
  const thisYear = $("this-year").files[0];
  if (!thisYear) return;
  status(`Reading ${thisYear.name}…`);
  const lastYear = $("last-year").files[0];
  chosen = { thisYear: await read(thisYear), lastYear: lastYear ? await read(lastYear) : null };
  const check = run({ job: "check" }, [chosen.thisYear]);
  $("problems").textContent = check.messages;
  const scores = run({ job: "score", format: "table" }, [chosen.thisYear]);
  $("scores").textContent = scores.exit === 0 ? decoder.decode(scores.document) : scores.messages;
  $("save-scores").disabled = $("save-scores-csv").disabled = scores.exit !== 0;
  showReport();
  $("results").hidden = false;
  const summary = check.messages.trim().split("\n").pop();
  status(`${thisYear.name} checked: ${summary}${report ? " The report is below." : ""}`);
}

function saveScores(format) {
  const r = run({ job: "score", format }, [chosen.thisYear]);
  if (r.exit === 0) save(r.document, `${stem(chosen.thisYear.name)}-scores.${format}`, "text/plain");
}

async function makeWorkbook(event) {
  event.preventDefault();
  const form = new FormData($("new-workbook"));
  const frameworks = [...document.querySelectorAll("#wb-frameworks input:checked")].map((i) => i.value);
  const r = run({
    job: "new-workbook",
    establishment: form.get("id").trim(),
    name: form.get("name").trim(),
    year: Number(form.get("year")),
    frameworks,
    nation: form.get("nation"),
  });
  message("workbook-message", r.exit === 0 ? "" : r.messages);
  if (r.exit === 0) {
    save(r.document, r.name.split("/").join("-"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    status(`Made ${r.name}: open it in Excel or LibreOffice and follow its Start here sheet.`);
  }
}

async function carryForward() {
  const file = $("carry-from").files[0];
  if (!file) return;
  const r = run({ job: "next-workbook" }, [await read(file)]);
  message("workbook-message", r.exit === 0 ? "" : r.messages);
  if (r.exit === 0) {
    save(r.document, r.name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    status(`Made ${r.name} from ${file.name}: last year's answers are marked until you change or confirm them.`);
  }
}

// Comparing the estate. The files chosen are read once for each comparison and kept, with the
// choices made, so the workbook and the tables saved afterwards are of what is shown.
let estate = null; // { folder, files: [{ name, bytes }], options, html, name }

/**
 * Lets the page show a status before ties starts (the page is held while ties works): after the
 * next frame is drawn, or a moment, for a page in a tab not shown, which draws no frames.
 */
const shown = () => new Promise((done) => {
  requestAnimationFrame(() => setTimeout(done, 0));
  setTimeout(done, 200);
});

/**
 * The chosen files, named as ties' door reads them: by their path from the folder chosen
 * ("estate/hmp-a/2025.xlsx"), or, for files chosen one by one, as if in a folder "chosen".
 */
function estateFiles() {
  const inFolder = $("cmp-folder").files.length > 0;
  const picked = [...(inFolder ? $("cmp-folder").files : $("cmp-files").files)];
  const named = picked.map((file) => ({ file, name: file.webkitRelativePath || `chosen/${file.name}` }));
  const folder = named.length ? named[0].name.split("/")[0] : "";
  // For the status: "140 files from the folder estate", or "3 files" chosen one by one.
  const files = `${named.length} file${named.length === 1 ? "" : "s"}${inFolder ? ` from the folder ${folder}` : ""}`;
  return { folder, named, files };
}

/** The options filled in, as the door takes them: only those given. */
function compareOptions() {
  const options = {};
  if ($("cmp-year").value.trim()) options.year = Number($("cmp-year").value.trim());
  if ($("cmp-due").value) options.due = $("cmp-due").value;
  if ($("cmp-as-of").value) options.as_of = $("cmp-as-of").value;
  return options;
}

/** Asks ties for the comparison of the kept files in `format` (and `table`, for CSV). */
function compareAs(format, table) {
  return run({ job: "compare", folder: estate.folder, format, ...(table ? { table } : {}), ...estate.options },
    estate.files);
}

/** Reads the chosen files, with progress in the status, and shows the comparison. */
async function compare(event) {
  event.preventDefault();
  const { folder, named, files: chosenFiles } = estateFiles();
  const options = compareOptions(); // as filled in when Compare was pressed
  if (named.length === 0) {
    status("Choose the estate's folder, or its files, first.");
    $("cmp-folder").focus();
    return;
  }
  $("compare-button").disabled = true;
  // The status is at the top of the page; a bar beside the button shows the same progress.
  const bar = $("cmp-progress");
  $("cmp-working").hidden = false;
  $("cmp-progress-label").textContent = "Reading the files";
  bar.max = named.length;
  try {
    const files = [];
    let told = performance.now();
    status(`Reading files: 0 of ${named.length}`);
    for (const { file, name } of named) {
      files.push({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
      bar.value = files.length;
      // Often enough to see it move, not so often that a screen reader cannot keep up.
      if (performance.now() - told > 500) {
        status(`Reading files: ${files.length} of ${named.length}`);
        told = performance.now();
      }
    }
    estate = { folder, files, options };
    status(`Comparing the ${chosenFiles}: this can take some seconds…`);
    $("cmp-progress-label").textContent = "Comparing";
    bar.removeAttribute("value"); // a bar with no end: ties does not say how far it is
    await shown();
    const r = compareAs("html");
    message("compare-message", r.messages);
    estate.html = r.exit === 0 ? r.document : null;
    estate.name = r.name;
    $("comparison").srcdoc = r.exit === 0 ? decoder.decode(r.document) : "";
    $("compared").hidden = r.exit !== 0;
    status(r.exit === 0
      ? `Compared the ${chosenFiles}: the comparison is below${r.messages ? ", after a message" : ""}.`
      : `The ${chosenFiles} could not be compared: the message below says why.`);
  } catch (e) {
    // Files this browser could not read or hold: the command line can still compare them.
    status(`The files could not be compared in this page (${e.message}). ties compare, on the command line, can compare them.`);
  } finally {
    $("compare-button").disabled = false;
    $("cmp-working").hidden = true;
  }
}

/** Saves what ties makes of the kept files as a workbook or a table, saying so while it works. */
async function saveComparison(format, type) {
  const what = format === "csv" ? "the table" : "the workbook";
  status(`Making ${what}…`);
  await shown();
  const r = compareAs(format, format === "csv" ? $("cmp-table").value : null);
  message("compare-message", r.messages);
  if (r.exit === 0) {
    save(r.document, r.name, type);
    status(`Made ${r.name}.`);
  } else {
    status(`${what[0].toUpperCase()}${what.slice(1)} could not be made: the message above the comparison says why.`);
  }
}

/** Says what was chosen, and sets the other way of choosing aside. */
function chosenForComparison(other) {
  $(other).value = "";
  const { named, files } = estateFiles();
  status(named.length
    ? `Chosen: ${files}. Press Compare.`
    : "No files were chosen: choose the estate's folder, or its files.");
}

/** The frameworks to choose from, as ties lists them. */
function listFrameworks() {
  const list = JSON.parse(decoder.decode(run({ job: "frameworks" }).document));
  for (const f of list) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = f.id;
    label.append(box, ` ${f.title}`);
    $("wb-frameworks").append(label);
  }
}

$("this-year").addEventListener("change", examine);
$("last-year").addEventListener("change", examine);
for (const r of document.querySelectorAll("input[name=audience]")) r.addEventListener("change", showReport);
$("save-scores").addEventListener("click", () => saveScores("json"));
$("save-scores-csv").addEventListener("click", () => saveScores("csv"));
$("save-report").addEventListener("click", () => report && save(report.html, report.name, "text/html"));
$("print-report").addEventListener("click", () => $("report").contentWindow.print());
$("new-workbook").addEventListener("submit", makeWorkbook);
$("carry-from").addEventListener("change", carryForward);
$("compare").addEventListener("submit", compare);
$("cmp-folder").addEventListener("change", () => chosenForComparison("cmp-files"));
$("cmp-files").addEventListener("change", () => chosenForComparison("cmp-folder"));
$("save-comparison").addEventListener("click", () => estate?.html && save(estate.html, estate.name, "text/html"));
$("save-comparison-xlsx").addEventListener("click",
  () => saveComparison("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
$("save-table").addEventListener("click", () => saveComparison("csv", "text/csv"));
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const files = [...e.dataTransfer.files];
  const thisYear = new DataTransfer();
  thisYear.items.add(files[0]);
  $("this-year").files = thisYear.files;
  if (files[1]) {
    const lastYear = new DataTransfer();
    lastYear.items.add(files[1]);
    $("last-year").files = lastYear.files;
  }
  examine();
});
start().then(() => {
  listFrameworks();
  document.body.dataset.ready = "true";
  status("Ready: choose a self-assessment.");
}, (e) => status(`ties could not start in this browser: ${e.message}. Use a current version of Edge, Chrome or Firefox.`));
