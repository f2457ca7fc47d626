//! `ties`: measure and report how well a prison supports prisoners' family ties.
//!
//! Data flows one way, one folder a stage (see ARCHITECTURE.md):
//! `load` reads files into located trees; `model` holds what they mean; `validate` checks them
//! and collects every problem; `score` turns an assessment into a `Scorecard`; `estate` reads
//! many assessments and analyses them; `view` maps scorecards and analyses into plain view
//! models; `output` renders views as Markdown, HTML, CSV, JSON and workbooks and writes files.
//! `diag` is the problems found in input files and their messages. The library never prints and
//! never reads the clock.

// The library never prints: the binary decides what reaches the screen.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diag;
pub mod error;
pub mod estate;
pub mod jobs;
pub mod load;
pub mod model;
pub mod output;
pub mod paths;
pub mod score;
pub mod validate;
pub mod view;
