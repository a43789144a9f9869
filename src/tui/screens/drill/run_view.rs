//! Drawing commands on the drill screen: the marker and last result beside
//! an item, the approval and run questions, and the output pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::DrillScreen;
use super::run::Ask;
use crate::core::sanitize::sanitize_line;
use crate::core::session::{InjectEffect, StepState};
use crate::store::trust::Trust;
use crate::tui::context::Ctx;
use crate::tui::widgets::popup::render_popup;

/// " ⚙ r runs" for an item with a command, then its last result, then
/// what a shown inject card does to it.
pub fn item_suffix(s: &DrillScreen, ctx: &Ctx<'_>, step: &StepState, item: usize) -> String {
    let card = match s.live.session.item_effect(step.plan.kind, item) {
        Some((_, InjectEffect::FailsCheck)) => "  ◆ counts as failed (inject card)".to_owned(),
        Some((_, InjectEffect::StuckFlag)) => "  ◆ cannot be turned off (inject card)".to_owned(),
        Some((_, InjectEffect::ProbeReports(r))) => {
            format!("  ◆ reports {} (simulated by an inject card)", sanitize_line(&r))
        }
        None => String::new(),
    };
    command_suffix(s, ctx, step, item) + &card
}

/// " ⚙ r runs" for an item with a command, then its last result.
fn command_suffix(s: &DrillScreen, ctx: &Ctx<'_>, step: &StepState, item: usize) -> String {
    let Some(spec) = step.plan.items.get(item).and_then(|i| i.command.as_ref()) else { return String::new() };
    let mutates = if spec.mutates { ", changes a system" } else { "" };
    match s.live.session.last_run(step.plan.kind, item).and_then(|r| r.result.as_ref().map(|res| (r, res))) {
        Some((run, res)) => {
            let mark = if res.passed(run.expect.as_deref()) { "✓" } else { "✖" };
            let over = if run.overridden.is_some() { ", accepted anyway" } else { "" };
            format!("  {mark} {}{over}", res.said(run.expect.as_deref()))
        }
        None if s.pane.running == Some((step.plan.kind, item)) => "  ⚙ running…".to_owned(),
        None if let Some(at) = s.live.session.last_run(step.plan.kind, item).and_then(|r| r.kept.interrupted_at) => {
            format!("  ✖ run interrupted at {}", at.format("%H:%M:%S"))
        }
        None => format!("  ⚙ {} runs it{mutates}", ctx.keymap.first_key(s.base_context(), crate::keymap::Action::Run)),
    }
}

