//! What the files mean, as typed data: frameworks, self-assessments, the register of
//! establishments, the catalog of frameworks available, and what a new year carries forward
//! from the last.

pub mod assessment;
pub mod carry;
pub mod catalog;
pub mod float;
pub mod framework;
pub mod ids;
pub mod links;
pub mod register;
