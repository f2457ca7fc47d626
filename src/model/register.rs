//! The national register of establishments: who is expected to submit a self-assessment.

use serde::Deserialize;

use crate::load::node::Located;
use crate::model::assessment::Nation;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub establishments: Vec<RegisterEntry>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    pub id: Located<String>,
    pub name: String,
    pub nation: Nation,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub comparator_group: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}
