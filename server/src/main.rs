use std::process::ExitCode;

use app::store;
use server::config::Config;
use server::routes::{router, AppState};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ocop-market: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env().map_err(|error| error.to_string())?;
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|error| format!("cannot create {}: {error}", config.data_dir.display()))?;
    let database = config.database_path();
    let pool = store::open(&database)
        .await
        .map_err(|_| format!("cannot open the database {}", database.display()))?;
    if config.demo_data
        && store::demo::load_if_empty(&pool)
            .await
            .map_err(|_| "cannot load the demo data")?
    {
        println!("Loaded the demo data into {}.", database.display());
    }
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
    let app = router(AppState {
        leptos: config.leptos,
        pool,
        public_url: config.public_url,
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|error| format!("server error: {error}"))
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
