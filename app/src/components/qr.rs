use leptos::prelude::*;

/// A QR code of an address, drawn on the server as SVG (no image files, no script).
#[component]
pub fn QrCode(url: String, label: String) -> impl IntoView {
    let svg = drawn(&url, 160).map(|(_, svg)| svg).unwrap_or_default();
    view! { <div class="qr" role="img" aria-label=label inner_html=svg></div> }
}

/// A QR code drawn once, for a page that repeats it (a sheet of stamps): each copy is a
/// [`QrCopy`] of the same `id`, a few bytes instead of the whole drawing.
#[component]
pub fn QrSymbol(id: &'static str, url: String) -> impl IntoView {
    let svg = drawn(&url, 1).map(|(_, svg)| svg).unwrap_or_default();
    // Not `display: none`, which would hide the copies too.
    view! {
        <svg class="qr-symbols" width="0" height="0" aria-hidden="true">
            <symbol id=id inner_html=svg></symbol>
        </svg>
    }
}

/// The side of the [`QrSymbol`] of `url`, in modules, for its copies' view box.
pub fn symbol_side(url: &str) -> u32 {
    drawn(url, 1).map_or(0, |(side, _)| side)
}

/// A copy of the [`QrSymbol`] of `id`, whose side is `side` ([`symbol_side`]), scaled to its
/// box by the style sheet.
#[component]
pub fn QrCopy(id: &'static str, side: u32, label: String) -> impl IntoView {
    view! {
        <svg class="qr-copy" viewBox=format!("0 0 {side} {side}") role="img" aria-label=label>
            <use href=format!("#{id}") />
        </svg>
    }
}

/// The QR code of `url` as an SVG element at least `min` units wide, quiet zone included, and
/// its side in units; `None` for an address too long for a QR code.
#[cfg(feature = "ssr")]
fn drawn(url: &str, min: u32) -> Option<(u32, String)> {
    use qrcode::render::svg;
    let code = match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code,
        Err(error) => {
            tracing::warn!(%error, "no QR code for a too long address");
            return None;
        }
    };
    // Four modules of quiet zone on each side.
    let modules = code.width() as u32 + 8;
    let per_module = min.div_ceil(modules).max(1);
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(per_module, per_module)
        .quiet_zone(true)
        .build();
    // Inlined into HTML, the SVG's own XML declaration is not allowed.
    let element = match svg
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
    {
        Some((_, element)) => element.trim_start().to_owned(),
        None => svg,
    };
    Some((modules * per_module, element))
}

#[cfg(not(feature = "ssr"))]
fn drawn(_url: &str, _min: u32) -> Option<(u32, String)> {
    None
}
