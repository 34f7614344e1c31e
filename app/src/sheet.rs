//! Reading the spreadsheet an office brings in: the first sheet of an Excel workbook (read with
//! `calamine`) or a CSV file (read with `csv`), told apart by the file's content, never by its
//! name. A CSV file may separate its cells by commas or by semicolons, as Excel saves one where
//! the decimal separator is a comma (Vietnamese settings).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::Said;
use crate::model::day::Day;

/// The most rows a file may have: a province's producers, products and certificates several
/// times over (the whole country had about 18,000 certified products in 2025).
pub const MAX_ROWS: usize = 50_000;

/// A file's first row, and the rows under it that have anything in them, each with its line
/// in the file (the headers are line 1). Cells are trimmed; a short row reads as empty cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Every workbook (XLSX is a ZIP archive) starts with these bytes.
const ZIP: &[u8] = b"PK\x03\x04";

pub fn read(bytes: &[u8]) -> Result<Sheet, Said> {
    let mut lines = if bytes.starts_with(ZIP) {
        workbook(bytes)?
    } else {
        csv_lines(bytes)?
    };
    if lines.len() > MAX_ROWS + 1 {
        return Err(Said {
            vi: format!("Tệp có quá nhiều dòng: tối đa {MAX_ROWS} dòng mỗi lần. Hãy chia tệp ra."),
            en: format!("The file has too many rows: at most {MAX_ROWS} at a time. Split it."),
        });
    }
    if lines.is_empty() {
        return Err(Said::new(
            "Tệp trống: dòng đầu tiên phải là tên các cột.",
            "The file is empty: its first row must name the columns.",
        ));
    }
    let headers = lines.remove(0);
    let rows = (2..)
        .zip(lines)
        .filter(|(_, cells)| cells.iter().any(|cell| !cell.is_empty()))
        .collect();
    Ok(Sheet { headers, rows })
}

fn workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>, Said> {
    let unreadable = || {
        Said::new(
            "Không đọc được tệp Excel này. Hãy lưu lại dạng .xlsx hoặc CSV (UTF-8).",
            "This Excel file cannot be read. Save it again as .xlsx or as CSV (UTF-8).",
        )
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(unreadable)?
        .map_err(|_| unreadable())?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as text, as the office sees it: a whole number without ".0", a date as ISO.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.trim().to_owned()
        }
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(moment) => excel_day(moment.as_f64()).unwrap_or_default(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// The day of an Excel serial date: days since 30/12/1899 (Excel's count, which takes 1900
/// for a leap year, agrees with it from March 1900 on).
fn excel_day(serial: f64) -> Option<String> {
    let start = Day::from_ymd(1899, 12, 30)?;
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    start.plus_days(days as u32).map(Day::iso)
}

fn csv_lines(bytes: &[u8]) -> Result<Vec<Vec<String>>, Said> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| {
            Said::new(
                "Tệp CSV phải lưu dạng UTF-8 (trong Excel: Lưu thành › CSV UTF-8), hoặc tải lên tệp .xlsx.",
                "A CSV file must be saved as UTF-8 (in Excel: Save as › CSV UTF-8), or upload the .xlsx file.",
            )
        })?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .map(|record| record.iter().map(|cell| cell.trim().to_owned()).collect())
                .map_err(|error| Said {
                    vi: format!(
                        "Không đọc được tệp CSV ở dòng {}.",
                        error.position().map_or(0, |at| at.line())
                    ),
                    en: format!(
                        "The CSV file cannot be read at line {}.",
                        error.position().map_or(0, |at| at.line())
                    ),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_file_is_read_with_commas_or_semicolons_and_a_byte_order_mark() {
        let comma = read(
            "\u{feff}Mã,Tên\nQT-001, Đồng Hới \n,\n\"QT-002\",\"Ba Đồn, phường\"\n".as_bytes(),
        )
        .expect("read");
        assert_eq!(comma.headers, vec!["Mã", "Tên"]);
        assert_eq!(
            comma.rows,
            vec![
                (2, vec!["QT-001".to_owned(), "Đồng Hới".to_owned()]),
                (4, vec!["QT-002".to_owned(), "Ba Đồn, phường".to_owned()]),
            ]
        );
        let semicolon = read("Mã;Tên\nQT-001;Đồng Hới\n".as_bytes()).expect("read");
        assert_eq!(semicolon.rows[0].1, vec!["QT-001", "Đồng Hới"]);
    }

    #[test]
    fn a_file_that_is_not_utf8_or_not_a_workbook_is_refused_with_words_not_a_panic() {
        let latin1 = b"M\xe3,T\xean\n";
        assert!(read(latin1).expect_err("refused").vi.contains("UTF-8"));
        let broken = b"PK\x03\x04not really a workbook";
        assert!(read(broken).expect_err("refused").en.contains("Excel"));
        assert!(read(b"").is_err());
    }

    #[test]
    fn an_excel_serial_date_is_its_day() {
        assert_eq!(excel_day(45839.0).as_deref(), Some("2025-07-01"));
        assert_eq!(excel_day(-1.0), None);
    }
}
