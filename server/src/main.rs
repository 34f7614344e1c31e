use std::process::ExitCode;

use app::store;
use server::config::Config;
use server::routes::router;
use server::state::{AppState, Shared};

/// jemalloc instead of glibc's malloc: as fast as mimalloc and the least memory of the three
/// under load (see server/Cargo.toml).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => serve().await,
        ["synthesize", count] => synthesize(count).await,
        ["create-admin", email, name @ ..] if !name.is_empty() => {
            create_admin(email, &name.join(" ")).await
        }
        ["backup", target] => backup(target).await,
        ["restore", source] => restore(source).await,
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ocop-market: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: server [serve]            serve the site (the default)
       server synthesize N       add N synthetic products to the database, for benchmarks
       server create-admin EMAIL NAME
                                 create an admin account and print a one-time link (valid 72 h)
                                 to set its password
       server backup DIR         copy the database and the photos into the new directory DIR,
                                 while the server runs
       server restore DIR        put the backup in DIR back (the server must be stopped); the
                                 database it replaces is kept beside it
Configuration comes from environment variables: see README.md.";

/// Opens the configured database, loading the demo data into an empty one when enabled.
async fn open_database(config: &Config) -> Result<store::Db, String> {
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|error| format!("cannot create {}: {error}", config.data_dir.display()))?;
    let database = config.database_path();
    let db = store::open_with(&database, config.durability)
        .await
        .map_err(|_| format!("cannot open the database {}", database.display()))?;
    if config.demo_data
        && store::demo::load_if_empty(&db.write)
            .await
            .map_err(|_| "cannot load the demo data")?
    {
        println!("Loaded the demo data into {}.", database.display());
    }
    Ok(db)
}

async fn synthesize(count: &str) -> Result<(), String> {
    let count: u32 = count
        .parse()
        .map_err(|_| format!("not a number of products: {count}\n{USAGE}"))?;
    let config = Config::from_env().map_err(|error| error.to_string())?;
    let db = open_database(&config).await?;
    store::synthetic::add_products(&db.write, count)
        .await
        .map_err(|_| "cannot add the synthetic products")?;
    println!(
        "Added {count} synthetic products to {}.",
        config.database_path().display()
    );
    Ok(())
}

/// The first admin of a real deployment: there is no default one. The password is chosen
/// through a one-time link, so it never appears on a command line or in shell history.
async fn create_admin(email: &str, name: &str) -> Result<(), String> {
    use app::model::account::Role;
    use app::store::accounts::{self, NewAccount};

    let config = Config::from_env().map_err(|error| error.to_string())?;
    let db = open_database(&config).await?;
    let account = NewAccount {
        email: email.trim().to_owned(),
        display_name: name.trim().to_owned(),
        role: Role::Admin,
        producer_id: None,
        communes: Vec::new(),
    };
    let user_id = accounts::create(&db.write, None, &account)
        .await
        .map_err(|error| {
            format!(
                "cannot create the account: {}",
                error.message(app::i18n::Lang::En)
            )
        })?;
    let secret = accounts::issue_password_link(&db.write, None, user_id, None)
        .await
        .map_err(|_| "cannot issue the set-password link")?;
    println!(
        "Created the admin account {email}. Open this link within {} hours to choose its password:\n{}",
        accounts::LINK_VALID_HOURS,
        config.site.public_url.join(&format!("/set-password/{secret}"))
    );
    Ok(())
}

async fn backup(target: &str) -> Result<(), String> {
    let config = Config::from_env().map_err(|error| error.to_string())?;
    let copied = server::backup::backup(&config.data_dir, std::path::Path::new(target)).await?;
    println!(
        "Backed up {}, {} photo files and {} dossier files into {target}.",
        config.database_path().display(),
        copied.media_files,
        copied.document_files
    );
    Ok(())
}

async fn restore(source: &str) -> Result<(), String> {
    let config = Config::from_env().map_err(|error| error.to_string())?;
    let (copied, kept) =
        server::backup::restore(&config.data_dir, std::path::Path::new(source)).await?;
    println!(
        "Restored {source} into {} ({} photo files and {} dossier files added).",
        config.database_path().display(),
        copied.media_files,
        copied.document_files
    );
    if let Some(kept) = kept {
        println!("The database it replaced is kept as {}.", kept.display());
    }
    Ok(())
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env().map_err(|error| error.to_string())?;
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|error| format!("cannot create {}: {error}", config.data_dir.display()))?;
    // Held as long as the server runs: no restore, and no second server, on these files.
    let _lock = server::backup::DataLock::take(&config.data_dir)?;
    let db = open_database(&config).await?;
    if let Some(url) = &config.smtp_url {
        let from = config
            .mail_from
            .parse()
            .map_err(|error| format!("OCOP_MAIL_FROM: {error}"))?;
        server::mailer::spawn(db.clone(), server::mailer::transport(url)?, from);
        println!(
            "Sending mail from the outbox through {}.",
            url.split('@').next_back().unwrap_or("SMTP")
        );
    }
    app::auth::password::prepare();
    let address = config.leptos.site_addr;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|error| format!("cannot listen on {address}: {error}"))?;
    println!("OCOP Market is serving on http://{address}");
    if config.demo_data {
        println!("Demo accounts (email / password):");
        for account in &store::demo::DEMO_ACCOUNTS {
            println!(
                "  {:<8} {} / {}",
                account.role, account.email, account.password
            );
        }
    }
    let office = app::store::office::Current::load(&db.read)
        .await
        .map_err(|error| format!("the office's settings: {error}"))?;
    let state = AppState::new(Shared {
        leptos: config.leptos,
        pool: db.read,
        writer: db.write,
        catalogue: db.catalogue,
        imports: db.imports,
        site: config.site,
        office,
        sessions: config.sessions,
        passwords: server::passwords::Passwords::per_core(),
        uploads: server::uploads::Uploads::per_core(&config.data_dir),
        documents: server::documents::Documents::new(&config.data_dir),
        renders: server::limits::Renders::per_core(),
        downloads: server::downloads::Downloads::new(&config.data_dir),
    });
    server::maintenance::spawn(state.clone());
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|error| format!("server error: {error}"))
}

/// Ctrl-C, or SIGTERM from systemd: stop taking connections and finish the requests under way.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}
