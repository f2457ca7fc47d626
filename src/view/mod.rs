//! View models: plain data for templates and exports, mapped from scorecards and analyses.

pub mod chart;
pub mod crosswalk;
pub mod estate;
pub mod estate_export;
pub mod framework;
pub mod numbers;
pub mod report;
pub mod schema;
pub mod score;
pub mod trend;
