//! The yearly OCOP cycle as staff and producers work it: the rules of a cycle (its scheme's
//! part maxima, the star bands, which council level recognises which stars), score sheets and
//! their averages, the forms of each step, and what the pages show.

pub mod forms;
pub mod pages;
pub mod rules;
pub mod status;
