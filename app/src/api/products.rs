use leptos::prelude::*;

use crate::error::AppError;
use crate::model::page::Page;
use crate::model::product::ProductCard;

/// Cards shown per page of certified products.
pub const CERTIFIED_PER_PAGE: u32 = 12;

/// One page of currently certified products, optionally of one star rating.
/// Public: certified products are what the portal exists to show, so anyone may ask.
#[server(prefix = "/api", endpoint = "certified-products")]
pub async fn certified_products(
    star: Option<u8>,
    page: u32,
) -> Result<Page<ProductCard>, AppError> {
    use crate::model::page::PageNumber;
    use crate::model::stars::Stars;

    super::respond(async |db| {
        let stars = match star {
            None => None,
            Some(value) => Some(Stars::certified(value).ok_or_else(Stars::invalid)?),
        };
        let page = PageNumber::new(page).ok_or_else(PageNumber::invalid)?;
        crate::store::products::certified(&db.read, stars, page, CERTIFIED_PER_PAGE).await
    })
    .await
}

/// The figures at the top of the home page. Public.
#[server(prefix = "/api", endpoint = "headline-figures")]
pub async fn headline_figures() -> Result<crate::model::product::HeadlineFigures, AppError> {
    super::respond(async |db| crate::store::products::headline_figures(&db.read).await).await
}

/// A published product's page, or where it moved. Public.
#[server(prefix = "/api", endpoint = "product", input = server_fn::codec::GetUrl)]
pub async fn product_detail(
    slug: String,
) -> Result<crate::model::detail::Found<crate::model::detail::ProductDetail>, AppError> {
    super::respond(async |db| crate::store::product_detail::by_slug(&db.read, &slug).await).await
}
