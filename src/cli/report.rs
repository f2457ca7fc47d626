//! `ties report`: the annual progress report, with change since last year.

use std::path::PathBuf;

use clap::ValueEnum;

use ties::error::Result;
use ties::estate::previous::PreviousYear;
use ties::jobs::{self, ReportOptions};
use ties::output::Format;
use ties::validate;
use ties::view::report::Audience;

use super::Context;
use super::args::{Formats, OutputArg, PersonalDataArg, TemplatesArg, date_arg, formats};
use super::output::{Output, eprint_safely};

#[derive(clap::Args)]
pub struct Args {
    /// The assessment file.
    file: PathBuf,
    #[arg(long, value_parser = FORMATS, default_value = "md")]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    /// public leaves out everything marked restricted; inspector shows it, marked.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    audience: AudienceArg,
    /// The date actions are judged overdue against (default: the file's completed_on).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    templates: TemplatesArg,
    #[command(flatten)]
    personal_data: PersonalDataArg,
}

const FORMATS: Formats = formats(&[Format::Md, Format::Html]);

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Public,
    Inspector,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    let env = super::templates::environment(args.templates.templates.as_deref())?;
    let (a, file) = validate::assessment::read(&ctx.disk, &args.file, &catalog)?;
    let audience = match args.audience {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Inspector => Audience::Inspector,
    };
    let (previous, left_out) = PreviousYear::find(&ctx.disk, &args.file, &a, &catalog);
    for warning in left_out {
        eprint_safely(&format!("warning: {warning}\n"));
    }
    let options = ReportOptions {
        audience,
        format: args.format,
        as_of: args.as_of,
        allow_personal_data: args.personal_data.allow_personal_data,
    };
    let mut inputs = vec![args.file.clone()];
    inputs.extend(previous.found.as_ref().map(|(_, f)| f.path.clone()));
    let written = jobs::report(&catalog, &env, (&a, &file), previous, &options)?;
    let result = Output::new(args.output.output.as_deref(), ctx.force)
        .reading(inputs)
        .written(written, "");
    super::keep_until_exit((catalog, env, a, file));
    result
}
