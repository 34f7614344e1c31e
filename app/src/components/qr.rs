use leptos::prelude::*;

/// A QR code of an address, drawn on the server as SVG (no image files, no script).
#[component]
pub fn QrCode(url: String, label: String) -> impl IntoView {
    view! { <div class="qr" role="img" aria-label=label inner_html=svg(&url)></div> }
}

#[cfg(feature = "ssr")]
fn svg(url: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build();
            // Inlined into HTML, the SVG's own XML declaration is not allowed.
            match svg
                .strip_prefix("<?xml")
                .and_then(|rest| rest.split_once("?>"))
            {
                Some((_, element)) => element.trim_start().to_owned(),
                None => svg,
            }
        }
        Err(error) => {
            tracing::warn!(%error, "no QR code for a too long address");
            String::new()
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn svg(_url: &str) -> String {
    String::new()
}
