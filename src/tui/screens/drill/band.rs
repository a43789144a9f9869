//! The top of the drill screen: the clock, the current step and its owner in
//! big type (readable across a room), then three plain lines: the time-box
//! (or wall clock in an incident), the step with its owner and target, and
//! the state line (paused, a refusal, a journal failure), wrapped when long.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::DrillScreen;
use crate::core::duration::clock;
use crate::core::incident::UpdateDue;
use crate::core::sanitize::sanitize_line;
use crate::core::timing::TimeboxState;
use crate::theme::Theme;
use crate::tui::context::Ctx;

/// Columns one character takes in quadrant big type.
const GLYPH: u16 = 4;

fn timebox(s: &DrillScreen, ctx: &Ctx<'_>) -> (u64, u64, TimeboxState) {
    let elapsed = s.live.session.elapsed_ms(s.live.t_ms(ctx.now));
    let limit = s.live.runbook.timebox.as_ms();
    (elapsed, limit, TimeboxState::of(elapsed, limit))
}

fn state_style(t: &Theme, state: TimeboxState) -> Style {
    match state {
        TimeboxState::Within => t.good,
        TimeboxState::Warning => t.warn,
        TimeboxState::Over => t.bad,
    }
}

fn big(text: String, style: Style, area: Rect, buf: &mut Buffer) {
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(style)
        .lines(vec![Line::from(text)])
        .build()
        .render(area, buf);
}

/// Draws the big clock and, where it fits, the step and its owner's name.
pub fn render_band(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let (elapsed, _, state) = timebox(s, ctx);
    // An incident leads with the wall clock (UTC); a drill with its elapsed time.
    let text = if s.live.is_incident() { ctx.now.wall.format("%H:%M").to_string() } else { clock(elapsed) };
    let clock_w = u16::try_from(text.chars().count()).unwrap_or(8) * GLYPH + 2;
    let [left, right] = Layout::horizontal([Constraint::Length(clock_w), Constraint::Fill(1)]).areas(area);
    let style = if s.live.is_incident() { t.title } else { state_style(t, state) };
    big(text, style, left, buf);
    let Some(i) = s.live.session.active() else { return };
    let step = &s.live.session.steps[i];
    let who = sanitize_line(s.live.session.roles.holder(step.plan.owner)).to_uppercase();
    let room = usize::from(right.width / GLYPH);
    let label = step.plan.label.to_uppercase();
    let full = format!("{label} {who}");
    let text = if full.chars().count() <= room { full } else { label.chars().take(room).collect() };
    big(text, t.active, right, buf);
}

/// " · next update 14:35 UTC in 12:04 ●", turning to ▲ when due soon and
/// ✖ OVERDUE once the promise is broken; `short` (under 60 columns):
/// " · update 14:35 in 12:04 ●".
fn update_due<'a>(s: &DrillScreen, ctx: &Ctx<'_>, short: bool) -> Vec<Span<'a>> {
    let t = ctx.theme;
    let session = &s.live.session;
    let now_ms = s.live.t_ms(ctx.now);
    // Once the work stopped (the last step, an early stop, the finish), no
    // update is due: a countdown would keep ticking for nothing.
    if session.work_end_ms().is_some() {
        return Vec::new();
    }
    let Some(due_ms) = session.next_update_due_ms() else {
        if session.last_update_final() {
            return vec![Span::styled(" · ✓ final update posted", t.good)];
        }
        return vec![Span::styled(" · ▲ the last update promised no next one (u)", t.warn)];
    };
    let ahead = i64::try_from(due_ms).unwrap_or(i64::MAX).saturating_sub(i64::try_from(now_ms).unwrap_or(0));
    // The promise as typed, when there is one; else one cadence on.
    let typed = session.updates.last().and_then(|u| u.next_at);
    let due_at =
        typed.or_else(|| chrono::Duration::try_milliseconds(ahead).and_then(|d| ctx.now.wall.checked_add_signed(d)));
    let first = match (short, session.updates.is_empty()) {
        (true, _) => "update",
        (false, true) => "first update",
        (false, false) => "next update",
    };
    let now = if short { "" } else { " write it now" };
    let (text, style) = match UpdateDue::of(now_ms, due_ms, session.update_every_ms) {
        UpdateDue::Later { left_ms } => (format!("in {} ●", clock(left_ms)), t.good),
        UpdateDue::Soon { left_ms } => (format!("in {} ▲{now} (u)", clock(left_ms)), t.warn),
        UpdateDue::Overdue { by_ms } => (format!("✖ OVERDUE by {} (u)", clock(by_ms)), t.bad),
    };
    let utc = if short { "" } else { " UTC" };
    let at = due_at.map_or_else(String::new, |d| format!(" {}{utc}", d.format("%H:%M")));
    vec![Span::styled(format!(" · {first}{at} "), t.text), Span::styled(text, style)]
}

