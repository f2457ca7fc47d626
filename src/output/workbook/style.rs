//! How the workbook looks: calm colours, readable wrapped text, and which cells a person fills
//! in (unlocked, white) and which hold guidance (locked, grey).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

/// GOV.UK's light grey, for guidance a person reads but does not change.
const GUIDANCE: u32 = 0xF3F2F1;
/// A mid grey, for cells that do not apply to a row (no rating for a written answer).
const BLOCKED: u32 = 0xDEE0E2;
/// A light blue, for column headings and section headings.
const HEADING: u32 = 0xD2E2F1;
/// A light yellow, for answers carried forward from last year.
const CARRIED: u32 = 0xFFF2B3;
const BORDER: u32 = 0xB1B4B6;

pub const DATE_FORMAT: &str = "dd/mm/yyyy";

pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub heading: Format,
    pub subheading: Format,
    pub header: Format,
    pub guidance: Format,
    pub label: Format,
    pub note: Format,
    pub blocked: Format,
    pub input: Format,
    pub carried: Format,
    pub date: Format,
    pub carried_date: Format,
    pub number: Format,
    pub status: Format,
}

fn base() -> Format {
    Format::new()
        .set_align(FormatAlign::Top)
        .set_font_name("Arial")
        .set_font_size(10)
}

fn text_cell() -> Format {
    base().set_text_wrap()
}

/// A cell to fill in: unlocked, white. (The sheet's grid lines show where it is; whole columns
/// have this format, so a border would run on below the table.)
fn input() -> Format {
    text_cell().set_unlocked()
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_name("Arial")
                .set_font_size(16),
            subtitle: Format::new().set_font_name("Arial").set_font_size(12),
            heading: base()
                .set_bold()
                .set_font_size(11)
                .set_background_color(HEADING),
            subheading: base().set_bold().set_italic(),
            header: text_cell()
                .set_bold()
                .set_background_color(HEADING)
                .set_border_bottom(FormatBorder::Medium)
                .set_border_bottom_color(BORDER),
            guidance: text_cell().set_background_color(GUIDANCE),
            label: text_cell().set_bold(),
            note: text_cell().set_italic().set_font_color(0x505A5F),
            blocked: text_cell()
                .set_italic()
                .set_font_color(0x505A5F)
                .set_background_color(BLOCKED),
            input: input(),
            carried: input().set_background_color(CARRIED),
            date: input().set_num_format(DATE_FORMAT),
            carried_date: input()
                .set_num_format(DATE_FORMAT)
                .set_background_color(CARRIED),
            number: input().set_num_format("General"),
            status: text_cell().set_bold().set_background_color(CARRIED),
        }
    }
}
