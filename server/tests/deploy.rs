//! The deployment files of `deploy/` are ones the tools accept: nginx takes the site, and the
//! unit and the cron line name what the README says.

use std::path::{Path, PathBuf};
use std::process::Command;

fn deploy(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy")
        .join(file)
}

fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

#[test]
fn the_nginx_site_passes_nginx_t() {
    let Some(nginx) = nginx() else {
        eprintln!("SKIPPED: nginx is not installed here, so the site file was not checked");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=ocop.example.vn", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // The site as shipped, with this test's certificate in place of Let's Encrypt's.
    let site = std::fs::read_to_string(deploy("nginx-ocop-market.conf"))
        .expect("the site file")
        .replace(
            "/etc/letsencrypt/live/ocop.example.vn/fullchain.pem",
            &cert.display().to_string(),
        )
        .replace(
            "/etc/letsencrypt/live/ocop.example.vn/privkey.pem",
            &key.display().to_string(),
        );
    let site_path = dir.path().join("site.conf");
    std::fs::write(&site_path, site).unwrap();
    let main = dir.path().join("nginx.conf");
    std::fs::write(
        &main,
        format!(
            "pid {dir}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n    access_log off;\n    include {site};\n}}\n",
            dir = dir.path().display(),
            site = site_path.display()
        ),
    )
    .unwrap();
    let checked = Command::new(nginx)
        .arg("-t")
        .arg("-e")
        .arg("stderr")
        .arg("-p")
        .arg(dir.path())
        .arg("-c")
        .arg(&main)
        .output()
        .expect("nginx runs");
    let said = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success(), "{said}");
    assert!(said.contains("test is successful"), "{said}");
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify() {
    let analyze = Path::new("/usr/bin/systemd-analyze");
    if !analyze.exists() {
        eprintln!("SKIPPED: systemd-analyze is not installed here, so the unit was not checked");
        return;
    }
    // The unit as shipped, starting a program that exists here in place of the installed one.
    let unit = std::fs::read_to_string(deploy("ocop-market.service"))
        .expect("the unit")
        .replace("ExecStart=/opt/ocop-market/server", "ExecStart=/bin/true")
        .replace("EnvironmentFile=/etc/", "EnvironmentFile=-/etc/");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ocop-market.service");
    std::fs::write(&path, unit).unwrap();
    let checked = Command::new(analyze)
        .arg("verify")
        .arg(&path)
        .output()
        .expect("systemd-analyze runs");
    let said = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success(), "{said}");
    let about_the_unit: Vec<&str> = said
        .lines()
        .filter(|line| line.contains("ocop-market.service"))
        .collect();
    assert!(about_the_unit.is_empty(), "{said}");
}
