//! The demo data: the 2021 cycle of Quảng Bình as its progress report gives it, with the
//! province's products, producers, fairs and news around it, and the demo accounts.

use crate::auth::password;
use crate::error::AppError;
use crate::model::account::Role;
use crate::store::Writer;

const DEMO_SQL: &str = include_str!("../../demo/demo.sql");

pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    /// The producer a producer account is bound to, by slug.
    pub producer_slug: Option<&'static str>,
    /// The communes of today a commune officer works for, by code.
    pub communes: &'static [&'static str],
}

/// Listed in the README too: keep both in step.
pub const DEMO_ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        email: "quantri@ocop.example.vn",
        password: "quantri-ocop-2021",
        display_name: "Quản trị cổng OCOP",
        role: Role::Admin,
        producer_slug: None,
        communes: &[],
    },
    DemoAccount {
        email: "canbo@ocop.example.vn",
        password: "canbo-ocop-2021",
        display_name: "Cán bộ Văn phòng OCOP tỉnh",
        role: Role::Staff,
        producer_slug: None,
        communes: &[],
    },
    DemoAccount {
        email: "sonloc@ocop.example.vn",
        password: "sonloc-ocop-2021",
        display_name: "HTX Nông nghiệp Sơn Lộc",
        role: Role::Producer,
        producer_slug: Some("htx-nong-nghiep-son-loc"),
        communes: &[],
    },
    DemoAccount {
        email: "toiden@ocop.example.vn",
        password: "toiden-ocop-2021",
        display_name: "Cơ sở Tỏi đen Quảng Minh",
        role: Role::Producer,
        producer_slug: Some("co-so-toi-den-quang-minh"),
        communes: &[],
    },
    // Đông Trạch, made in 2025 of Sơn Lộc and its neighbours: the Sơn Lộc cooperative is in
    // its scope, the Quảng Minh black garlic is not.
    DemoAccount {
        email: "xadongtrach@ocop.example.vn",
        password: "dongtrach-ocop-2025",
        display_name: "Cán bộ UBND xã Đông Trạch",
        role: Role::Commune,
        producer_slug: None,
        communes: &["QT-008"],
    },
];

/// Loads the demo data into a database that has no producers yet, in one transaction.
/// Returns whether anything was loaded.
pub async fn load_if_empty(writer: &Writer) -> Result<bool, AppError> {
    // Hash outside the transaction: argon2 is deliberately slow.
    let hashes = DEMO_ACCOUNTS
        .iter()
        .map(|account| password::hash(account.password))
        .collect::<Result<Vec<_>, _>>()?;
    let mut tx = writer.begin().await?;
    let producers: i64 = sqlx::query_scalar("SELECT count(*) FROM producers")
        .fetch_one(&mut *tx)
        .await?;
    if producers > 0 {
        return Ok(false);
    }
    sqlx::raw_sql(DEMO_SQL).execute(&mut *tx).await?;
    for (account, hash) in DEMO_ACCOUNTS.iter().zip(hashes) {
        sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, producer_id)
             VALUES (?1, ?2, ?3, ?4, (SELECT id FROM producers WHERE slug = ?5))",
        )
        .bind(account.email)
        .bind(account.display_name)
        .bind(hash)
        .bind(account.role)
        .bind(account.producer_slug)
        .execute(&mut *tx)
        .await?;
        for code in account.communes {
            sqlx::query(
                "INSERT INTO officer_communes (user_id, unit_id)
                 SELECT u.id, a.id FROM users u, admin_units a WHERE u.email = ?1 AND a.code = ?2",
            )
            .bind(account.email)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}
