//! Markdown rewritten as Markdown that is safe to embed in a Markdown report: raw HTML escaped,
//! unsafe links reduced to their text, headings turned into bold lines so they cannot break the
//! report's outline. Paragraphs, emphasis, lists, code and safe links are kept.
//!
//! The writer takes pulldown-cmark's events one at a time; each kind of event has its method.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{escape_inline, safe_link};

/// An open list item: where it starts in the output, where its marker (`- `, `1. `) ends, and
/// the column its text starts at.
struct Item {
    start: usize,
    marker_end: usize,
    content: usize,
}

/// The state of the rewriting.
pub(super) struct SafeMarkdown {
    pub(super) out: String,
    /// For each open list: the number of its next item, or `None` for a bulleted list.
    lists: Vec<Option<u64>>,
    /// For each open link: its address if it is kept.
    links: Vec<Option<String>>,
    items: Vec<Item>,
    at_line_start: bool,
    row: Vec<String>,
    /// The characters held in `row`, so that what is held counts against the limit too.
    row_chars: usize,
    in_cell: bool,
    cell: String,
    header_done: bool,
    in_code_block: bool,
    code: String,
}

impl SafeMarkdown {
    pub(super) fn new() -> SafeMarkdown {
        SafeMarkdown {
            out: String::new(),
            lists: Vec::new(),
            links: Vec::new(),
            items: Vec::new(),
            at_line_start: true,
            row: Vec::new(),
            row_chars: 0,
            in_cell: false,
            cell: String::new(),
            header_done: false,
            in_code_block: false,
            code: String::new(),
        }
    }

    /// How much text the writer holds: what is written and what waits to be.
    pub(super) fn held(&self) -> usize {
        self.out.len() + self.cell.len() + self.row_chars + self.code.len()
    }

    /// Where text goes: the table cell being read, or the output.
    fn target(&mut self) -> &mut String {
        if self.in_cell {
            &mut self.cell
        } else {
            &mut self.out
        }
    }

