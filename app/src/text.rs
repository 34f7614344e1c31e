//! Folding Vietnamese text for search and for slugs: "Đũa gỗ" -> "dua go".

/// The base letter of a Vietnamese letter with its tone and vowel marks removed.
/// `đ` is a letter of its own, not a mark, so Unicode decomposition alone would keep it.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        other => other,
    }
}

/// Lower case without Vietnamese marks: what search compares.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        // Combining marks, for text typed in decomposed form.
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(base_letter)
        .collect()
}

/// An ASCII slug for addresses: "Nước mắm chay Sơn Lộc" -> "nuoc-mam-chay-son-loc".
pub fn slugify(text: &str) -> String {
    let folded = fold(text);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_tones_vowel_marks_and_the_d_stroke() {
        assert_eq!(fold("Nước mắm"), "nuoc mam");
        assert_eq!(fold("ĐŨA GỖ"), "dua go");
        assert_eq!(fold("Tỏi đen Quảng Minh"), "toi den quang minh");
        // decomposed input: "ư" + combining hook... written as base letters and marks
        assert_eq!(fold("Nu\u{31b}\u{301}o\u{31b}c"), "nuoc");
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(slugify("Nước mắm chay Sơn Lộc"), "nuoc-mam-chay-son-loc");
        assert_eq!(
            slugify("  Đũa gỗ (loại 1) — 10 đôi! "),
            "dua-go-loai-1-10-doi"
        );
        assert_eq!(slugify("!!!"), "");
    }
}

/// An FTS5 query for what a visitor typed: every word must match, the last one as a prefix
/// (they may still be typing it). Words are quoted, so FTS5 syntax in the input is inert.
/// None when nothing searchable is left.
///
/// A last word of one letter is left out: as a prefix it matches nearly every product, and no
/// index covers it (the index holds the first two, three and four letters of each word). At
/// 100,000 products `"t"*` took 27 ms in sqlite3 and `"nuoc" "m"*` 15 ms, against 2 to 3 ms
/// with a second letter; `"nuoc" "m"*` found 25,525 products where `"nuoc"` alone finds
/// 25,531. A search of one letter alone searches nothing, and the page asks for more.
pub fn fts_query(typed: &str) -> Option<String> {
    let folded = fold(typed);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(12)
        .collect();
    if words.last().is_some_and(|last| last.chars().count() < 2) {
        words.pop();
    }
    let (last, rest) = words.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|word| format!("\"{word}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

#[cfg(test)]
mod fts_tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("Nước mắm").as_deref(), Some("\"nuoc\" \"mam\"*"));
        assert_eq!(fts_query("DUA GO").as_deref(), Some("\"dua\" \"go\"*"));
        assert_eq!(
            fts_query("toi\" OR name:xy*").as_deref(),
            Some("\"toi\" \"or\" \"name\" \"xy\"*")
        );
        assert_eq!(fts_query("  -- ** "), None);
    }

    #[test]
    fn a_last_word_of_one_letter_waits_for_the_next() {
        assert_eq!(fts_query("nước m").as_deref(), Some("\"nuoc\"*"));
        assert_eq!(fts_query("ca k").as_deref(), Some("\"ca\"*"));
        assert_eq!(
            fts_query("vitamin c 500").as_deref(),
            Some("\"vitamin\" \"c\" \"500\"*")
        );
        assert_eq!(fts_query("đ"), None);
        assert_eq!(fts_query("tr").as_deref(), Some("\"tr\"*"));
    }
}
