//! Product photos and logos from producers: uploads are untrusted, so the type is checked from
//! the content, decompression bombs are refused before decoding, and re-encoding strips metadata.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use image::codecs::{jpeg::JpegEncoder, png::PngEncoder};
use image::imageops::FilterType;
use image::{
    DynamicImage, GenericImageView, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits,
};
use sha2::{Digest, Sha256};

pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
const MAX_SIDE: u32 = 10_000;
const MAX_PIXELS: u64 = 40_000_000;
/// The decoded pixels of one photo, as its header announces them: 40 million pixels of 8-bit
/// RGBA. A 16-bit image holds twice as many bytes a pixel (and a float one four times), so
/// 40 million of them took 320 MB a decode and about a gigabyte across the two decodes that
/// may run at once; it is refused past half (or a quarter) the pixels, before any is decoded.
const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4;
/// What a decoder may allocate in all: the pixels and its own buffers.
const MAX_ALLOC: u64 = MAX_DECODED_BYTES + 64 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    TooLarge,
    NotAnImage,
    TooManyPixels,
    Damaged,
    /// Too many pixels for their depth (16 bits a channel or more).
    TooDeep,
}

impl ImageProblem {
    /// What the uploader is told, in Vietnamese.
    pub fn vi(self) -> &'static str {
        [
            "Tệp quá lớn: tối đa 8 MB.",
            "Tệp này không phải ảnh JPEG, PNG hoặc WebP.",
            "Ảnh có quá nhiều điểm ảnh: tối đa 10.000 mỗi chiều và 40 triệu điểm ảnh.",
            "Không đọc được ảnh: tệp có thể bị hỏng.",
            "Ảnh 16 bit mỗi kênh màu có quá nhiều điểm ảnh (tối đa 20 triệu): hãy lưu lại thành ảnh 8 bit, như JPEG.",
        ][self as usize]
    }

    /// What the uploader is told, in English.
    pub fn en(self) -> &'static str {
        [
            "The file is too large: 8 MB at most.",
            "This file is not a JPEG, PNG or WebP image.",
            "The image has too many pixels: at most 10,000 per side and 40 million in all.",
            "The image could not be read: the file may be damaged.",
            "A 16-bit image may have at most 20 million pixels: save it as an 8-bit image, such as a JPEG.",
        ][self as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Card,
    Page,
}

impl Purpose {
    /// Bounding box (square) the variant must fit in.
    pub fn max_side(self) -> u32 {
        match self {
            Self::Card => 480,
            Self::Page => 1600,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub purpose: Purpose,
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
}

/// Validates an upload and returns `[card, page]`.
/// CPU-heavy (hundreds of ms for a large photo): callers run it on a blocking thread.
pub fn process(upload: &[u8]) -> Result<[Variant; 2], ImageProblem> {
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(ImageProblem::TooLarge);
    }
    if upload.is_empty() {
        return Err(ImageProblem::NotAnImage);
    }
    // Decoders are fuzzed but still third-party code fed hostile bytes: a panic is a bad file.
    catch_unwind(AssertUnwindSafe(|| decode_and_encode(upload)))
        .unwrap_or(Err(ImageProblem::Damaged))
}

fn decode_and_encode(upload: &[u8]) -> Result<[Variant; 2], ImageProblem> {
    // Magic bytes only: the file name and the browser's MIME type are the uploader's to forge.
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| ImageProblem::NotAnImage)?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        _ => return Err(ImageProblem::NotAnImage),
    }
    // Second line of defence, for decoders that allocate from what the header claims.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);

    let mut decoder = reader.into_decoder().map_err(decode_problem)?;
    // Only the header has been read so far: refuse bombs before allocating any pixels.
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(ImageProblem::TooManyPixels);
    }
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(ImageProblem::TooDeep);
    }
    // A broken EXIF block should not lose the photo: it is merely left as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_problem)?;
    img.apply_orientation(orientation);

    // 8-bit RGB(A) is all the outputs need; converting once makes both resizes cheaper.
    // Alpha is kept (PNG output) only if some pixel uses it: opaque RGBA becomes a smaller JPEG.
    let img = if img.color().has_alpha() {
        let rgba = img.into_rgba8();
        if rgba.pixels().any(|p| p.0[3] < u8::MAX) {
            DynamicImage::ImageRgba8(rgba)
        } else {
            DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8())
        }
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let page = fit(&img, Purpose::Page.max_side());
    // The card is resized from the page image: same quality, much less work on big photos.
    let card = fit(&page, Purpose::Card.max_side());
    Ok([encode(card, Purpose::Card)?, encode(page, Purpose::Page)?])
}

