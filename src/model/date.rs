//! Dates as precise as the sources give them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to the year, the month or the day ("2023", "2024-03",
/// "2024-03-18"). Sources often give no more than a month; the dataset must
/// not invent a day it does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, e.g. 2024.
    pub year: i32,
    /// 1–12 when known.
    pub month: Option<u32>,
    /// 1–31 when known (only with a month).
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let bad = || format!("`{text}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate {
                year: number(y, 4)? as i32,
                month: None,
                day: None,
            }),
            [y, m] => {
                let month = number(m, 2)?;
                if !(1..=12).contains(&month) {
                    return Err(format!("`{text}` has no month {month}"));
                }
                Ok(PartialDate {
                    year: number(y, 4)? as i32,
                    month: Some(month),
                    day: None,
                })
            }
            [y, m, d] => {
                let (year, month, day) = (number(y, 4)? as i32, number(m, 2)?, number(d, 2)?);
                NaiveDate::from_ymd_opt(year, month, day)
                    .ok_or_else(|| format!("`{text}` is not a day of the calendar"))?;
                Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: Some(day),
                })
            }
            _ => Err(bad()),
        }
    }

    /// The earliest calendar day this date can mean (for sorting and "as of").
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last calendar day this date can mean: a year counts from 31
    /// December, a month from its last day (GRADING.md, rule 7), so that
    /// evidence dated "2024-09" is not taken to exist on 1 September.
    pub fn latest(&self) -> NaiveDate {
        let (month, day) = match (self.month, self.day) {
            (Some(month), Some(day)) => (month, day),
            (Some(month), None) => (month, days_in_month(self.year, month)),
            (None, _) => (12, 31),
        };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MAX)
    }

    /// A full date, when the day is known.
    pub fn from_date(date: NaiveDate) -> PartialDate {
        use chrono::Datelike;
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

/// The number of days in `month` of `year` (28–31).
fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(28, |last| chrono::Datelike::day(&last))
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A full calendar date written as `YYYY-MM-DD` in the data files.
///
/// A thin wrapper so that the files hold plain strings and a bad date is
/// reported with its position like any other error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day(pub NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Day)
            .map_err(|_| {
                serde::de::Error::custom(format!("`{text}` is not a date (expected YYYY-MM-DD)"))
            })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_keep_only_the_precision_they_were_given() {
        assert_eq!(
            PartialDate::parse("2024-03").map(|d| d.to_string()),
            Ok("2024-03".into())
        );
        assert_eq!(
            PartialDate::parse("2023").map(|d| d.to_string()),
            Ok("2023".into())
        );
        assert_eq!(
            PartialDate::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert!(PartialDate::parse("2023-02-29").is_err());
        assert!(PartialDate::parse("2023-13").is_err());
        assert!(PartialDate::parse("23-01-01").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn a_year_or_month_counts_from_its_last_day() {
        let latest = |text: &str| PartialDate::parse(text).map(|d| d.latest().to_string());
        assert_eq!(latest("2023"), Ok("2023-12-31".into()));
        assert_eq!(latest("2024-02"), Ok("2024-02-29".into()));
        assert_eq!(latest("2023-02"), Ok("2023-02-28".into()));
        assert_eq!(latest("2024-09"), Ok("2024-09-30".into()));
        assert_eq!(latest("2024-12"), Ok("2024-12-31".into()));
        assert_eq!(latest("2024-03-05"), Ok("2024-03-05".into()));
    }
}
