//! `ties`: measure and report how well a prison supports prisoners' family ties.
//!
//! Data flows one way: framework files are read into a `Catalog`; an assessment file is read
//! and checked against it; the scoring engine turns it into a `Scorecard`; views and templates
//! turn scorecards into reports. The library never prints and never reads the clock.

pub mod assessment;
pub mod catalog;
pub mod chart;
pub mod check;
pub mod check_assessment;
pub mod check_framework;
pub mod csv;
pub mod diag;
pub mod estate;
pub mod estate_output;
pub mod framework;
pub mod fsio;
pub mod init;
pub mod load;
pub mod markdown;
pub mod node;
pub mod privacy;
pub mod register;
pub mod render;
pub mod report;
pub mod score;
pub mod score_output;
pub mod source;
pub mod toml_file;
pub mod view_estate;
pub mod view_framework;
pub mod view_report;
pub mod view_trend;
pub mod yaml;