/// Draws the approval or run question, when one is open.
pub fn render_ask(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let super::Modal::Ask(ask) = *s.modal() else { return };
    let lines = match ask {
        Ask::ApproveRunbook => approve_runbook_lines(s, ctx),
        Ask::Approve(_) => {
            let why = if s.live.trust == Some(Trust::Changed) {
                "has CHANGED since its commands were approved on this machine."
            } else {
                "has not had its commands approved on this machine."
            };
            vec![
                Line::from(format!("{} {why}", sanitize_line(&s.live.header.runbook_path))),
                Line::styled(format!("sha256 {}", &s.live.header.runbook_sha256), t.dim),
                Line::from("Read its commands first. Approve this exact text to run them?"),
                Line::styled(ctx.keymap.yes_no(), t.key),
            ]
        }
        Ask::Rerun(item) => {
            let Some(run) =
                s.live.session.active().and_then(|i| s.live.session.last_run(s.live.session.steps[i].plan.kind, item))
            else {
                return;
            };
            let at = run.kept.interrupted_at.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default();
            vec![
                Line::styled(sanitize_line(&crate::core::command::show_argv(&run.argv)), t.title),
                Line::styled(
                    format!(
                        "▲ run interrupted at {at} UTC: firedrill stopped while it ran, and it was killed with it."
                    ),
                    t.warn,
                ),
                Line::from(format!(
                    "Its output until then is kept below ({}).",
                    crate::core::words::count(run.kept.output.len(), "line")
                )),
                Line::styled(format!("Run it again? {}", ctx.keymap.yes_no()), t.key),
            ]
        }
        Ask::Run(item) => {
            let step = s.live.session.active().map(|i| &s.live.session.steps[i]);
            let Some(spec) = step.and_then(|st| st.plan.items.get(item)).and_then(|i| i.command.as_ref()) else {
                return;
            };
            let held = !s.live.session.runs(spec);
            let mut lines = vec![
                Line::styled(
                    sanitize_line(&crate::core::command::show_argv(&s.live.redactor.argv(&spec.argv))),
                    t.title,
                ),
                Line::from(format!(
                    "in {} · {} · changes a system: {} · timeout {}",
                    sanitize_line(&s.live.cwd.display().to_string()),
                    s.live.header.mode.key(),
                    if spec.mutates { "yes" } else { "no" },
                    spec.timeout
                )),
            ];
            if held {
                lines.push(Line::styled(
                    "A drill records this command without running it (--live-commands runs it).",
                    t.warn,
                ));
            }
            let last = step.and_then(|st| s.live.session.last_run(st.plan.kind, item));
            if let Some(res) = last.and_then(|r| r.result.as_ref()) {
                lines.push(Line::styled(format!("▲ it already ran: {}. Run it again?", res.end.label()), t.warn));
            } else if let Some(at) = last.and_then(|r| r.kept.interrupted_at) {
                let said = format!("▲ its last run was interrupted at {} UTC. Run it again?", at.format("%H:%M:%S"));
                lines.push(Line::styled(said, t.warn));
            }
            lines.push(Line::styled(format!("Run it? {}", ctx.keymap.yes_no()), t.key));
            lines
        }
    };
    let (title, height) = match ask {
        Ask::ApproveRunbook => {
            ("approve this runbook's commands?", u16::try_from(auto_commands(s).len()).unwrap_or(8).saturating_add(6))
        }
        Ask::Approve(_) => ("approve this runbook's commands?", 8),
        Ask::Rerun(_) => ("run again?", 8),
        Ask::Run(_) => ("run?", 8),
    };
    let inner = render_popup(ctx, title, 84, height, area, buf);
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

/// Draws the output pane: the last lines, scrolled back with page up/down.
pub fn render_pane(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let room = usize::from(area.height.saturating_sub(2));
    let end = s.pane.lines.len().saturating_sub(s.pane.scroll.min(s.pane.lines.len()));
    let start = end.saturating_sub(room);
    let lines: Vec<Line<'_>> = s.pane.lines.range(start..end).map(|l| Line::raw(l.as_str())).collect();
    let scrolled = if s.pane.scroll > 0 { format!(" · {} lines back", s.pane.scroll) } else { String::new() };
    let title = format!(" output: {}{scrolled} ", sanitize_line(&s.pane.title));
    let style = if s.pane.running.is_some() { t.active } else { t.border };
    Paragraph::new(lines).block(Block::bordered().title(Span::raw(title)).border_style(style)).render(area, buf);
}

/// The commands the runbook runs on its own, as shown (secrets hidden):
/// its health check, release probe, and kill switches' commands.
fn auto_commands(s: &DrillScreen) -> Vec<String> {
    let rb = &s.live.runbook;
    let show = |argv: &Vec<String>| crate::core::command::show_argv(&s.live.redactor.argv(argv));
    let mut v: Vec<String> = [&rb.release.health, &rb.release.probe].into_iter().flatten().map(show).collect();
    for f in rb.flags.iter().map(toml::Spanned::get_ref) {
        v.extend([&f.safe_command, &f.restore_command, &f.state_command].into_iter().flatten().map(show));
    }
    v
}

/// "It runs these on its own": the commands a runbook's approval lets run.
fn approve_runbook_lines<'a>(s: &DrillScreen, ctx: &Ctx<'_>) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let why = if s.live.trust == Some(Trust::Changed) {
        "has CHANGED since its commands were approved here"
    } else {
        "is new here"
    };
    // The question and its keys first: a small terminal shows them before
    // the list it cuts.
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{} {why}: approve its commands? ", sanitize_line(&s.live.header.runbook_path))),
            Span::styled(ctx.keymap.yes_no(), t.key),
        ]),
        Line::from("Without approval nothing is measured: only claimed. It runs these on its own:"),
    ];
    for argv in auto_commands(s) {
        lines.push(Line::styled(format!("  {}", sanitize_line(&argv)), t.title));
    }
    lines.push(Line::styled(format!("approving this exact text: sha256 {}", &s.live.header.runbook_sha256), t.dim));
    lines
}
