//! Runs the real `firedrill` binary in a pseudo-terminal, feeds its output
//! to a vt100 screen, and types keys, the way a person at a terminal would.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// A running firedrill in a pseudo-terminal.
pub struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    /// Set once the reader has read the last byte the app wrote (EOF).
    drained: Arc<AtomicBool>,
}

impl Pty {
    /// Starts the binary with `args` at `cols`x`rows` in `cwd`, with `env` added.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, cwd: &Path, env: &[(&str, &Path)]) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_firedrill"), args, cols, rows, cwd, env)
    }

    /// Starts `program` (a shell, say) with `args`, as [`Pty::spawn`] does.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        cwd: &Path,
        env: &[(&str, &Path)],
    ) -> Self {
        Self::spawn_viewed(program, args, (cols, rows), (cols, rows), cwd, env)
    }

    /// Starts `program` in a terminal of `size` (columns, rows) whose
    /// output is read into a screen of `view` (smaller, for a window too
    /// large to hold in memory here).
    pub fn spawn_viewed(
        program: &str,
        args: &[&str],
        size: (u16, u16),
        view: (u16, u16),
        cwd: &Path,
        env: &[(&str, &Path)],
    ) -> Self {
        let (cols, rows) = size;
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        // Never the developer's own config or log level.
        cmd.env_remove("FIREDRILL_CONFIG");
        cmd.env_remove("FIREDRILL_LOG");
        cmd.env("XDG_CONFIG_HOME", cwd.join("target/tmp/no-config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn firedrill");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(view.1, view.0, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r, w) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&writer));
        let drained = Arc::new(AtomicBool::new(false));
        let d = Arc::clone(&drained);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                if chunk.windows(4).any(|x| x == b"\x1b[6n") {
                    let _ = w.lock().expect("writer").write_all(b"\x1b[1;1R");
                }
                s.lock().expect("screen").process(chunk);
                r.lock().expect("raw").extend_from_slice(chunk);
            }
            d.store(true, Ordering::SeqCst);
        });
        Self { screen, raw, writer, child, drained }
    }

    /// Starts `firedrill ARGS` at 100x30 in the repository, with its output
    /// folder (`out`) and state folder (`state`) inside `tmp`.
    pub fn start_in(tmp: &Path, args: &[&str]) -> Self {
        let (out, state) = (tmp.join("out"), tmp.join("state"));
        Self::spawn(
            args,
            100,
            30,
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &[("FIREDRILL_DIR", &out), ("XDG_STATE_HOME", &state)],
        )
    }

    /// On the debrief: answers the pressure question "unknown" (two fields
    /// down) and saves, then waits for the files to be written.
    pub fn save_debrief(&self) {
        self.send(b"\t\tu\x13");
        self.wait_for("written");
    }

    /// Ends the session early by the quit menu (finish now, confirmed) and
    /// saves its debrief as [`Pty::save_debrief`] does.
    pub fn end_early_and_save(&self) {
        self.send(b"\x03");
        self.wait_for("quit?");
        self.send(b"f");
        self.wait_for("(y/n)");
        self.send(b"y");
        self.wait_for("DEBRIEF");
        self.save_debrief();
    }

    /// Leaves by the quit menu, keeping the journal; asserts exit code 0.
    pub fn keep_and_exit(&mut self) {
        self.send(b"q");
        self.wait_for("finish now");
        self.send(b"k");
        assert_eq!(self.wait_exit(), 0);
    }

    /// The visible screen as text.
    pub fn screen(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// True when the app left the alternate screen.
    pub fn left_alternate_screen(&self) -> bool {
        !self.screen.lock().expect("screen").screen().alternate_screen()
    }

    /// True when the cursor is shown.
    pub fn cursor_shown(&self) -> bool {
        !self.screen.lock().expect("screen").screen().hide_cursor()
    }

    /// Every byte the app wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Types bytes (keys) into the terminal, then lets the app draw.
    pub fn send(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(bytes).expect("type");
        w.flush().expect("flush");
        drop(w);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits until `text` is on screen; panics with the screen after 20 s.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("waited for {text:?}; the screen is:\n{}", self.screen());
    }

    /// Answers the opening decision with a roll back and names the live
    /// release (the bundled runbooks' own): the way every session begins.
    pub fn roll_back_and_name_live(&self) {
        self.wait_for("Decide first");
        self.send(b"1");
        self.wait_for("decision: roll back");
        // Two triggers ticked, the cursor moving on by itself; enter on the
        // release item opens its prompt, and keys typed ahead of it are dropped.
        self.send(b"  \rxyz");
        self.wait_for("which release is live?");
        settle();
        assert!(!self.screen().contains("xyz"), "typed ahead into the prompt:\n{}", self.screen());
        // Read from the ledger and typed over the runbook's release.
        self.send(b"prod-2026-11-03.2\r");
        self.wait_for("[x] Name the live release");
    }

    /// Waits for the process to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_status().exit_code()
    }

    /// Waits for the process to exit; returns how (a signal by its name).
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // What it wrote before exiting is read before anyone looks
                // (at most 2 s: a process it started may hold the terminal).
                let drain = Instant::now() + Duration::from_secs(2);
                while !self.drained.load(Ordering::SeqCst) && Instant::now() < drain {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; the screen is:\n{}", self.screen());
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

/// Waits longer than a prompt opened by `enter` ignores keys for, as
/// someone reading its title would.
pub fn settle() {
    std::thread::sleep(Duration::from_millis(250));
}