    /// A paragraph, code block or list at the top level ends with a blank line; inside a list,
    /// with a line break only.
    fn block_end(&self) -> &'static str {
        if self.lists.is_empty() { "\n\n" } else { "\n" }
    }

    pub(super) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_code_block {
                    self.code.push_str(&text);
                } else {
                    let (line_start, in_cell) = (self.at_line_start, self.in_cell);
                    self.target()
                        .push_str(&escape_inline(&text, line_start, in_cell));
                }
                self.at_line_start = false;
            }
            Event::Code(code) => {
                let code = format!("`{}`", code.replace('`', "'"));
                self.target().push_str(&code);
                self.at_line_start = false;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let (line_start, in_cell) = (self.at_line_start, self.in_cell);
                self.target()
                    .push_str(&escape_inline(&raw, line_start, in_cell));
                // A block of raw HTML comes one line at a time, each with its line break.
                self.at_line_start = raw.ends_with(['\n', '\r']);
            }
            Event::SoftBreak => {
                self.target().push('\n');
                self.at_line_start = true;
            }
            Event::HardBreak => {
                self.target().push_str("\\\n");
                self.at_line_start = true;
            }
            // `***`, not `---`: under a line of text, `---` makes that text a heading.
            Event::Rule => {
                let target = self.target();
                if !target.is_empty() && !target.ends_with('\n') {
                    target.push('\n');
                }
                target.push_str("***\n\n");
                self.at_line_start = true;
            }
            Event::TaskListMarker(done) => {
                self.target().push_str(if done { "[x] " } else { "[ ] " })
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } => self.target().push_str("**"),
            Tag::BlockQuote(_) => self.target().push_str("> "),
            // A code block becomes one span of code for each of its lines. A fenced block would
            // have to be indented exactly as its list item is; one that is not leaves the code
            // (never escaped) to be read as Markdown, and the text after it as code.
            Tag::CodeBlock(_) => {
                self.in_code_block = true;
                self.code.clear();
            }
            Tag::List(start) => self.start_list(start),
            Tag::Item => self.start_item(),
            Tag::Emphasis => self.target().push('*'),
            Tag::Strong => self.target().push_str("**"),
            Tag::Strikethrough => self.target().push_str("~~"),
            Tag::Link { dest_url, .. } => self.start_link(dest_url),
            Tag::Table(_) => self.header_done = false,
            Tag::TableHead | Tag::TableRow => {
                self.row.clear();
                self.row_chars = 0;
            }
            Tag::TableCell => {
                self.in_cell = true;
                self.cell.clear();
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let end = self.block_end();
                self.target().push_str(end);
                self.at_line_start = true;
            }
            TagEnd::Heading(_) => {
                self.target().push_str("**\n\n");
                self.at_line_start = true;
            }
            TagEnd::BlockQuote(_) => self.target().push('\n'),
            TagEnd::CodeBlock => self.end_code_block(),
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.target().push('\n');
                }
            }
            TagEnd::Item => self.end_item(),
            TagEnd::HtmlBlock => {
                if self.lists.is_empty() {
                    self.target().push('\n');
                }
                self.at_line_start = true;
            }
            TagEnd::Emphasis => self.target().push('*'),
            TagEnd::Strong => self.target().push_str("**"),
            TagEnd::Strikethrough => self.target().push_str("~~"),
            TagEnd::Link => {
                if let Some(Some(url)) = self.links.pop() {
                    let link = format!("]({})", url.replace(['(', ')', ' ', '<', '>'], ""));
                    self.target().push_str(&link);
                }
            }
            TagEnd::Table => self.target().push('\n'),
            TagEnd::TableHead | TagEnd::TableRow => self.end_row(),
            TagEnd::TableCell => {
                self.in_cell = false;
                self.row_chars += self.cell.len();
                self.row.push(std::mem::take(&mut self.cell));
            }
            _ => {}
        }
    }

    fn end_code_block(&mut self) {
        self.in_code_block = false;
        // A lone carriage return ends a line in Markdown too.
        let lines: Vec<String> = self
            .code
            .split(['\n', '\r'])
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("`{}`", l.trim().replace('`', "'")))
            .collect();
        let end = self.block_end();
        let target = self.target();
        target.push_str(&lines.join("\\\n"));
        target.push_str(end);
        self.at_line_start = true;
    }

    fn start_list(&mut self, start: Option<u64>) {
        // A list that starts an item goes on the item's own line (`- - a`): an item marker alone
        // on its line, under a line of text, reads as that text's underline.
        let len = self.target().len();
        let starts_item = self.items.last().is_some_and(|i| i.marker_end == len);
        let nested = !self.lists.is_empty();
        let target = self.target();
        if nested && !target.ends_with('\n') && !starts_item {
            target.push('\n');
        }
        // A list after a line of text, with no blank line between, could read as that text's
        // underline (`-`), making it a heading.
        if !nested && !target.is_empty() {
            while !target.ends_with("\n\n") {
                target.push('\n');
            }
        }
        self.lists.push(start);
    }

    fn start_item(&mut self) {
        let start = self.target().len();
        // An item is indented to the text of the item it is in, unless it starts that item, on
        // the same line.
        let (indent, starts_item) = match self.items.last() {
            Some(item) => (item.content, item.marker_end == start),
            None => (0, false),
        };
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                *n += 1;
                format!("{}. ", *n - 1)
            }
            _ => "- ".to_string(),
        };
        let target = self.target();
        if !starts_item {
            target.push_str(&" ".repeat(indent));
        }
        target.push_str(&marker);
        let marker_end = target.len();
        self.items.push(Item {
            start,
            marker_end,
            content: indent + marker.len(),
        });
    }

    fn end_item(&mut self) {
        // An empty item (`- ` and nothing) under a line of text is that text's underline: it is
        // left out.
        let item = self.items.pop();
        let target = self.target();
        match item {
            Some(item) if target[item.marker_end..].trim().is_empty() => {
                target.truncate(item.start);
            }
            _ if !target.ends_with('\n') => target.push('\n'),
            _ => {}
        }
    }

    fn start_link(&mut self, dest_url: CowStr<'_>) {
        if safe_link(&dest_url) {
            self.target().push('[');
            self.links.push(Some(dest_url.to_string()));
        } else {
            self.links.push(None);
        }
    }

    /// A row of a table is written when it ends: its cells, and under the first row the line
    /// that makes it the header.
    fn end_row(&mut self) {
        self.out
            .push_str(&format!("| {} |\n", self.row.join(" | ")));
        if !self.header_done {
            self.out
                .push_str(&format!("|{}\n", " --- |".repeat(self.row.len())));
            self.header_done = true;
        }
        self.row_chars = 0;
    }
}