fn decode_problem(e: ImageError) -> ImageProblem {
    match e {
        ImageError::Limits(_) => ImageProblem::TooManyPixels,
        _ => ImageProblem::Damaged,
    }
}

/// Fits `img` in a `max`x`max` box keeping the aspect ratio; never upscales.
fn fit(img: &DynamicImage, max: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    if w <= max && h <= max {
        return img.clone();
    }
    // The long side lands exactly on `max`; rounding keeps the ratio within half a pixel.
    let scale = f64::from(max) / f64::from(w.max(h));
    let side = |s: u32| ((f64::from(s) * scale).round() as u32).clamp(1, max);
    img.resize_exact(side(w), side(h), FilterType::CatmullRom)
}

fn encode(img: DynamicImage, purpose: Purpose) -> Result<Variant, ImageProblem> {
    let (mut bytes, (width, height)) = (Vec::new(), img.dimensions());
    // Fresh encoders write pixels only: no EXIF, XMP or ICC from the upload survives.
    let (written, mime) = if img.color().has_alpha() {
        let png = PngEncoder::new(&mut bytes);
        (img.write_with_encoder(png), "image/png")
    } else {
        let jpeg = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
        (img.write_with_encoder(jpeg), "image/jpeg")
    };
    written.map_err(|_| ImageProblem::Damaged)?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    Ok(Variant {
        purpose,
        bytes,
        mime,
        width,
        height,
        sha256,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::webp::WebPEncoder;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};
    use ImageProblem::{Damaged, NotAnImage, TooDeep, TooLarge, TooManyPixels};

    fn photo(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        }))
    }

    fn encoded(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        match format {
            ImageFormat::WebP => img.write_with_encoder(WebPEncoder::new_lossless(&mut out)),
            _ => img.write_to(&mut Cursor::new(&mut out), format),
        }
        .unwrap();
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    /// Checks a variant's fields, and that its bytes really are that format and size.
    fn check(v: &Variant, purpose: Purpose, mime: &str, size: (u32, u32)) {
        assert_eq!(
            (v.purpose, v.mime, (v.width, v.height)),
            (purpose, mime, size)
        );
        assert_eq!(v.sha256, format!("{:x}", Sha256::digest(&v.bytes)));
        let r = ImageReader::new(Cursor::new(&v.bytes))
            .with_guessed_format()
            .unwrap();
        assert_eq!(r.format(), ImageFormat::from_mime_type(mime));
        assert_eq!(r.into_dimensions().unwrap(), size);
    }

    #[test]
    fn accepts_jpeg_png_webp_and_fits_without_upscaling() {
        use ImageFormat::{Jpeg, Png, WebP};
        // Kept small: pixel loops instantiated in this crate run unoptimised under `cargo test`.
        let cases = [
            ((600, 300), Jpeg, (480, 240), (600, 300)),
            ((600, 300), Png, (480, 240), (600, 300)),
            ((600, 300), WebP, (480, 240), (600, 300)),
            ((2000, 1000), Jpeg, (480, 240), (1600, 800)),
            ((300, 200), WebP, (300, 200), (300, 200)),
            ((250, 500), Png, (240, 480), (250, 500)),
        ];
        for ((w, h), format, card_size, page_size) in cases {
            let [card, page] = process(&encoded(&photo(w, h), format)).unwrap();
            check(&card, Purpose::Card, "image/jpeg", card_size);
            check(&page, Purpose::Page, "image/jpeg", page_size);
        }
    }

    #[test]
    fn refuses_what_is_not_a_jpeg_png_or_webp() {
        // Smallest GIF89a (1x1): built by hand since the `gif` feature is not compiled in.
        let gif: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00\
            \x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b";
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        for bad in [&b""[..], b"hello, this is not a photo", gif, svg] {
            assert_eq!(process(bad).err(), Some(NotAnImage));
        }
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        !crc
    }

    #[test]
    fn refuses_decompression_bombs_from_the_header() {
        let tiny = encoded(&photo(1, 1), ImageFormat::Png);
        for (w, h) in [(60_000u32, 60_000u32), (20_000, 10), (8_000, 8_000)] {
            // IHDR data sits at 16..29 after the signature, length and type; its CRC at 29..33.
            let mut png = tiny.clone();
            png[16..20].copy_from_slice(&w.to_be_bytes());
            png[20..24].copy_from_slice(&h.to_be_bytes());
            let crc = crc32(&png[12..29]);
            png[29..33].copy_from_slice(&crc.to_be_bytes());
            assert_eq!(process(&png).err(), Some(TooManyPixels), "{w}x{h}");
        }
    }

    #[test]
    fn a_16_bit_image_is_refused_from_its_header_past_20_million_pixels() {
        use image::{ImageBuffer, Rgba as Rgba16};
        // A small 16-bit RGBA PNG, its header then made to announce the size.
        let small: ImageBuffer<Rgba16<u16>, Vec<u16>> =
            ImageBuffer::from_pixel(2, 2, Rgba16([1, 2, 3, 65535]));
        let tiny = encoded(&DynamicImage::ImageRgba16(small), ImageFormat::Png);
        let sized = |w: u32, h: u32| {
            let mut png = tiny.clone();
            png[16..20].copy_from_slice(&w.to_be_bytes());
            png[20..24].copy_from_slice(&h.to_be_bytes());
            let crc = crc32(&png[12..29]);
            png[29..33].copy_from_slice(&crc.to_be_bytes());
            png
        };
        // 6,400 × 5,000 = 32 million pixels: under the cap at 8 bits, over it at 16.
        assert_eq!(process(&sized(6_400, 5_000)).err(), Some(TooDeep));
        // Within the cap, the header passes and the (short) pixel data is found damaged.
        assert_eq!(process(&sized(3_000, 3_000)).err(), Some(Damaged));
        // And a real small 16-bit image is kept, as 8-bit.
        let [card, _] = process(&tiny).unwrap();
        assert_eq!((card.width, card.height), (2, 2));
    }

    #[test]
    fn refuses_truncated_and_oversized_files() {
        let jpeg = encoded(&photo(64, 48), ImageFormat::Jpeg);
        assert_eq!(process(&jpeg[..jpeg.len() / 2]).err(), Some(Damaged));
        let mut big = jpeg.clone();
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        assert_eq!(process(&big).err(), Some(TooLarge));
    }

    #[test]
    fn applies_exif_orientation_and_strips_metadata() {
        // APP1 "Exif": little-endian TIFF, IFD0 = { Make: "SECRET-CAMERA", Orientation: 6 }.
        let exif: &[u8] = b"Exif\0\0II*\0\x08\0\0\0\x02\0\
            \x0f\x01\x02\0\x0e\0\0\0\x26\0\0\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\
            \0\0\0\0SECRET-CAMERA\0";
        let jpeg = encoded(&photo(64, 48), ImageFormat::Jpeg);
        let len = (exif.len() as u16 + 2).to_be_bytes();
        let tagged = [&jpeg[..2], &[0xFF, 0xE1], &len, exif, &jpeg[2..]].concat();
        assert!(contains(&tagged, b"SECRET-CAMERA"));
        for v in process(&tagged).unwrap() {
            // Orientation 6 means "rotate 90 degrees clockwise to view".
            assert_eq!((v.width, v.height), (48, 64));
            assert!(!contains(&v.bytes, b"Exif") && !contains(&v.bytes, b"SECRET-CAMERA"));
        }
    }

    #[test]
    fn keeps_transparency_as_png_only_when_needed() {
        let logo = RgbaImage::from_fn(600, 300, |x, _| Rgba([200, 30, 30, (x > 299) as u8 * 255]));
        let [card, page] = process(&encoded(&logo.into(), ImageFormat::Png)).unwrap();
        check(&card, Purpose::Card, "image/png", (480, 240));
        check(&page, Purpose::Page, "image/png", (600, 300));
        let opaque = RgbaImage::from_pixel(50, 40, Rgba([10, 120, 40, 255]));
        let [card, _] = process(&encoded(&opaque.into(), ImageFormat::Png)).unwrap();
        check(&card, Purpose::Card, "image/jpeg", (50, 40));
    }
}
