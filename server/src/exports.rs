//! Files for spreadsheets: CSV with the `csv` crate, XLSX with `rust_xlsxwriter`. In a CSV, a
//! text cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) is neutralised with a leading apostrophe, so that a producer's
//! name cannot run a formula on the computer of the staff member who opens the file; in an
//! XLSX text is written as text and numbers as numbers, and neither is ever a formula.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use app::error::AppError;

/// One cell: text (neutralised when it looks like a formula) or a number (kept a number).
pub enum Cell {
    Text(String),
    Number(i64),
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

fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A CSV file: UTF-8 with a byte-order mark (spreadsheet programs need it to read Vietnamese
/// correctly), CRLF line ends, a header row, then the rows.
pub fn csv(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
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
    fn csv_quotes_what_needs_it_and_keeps_vietnamese() {
        let file = csv(
            &["code", "name_vi", "count"],
            [vec!["4".into(), "4 sao, \"tốt\"".into(), Cell::Number(23)]],
        )
        .unwrap();
        assert_eq!(
            text(file),
            "\u{feff}code,name_vi,count\r\n4,\"4 sao, \"\"tốt\"\"\",23\r\n"
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
                "Nước mắm",
            ]
            .map(|name| vec![name.into()]),
        )
        .unwrap();
        assert_eq!(
            text(file),
            "\u{feff}name\r\n\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n'+1\r\n'-2+3\r\n'@SUM(A1)\r\n'\tx\r\nNước mắm\r\n"
        );
        let numbers = csv(&["count"], [vec![Cell::Number(-5)]]).unwrap();
        assert_eq!(
            text(numbers),
            "\u{feff}count\r\n-5\r\n",
            "numbers stay numbers"
        );
    }
}
