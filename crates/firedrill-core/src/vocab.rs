//! The shared vocabulary of the practice: the words every other module
//! speaks (step kinds, roles, the decision, the mode, kill-switch states,
//! severity). A leaf: it imports nothing of the crate, so any module may
//! use it without closing an import circle (docs/design.md, "Layers").

mod decision;
mod flag_state;
mod mode;
mod role;
mod severity;
mod step_kind;

pub use decision::Decision;
pub use flag_state::{FlagState, SwitchAction};
pub use mode::Mode;
pub use role::{Role, same_person};
pub use severity::Severity;
pub use step_kind::StepKind;
