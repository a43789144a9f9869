//! Drawing pieces shared by screens: the hint line, overlays, text fields,
//! the too-small message.

pub mod field;
pub mod flags;
pub mod help;
pub mod hints;
pub mod markdown;
pub mod popup;
pub mod rows;
pub mod too_small;

pub use too_small::render_clamp_note;