/// " · last drill 01:40 · best 01:20" against earlier drills of the runbook.
fn splits_text(s: &DrillScreen, kind: crate::core::plan::StepKind) -> String {
    let earlier: Vec<&crate::core::review::Summary> = s.live.earlier.iter().collect();
    let sp = crate::core::review::split(&earlier, kind);
    match (sp.previous_ms, sp.best_ms) {
        (Some(p), Some(b)) => format!(" · last drill {} · best {}", clock(p), clock(b)),
        _ => String::new(),
    }
}

/// The plain lines under the band for a screen `width` columns wide: the
/// time-box (or wall clock), the step, and the state line, which is wrapped
/// (a long banner keeps its end: the reason, the path, the way out).
pub fn info_lines<'a>(s: &DrillScreen, ctx: &Ctx<'_>, width: u16) -> Vec<Line<'a>> {
    let mut lines = vec![clock_line(s, ctx, width), step_line(s, ctx, width)];
    lines.extend(state_lines(s, ctx, width));
    lines
}

/// The time-box with its bar (or an incident's wall clock), and the update
/// countdown from 100 columns.
fn clock_line<'a>(s: &DrillScreen, ctx: &Ctx<'_>, width: u16) -> Line<'a> {
    let t = ctx.theme;
    let (elapsed, limit, state) = timebox(s, ctx);
    let style = state_style(t, state);
    if s.live.is_incident() {
        let mut spans = vec![
            Span::styled(
                format!(" {} UTC", ctx.now.wall.format(if width < 60 { "%H:%M:%S" } else { "%Y-%m-%d %H:%M:%S" })),
                t.title,
            ),
            Span::styled(format!(" · since start {}", clock(s.live.t_ms(ctx.now))), t.text),
        ];
        if width >= 100 {
            spans.extend(update_due(s, ctx, false));
        }
        return Line::from(spans);
    }
    let bar_w = usize::from(width.saturating_sub(46)).clamp(4, 30);
    let filled =
        usize::try_from(u128::from(elapsed.min(limit)) * bar_w as u128 / u128::from(limit.max(1))).unwrap_or(bar_w);
    let status = match state {
        TimeboxState::Over => format!(" {} OVER by {}", state.symbol(), clock(elapsed - limit)),
        TimeboxState::Warning | TimeboxState::Within => {
            format!(" {} {} left", state.symbol(), clock(limit.saturating_sub(elapsed)))
        }
    };
    // Under 60 columns: no bar, so what is left stays whole.
    let bar = if width < 60 { (0, 0) } else { (filled, bar_w.saturating_sub(filled)) };
    let mut line = Line::from(vec![
        Span::styled(format!(" {} ", clock(elapsed)), t.title),
        Span::styled(
            if width < 60 { format!("of {}", clock(limit)) } else { format!("of time-box {} ", clock(limit)) },
            t.text,
        ),
        Span::styled("█".repeat(bar.0), style),
        Span::styled("░".repeat(bar.1), t.dim),
        Span::styled(status, style),
    ]);
    if width >= 100 {
        line.spans.extend(update_due(s, ctx, false));
    }
    line
}

/// The step in progress: its owner, target and time so far.
fn step_line<'a>(s: &DrillScreen, ctx: &Ctx<'_>, width: u16) -> Line<'a> {
    let t = ctx.theme;
    let session = &s.live.session;
    let now_ms = s.live.t_ms(ctx.now);
    match session.active() {
        Some(i) => {
            let step = &session.steps[i];
            let actual = session.step_actual_ms(i, now_ms).unwrap_or(0);
            let over = actual > step.plan.target.as_ms();
            // Under 60 columns: the owner by name only, "02:20 of 02:00 ▲".
            let narrow = width < 60;
            let target = clock(step.plan.target.as_ms());
            let (step_n, owner, before, after) = if narrow {
                (String::new(), " · ".to_owned(), " · ".to_owned(), format!(" of {target}"))
            } else {
                (
                    "step ".to_owned(),
                    format!(" · {}: ", step.plan.owner),
                    format!(" · target {target} · this step "),
                    String::new(),
                )
            };
            let mark = match (over, narrow) {
                (false, _) => "",
                (true, true) => " ▲",
                (true, false) => " ▲ over",
            };
            Line::from(vec![
                Span::styled(format!(" ▶ {step_n}{}/{} ", i + 1, session.steps.len()), t.text),
                Span::styled(step.plan.label.to_uppercase(), t.active),
                Span::styled(owner, t.text),
                Span::styled(sanitize_line(session.roles.holder(step.plan.owner)), t.title),
                Span::styled(before, t.text),
                Span::styled(clock(actual), if over { t.warn } else { t.text }),
                Span::styled(after, t.text),
                Span::styled(mark, t.warn),
                Span::styled(splits_text(s, step.plan.kind), t.dim),
            ])
        }
        None => Line::styled(" ✓ every step done or skipped", t.good),
    }
}

