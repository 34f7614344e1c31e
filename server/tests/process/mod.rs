//! The real server binary as a process on a port of its own, for the tests that kill it,
//! measure it or run its commands beside it.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const SITE_ORIGIN: &str = "http://127.0.0.1";

pub struct Server {
    pub child: Child,
    pub port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The server binary with the configuration of a test over `data_dir`.
pub fn command(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env("OCOP_DATA_DIR", data_dir)
        .env("LEPTOS_OUTPUT_NAME", "ocop-market")
        .env("RUST_LOG", "warn");
    command
}

impl Server {
    /// Starts the server over `data_dir` (demo data on first start) behind one proxy, so each
    /// request can say its own client address, and waits until it answers.
    pub fn start(data_dir: &Path) -> Self {
        let port = free_port();
        let child = command(data_dir)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("OCOP_BEHIND_PROXY", "1")
            .stdout(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let server = Self { child, port };
        let started = Instant::now();
        while server.get("/health").map(|(status, _)| status) != Some(200) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not answer within a minute"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn origin(&self) -> String {
        format!("{SITE_ORIGIN}:{}", self.port)
    }

    /// Every status answered as a status, not an error.
    pub fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into()
    }

    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        let mut response = Self::agent().get(&self.url(path)).call().ok()?;
        let status = response.status().as_u16();
        Some((
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        ))
    }

    /// The server's resident memory now, in KiB.
    pub fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Stops the server as a crash would: SIGKILL, no chance to finish anything.
    pub fn kill(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
