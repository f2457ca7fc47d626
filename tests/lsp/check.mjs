// Editor help, as an editor gives it: Red Hat's YAML language server (the one VS Code's YAML
// extension runs), spoken to over LSP on standard input and output, opens each self-assessment
// given, as `ties` wrote it but for four planted mistakes, and must find the schema its first
// line names and report each mistake, at its line, and nothing else.
//
//   node check.mjs FOLDER FILE...    (FOLDER: the workspace the editor has open; FILE: in it)
//
// The mistakes: no `year`, an evidence entry with no `kind`, a misspelt rating and a misspelt
// item, as `ties check` finds them (tests/testsuite/check/messages.rs plants the same).

import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const server = require.resolve("yaml-language-server/bin/yaml-language-server");

const [folder, ...files] = process.argv.slice(2);
if (!folder || files.length === 0) {
  console.error("usage: node check.mjs FOLDER FILE...");
  process.exit(2);
}

// Each mistake: the text `ties` writes, what it becomes, and the text on the line the language
// server must report it at (the top of the file for the missing `year`).
const MISTAKES = [
  { what: "no `year`", from: "year: 2025\n", to: "", at: "ties: 1" },
  {
    what: "a misspelt rating",
    from: "  farmer-offer/visitor-centre:\n    rating:\n    evidence: []\n",
    to:
      "  farmer-offer/visitor-centre:\n    rating: fully-in-plce\n    evidence:\n" +
      "      - text: Visitor survey, 212 replies.\n        date: 2025-11-03\n",
    at: "    rating: fully-in-plce",
  },
  {
    what: "an evidence entry with no `kind`",
    from: null,
    at: "      - text: Visitor survey, 212 replies.",
  },
  {
    what: "a misspelt item",
    from: "  farmer-offer/extended-visits:\n",
    to: "  farmer-offer/extended-visit:\n",
    at: "  farmer-offer/extended-visit:",
  },
];

function plant(path) {
  let text = readFileSync(path, "utf8");
  for (const m of MISTAKES.filter((m) => m.from !== null)) {
    const found = text.split(m.from).length - 1;
    if (found !== 1) {
      throw new Error(`${path}: expected the text for ${m.what} once, found it ${found} times`);
    }
    text = text.replace(m.from, m.to);
  }
  writeFileSync(path, text);
  const lines = text.split("\n");
  return MISTAKES.map((m) => {
    const line = lines.findIndex((l) => l.startsWith(m.at));
    if (line < 0) throw new Error(`${path}: no line for ${m.what}`);
    return { ...m, line };
  });
}

// The language server's conversation: messages framed with Content-Length, requests answered.
class Connection {
  constructor(child) {
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.next = 1;
    this.pending = new Map();
    this.diagnostics = new Map();
    this.changed = Date.now();
    child.stdout.on("data", (chunk) => this.receive(chunk));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.next++;
    this.send({ id, method, params });
    return new Promise((done) => this.pending.set(id, done));
  }

  notify(method, params) {
    this.send({ method, params });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  handle(message) {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.method === "workspace/configuration") {
      // Validation on; no schema store (nothing fetched from the internet).
      const settings = (section) =>
        section === "yaml"
          ? { validate: true, hover: true, completion: true, schemaStore: { enable: false } }
          : {};
      this.send({ id: message.id, result: message.params.items.map((i) => settings(i.section)) });
    } else if (message.id !== undefined) {
      this.send({ id: message.id, result: null });
    } else if (message.method === "textDocument/publishDiagnostics") {
      this.diagnostics.set(message.params.uri, message.params.diagnostics);
      this.changed = Date.now();
    }
  }
}

const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const lsp = new Connection(child);
const root = pathToFileURL(resolve(folder)).href;
await lsp.request("initialize", {
  processId: process.pid,
  rootUri: root,
  workspaceFolders: [{ uri: root, name: "ties" }],
  capabilities: {
    workspace: { configuration: true },
    textDocument: { publishDiagnostics: { relatedInformation: true } },
  },
});
lsp.notify("initialized", {});
lsp.notify("workspace/didChangeConfiguration", {
  settings: { yaml: { validate: true, schemaStore: { enable: false } } },
});

const planted = new Map();
for (const file of files) {
  const path = resolve(folder, file);
  planted.set(pathToFileURL(path).href, { file, mistakes: plant(path) });
  lsp.notify("textDocument/didOpen", {
    textDocument: {
      uri: pathToFileURL(path).href,
      languageId: "yaml",
      version: 1,
      text: readFileSync(path, "utf8"),
    },
  });
}

// The server publishes as it goes (first without the schema, then with it): wait until every
// file has diagnostics and none has changed for three seconds, or a minute has gone.
const started = Date.now();
const settled = () =>
  [...planted.keys()].every((uri) => lsp.diagnostics.get(uri)?.length) &&
  Date.now() - lsp.changed > 3000;
while (!settled() && Date.now() - started < 60000) {
  await new Promise((r) => setTimeout(r, 250));
}

let failed = false;
for (const [uri, { file, mistakes }] of planted) {
  const found = lsp.diagnostics.get(uri) ?? [];
  console.log(`${file}: ${found.length} diagnostics`);
  for (const d of found) console.log(`  line ${d.range.start.line + 1}: ${d.message.replace(/\s+/g, " ")}`);
  for (const m of mistakes) {
    if (!found.some((d) => d.range.start.line === m.line)) {
      console.error(`${file}: ${m.what} (line ${m.line + 1}) was not reported`);
      failed = true;
    }
  }
  if (found.length !== mistakes.length) {
    console.error(`${file}: expected ${mistakes.length} diagnostics, one per mistake, got ${found.length}`);
    failed = true;
  }
}

await lsp.request("shutdown", null);
lsp.notify("exit", null);
child.stdin.end();
process.exit(failed ? 1 : 0);