/// The state line: a banner, read-only, a journal failure, a pause or a
/// refusal, else the decision (with the countdown under 100 columns).
fn state_lines<'a>(s: &DrillScreen, ctx: &Ctx<'_>, width: u16) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let session = &s.live.session;
    let mut lines = Vec::new();
    if let Some(banner) = &s.banner {
        // A session paused when it stopped is still paused: say so here too.
        let resume_key = ctx.keymap.first_key(s.base_context(), crate::keymap::Action::Pause);
        let paused =
            if session.is_paused() { format!(" · still ⏸ PAUSED: {resume_key} resumes") } else { String::new() };
        lines.extend(wrapped(&format!("⚠ {}{paused}", sanitize_line(banner)), t.warn, width));
    } else if let (Some(holder), None) = (&s.live.read_only, &s.flash) {
        let text = if let Some(rest) = holder.strip_prefix("following ") {
            // A follower has no roles pane: who holds what is said here.
            let r = &session.roles;
            let roles = format!("driver {} · comms {} · verifier {}", r.driver, r.communicator, r.verifier);
            format!("◉ FOLLOWING {} · {}", sanitize_line(rest), sanitize_line(&roles))
        } else {
            format!("◉ READ-ONLY: another firedrill holds this session ({})", sanitize_line(holder))
        };
        lines.extend(wrapped(&text, t.warn, width));
        // What a watcher comes for: the decision and when the next update is due.
        lines.extend(decision_line(s, ctx, width));
    } else if let Some(err) = &s.live.journal_error {
        let text = sanitize_line(err);
        let text = text.strip_prefix("journal cannot be written: ").map_or_else(
            || format!("JOURNAL NOT WRITTEN: {text}"),
            |rest| format!("JOURNAL CANNOT BE WRITTEN: {rest}"),
        );
        lines.extend(wrapped(&format!("✖ {text}"), t.bad, width));
    } else if session.is_paused() {
        let resume_key = ctx.keymap.first_key(s.base_context(), crate::keymap::Action::Pause);
        lines.push(Line::styled(format!(" ⏸ PAUSED: the clock is stopped; {resume_key} resumes"), t.warn));
    } else if let Some(flash) = &s.flash {
        let mark = if flash.starts_with(['▲', '◉', '✓']) { "" } else { "✖ " };
        lines.extend(wrapped(&format!("{mark}{}", sanitize_line(flash)), t.warn, width));
    } else {
        lines.extend(decision_line(s, ctx, width));
    }
    lines
}

/// The decision, with the update countdown (and OVERDUE) beside it when
/// the first line is too narrow (under 100 columns) to hold it, and the
/// sensors; `None` when there is nothing to say.
fn decision_line<'a>(s: &DrillScreen, ctx: &Ctx<'_>, width: u16) -> Option<Line<'a>> {
    let t = ctx.theme;
    let session = &s.live.session;
    let narrow = width < 100;
    let mut spans = match session.decision {
        Some((decision, _)) => vec![
            Span::styled(" decision: ", t.dim),
            Span::styled(decision.label(), t.active),
            Span::styled(
                if narrow || s.live.read_only.is_some() {
                    String::new()
                } else {
                    format!(" ({} changes it)", ctx.keymap.first_key(s.base_context(), crate::keymap::Action::Decide))
                },
                t.dim,
            ),
        ],
        None => Vec::new(),
    };
    if width < 60 {
        // The countdown first, then the decision: a cut takes the decision.
        let decision = spans.get(1).cloned();
        spans = update_due(s, ctx, true);
        if let Some(first) = spans.first_mut() {
            first.content = format!(" {}", first.content.trim_start_matches(" · ")).into();
        }
        if let Some(d) = decision {
            spans.extend([Span::styled(" · ", t.dim), d]);
        }
    } else if narrow {
        spans.extend(update_due(s, ctx, false));
    }
    spans.extend(super::sensors_view::sensor_spans(s, ctx, width < 100));
    (!spans.is_empty()).then(|| Line::from(spans))
}

/// `text` in `style`, wrapped to `width` after a one-column margin, its
/// later lines indented under the text after the symbol.
fn wrapped<'a>(text: &str, style: Style, width: u16) -> Vec<Line<'a>> {
    let options = textwrap::Options::new(usize::from(width).max(12))
        .initial_indent(" ")
        .subsequent_indent("   ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options).into_iter().map(|l| Line::styled(l.into_owned(), style)).collect()
}

/// Draws the lines of [`info_lines`] into `area` (what does not fit is cut).
pub fn render_info(lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines).render(area, buf);
}
