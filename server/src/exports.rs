//! Files for spreadsheets: CSV with the `csv` crate, XLSX with `rust_xlsxwriter`. In a CSV every
//! field is quoted, and a text that a spreadsheet would take for a formula is neutralised with
//! an apostrophe, so that a producer's name cannot run a formula on the computer of the staff
//! member who opens the file. Not only at the start of a cell: a spreadsheet in a Vietnamese
//! (or any European) locale splits a CSV on `;`, and one that ignores the quotes splits on `,`
//! or tabs, so every part a separator starts is checked too. In an XLSX text is written as
//! text and numbers as numbers, and neither is ever a formula.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use app::error::AppError;

/// One cell: text (neutralised when it looks like a formula) or a number (kept a number).
pub enum Cell {
    Text(String),
    Number(i64),
    /// A number with a fraction, written to two decimals (a council's score).
    Decimal(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Self {
        Self::Number(number)
    }
}

impl From<app::model::report::Value> for Cell {
    fn from(value: app::model::report::Value) -> Self {
        match value {
            app::model::report::Value::Text(text) => Self::Text(text),
            app::model::report::Value::Number(number) => Self::Number(number),
        }
    }
}

/// What a spreadsheet runs as a formula when a cell starts with it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Where a spreadsheet may start a new cell inside our field: the separators of every locale,
/// and a line end for one that ignores quotes.
const SEPARATORS: [char; 5] = [';', ',', '\t', '\n', '\r'];

/// `text` with an apostrophe before a formula character that starts it, or that starts a part
/// after a separator (spaces before it are skipped, as a spreadsheet trims them).
fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut at_start = true;
    let mut changed = false;
    for c in text.chars() {
        if at_start && FORMULA_STARTS.contains(&c) {
            out.push('\'');
            changed = true;
        }
        if at_start && c == ' ' {
            out.push(c);
            continue;
        }
        // A tab or a line end is both a formula start and a separator: after its apostrophe
        // the part that follows it is checked too.
        at_start = SEPARATORS.contains(&c);
        out.push(c);
    }
    if changed {
        out.into()
    } else {
        text.into()
    }
}

/// A CSV file: UTF-8 with a byte-order mark (spreadsheet programs need it to read Vietnamese
/// correctly), every field quoted, CRLF line ends, a header row, then the rows.
pub fn csv(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let failed = |error: csv::Error| {
        tracing::error!(%error, "cannot write a CSV file");
        AppError::Internal
    };
    writer.write_record(headers).map_err(failed)?;
    for row in rows {
        let record: Vec<String> = row
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => neutralised(&text).into_owned(),
                Cell::Number(number) => number.to_string(),
                Cell::Decimal(number) => format!("{number:.2}"),
            })
            .collect();
        writer.write_record(&record).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| failed(error.into_error().into()))
}

/// An XLSX workbook of one sheet named `sheet`: a bold header row, then the rows, the columns
/// as wide as their contents.
pub fn xlsx(
    sheet: &str,
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, AppError> {
    xlsx_sheets([Sheet {
        name: sheet,
        headers: headers.to_vec(),
        rows: rows.into_iter().collect(),
    }])
}

/// One sheet of a workbook: its name (at most 31 characters), header row and rows.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub headers: Vec<&'a str>,
    pub rows: Vec<Vec<Cell>>,
}

/// An XLSX workbook of several sheets, each as [`xlsx`] writes one.
pub fn xlsx_sheets<'a>(sheets: impl IntoIterator<Item = Sheet<'a>>) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};

    let failed = |error: rust_xlsxwriter::XlsxError| {
        tracing::error!(%error, "cannot write an XLSX file");
        AppError::Internal
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for Sheet {
        name,
        headers,
        rows,
    } in sheets
    {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(name).map_err(failed)?;
        for (column, header) in (0u16..).zip(&headers) {
            worksheet
                .write_string_with_format(0, column, *header, &bold)
                .map_err(failed)?;
        }
        for (row, cells) in (1u32..).zip(rows) {
            for (column, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(text) => worksheet.write_string(row, column, text),
                    Cell::Number(number) => worksheet.write_number(row, column, number as f64),
                    Cell::Decimal(number) => {
                        worksheet.write_number(row, column, (number * 100.0).round() / 100.0)
                    }
                }
                .map_err(failed)?;
            }
        }
        worksheet.set_freeze_panes(1, 0).map_err(failed)?;
        worksheet.autofit();
    }
    workbook.save_to_buffer().map_err(failed)
}

/// An XLSX file as a download named `file_name`.
pub fn xlsx_download(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A CSV file as a download named `file_name`.
pub fn csv_download(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn csv_quotes_every_field_and_keeps_vietnamese() {
        let file = csv(
            &["code", "name_vi", "count"],
            [vec!["4".into(), "4 sao, \"tốt\"".into(), Cell::Number(23)]],
        )
        .unwrap();
        assert_eq!(
            text(file),
            "\u{feff}\"code\",\"name_vi\",\"count\"\r\n\"4\",\"4 sao, \"\"tốt\"\"\",\"23\"\r\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
        let file = csv(
            &["name"],
            [
                "=HYPERLINK(\"http://evil\")",
                "+1",
                "-2+3",
                "@SUM(A1)",
                "\tx",
                "  =1+1",
                "Nước mắm",
            ]
            .map(|name| vec![name.into()]),
        )
        .unwrap();
        assert_eq!(
            text(file),
            "\u{feff}\"name\"\r\n\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n\"'+1\"\r\n\"'-2+3\"\r\n\"'@SUM(A1)\"\r\n\"'\tx\"\r\n\"  '=1+1\"\r\n\"Nước mắm\"\r\n"
        );
        let numbers = csv(&["count"], [vec![Cell::Number(-5)]]).unwrap();
        assert_eq!(
            text(numbers),
            "\u{feff}\"count\"\r\n\"-5\"\r\n",
            "numbers stay numbers"
        );
    }

    #[test]
    fn a_formula_after_any_separator_a_spreadsheet_may_split_on_is_neutralised() {
        for (typed, written) in [
            ("Sơn Lộc;=cmd|' /C calc'!A0", "Sơn Lộc;'=cmd|' /C calc'!A0"),
            ("a,+1", "a,'+1"),
            ("a, @SUM(A1)", "a, '@SUM(A1)"),
            ("a\t-1", "a\t'-1"),
            ("dòng một\n=1+1", "dòng một\n'=1+1"),
            ("\t=1", "'\t'=1"),
            (
                "Hộp 500g; 2 hộp, giá 90.000 ₫",
                "Hộp 500g; 2 hộp, giá 90.000 ₫",
            ),
            ("a-b=c", "a-b=c"),
        ] {
            assert_eq!(neutralised(typed), written, "{typed:?}");
        }
    }
}
