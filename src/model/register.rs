//! The national register of establishments: who is expected to submit a self-assessment.

use serde::Deserialize;

use crate::load::node::Located;
use crate::model::assessment::Nation;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub establishments: Vec<RegisterEntry>,
    /// Contact details that are public for the whole estate (a national helpline): the
    /// personal-data guard lets these exact values pass in every file.
    #[serde(default)]
    pub public_contacts: Vec<String>,
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
