//! What the files mean, as typed data: frameworks, self-assessments, the register of
//! establishments, and the catalog of frameworks available.

pub mod assessment;
pub mod catalog;
pub mod framework;
pub mod ids;
pub mod links;
pub mod register;
