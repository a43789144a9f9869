//! The screens through the app's update function: snapshots at 40x12, 80x24 and 160x48, journeys key by key.
//! One test crate (one link) for all of them; each file is a module.

#[path = "../common/mod.rs"]
mod common;

mod debrief_actions;
mod follow_sensors;
mod home_board;
mod keys_budget;
mod keys_rebound;
mod layers;
mod note_kept;
mod roles_screen;
mod runner_journeys;
mod saved_proposal;
mod screens;
mod screens_injects;
mod screens_release;
mod sizes;
mod sizes_prompts;
mod sizes_session;
