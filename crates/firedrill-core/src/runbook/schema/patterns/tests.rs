use regex::Regex;

use super::*;
use crate::duration::HumanDuration;
use crate::period::Period;

fn whole(pattern: &str) -> Regex {
    Regex::new(&format!("^(?:{pattern})$")).expect("the pattern compiles")
}

#[test]
fn a_number_pattern_matches_exactly_its_range_with_any_leading_zeros() {
    for (lo, hi) in [(0, 0), (1, 23), (0, 59), (60, 1440), (1, 86_400), (24, 24), (1, 3650), (0, 3649), (7, 7), (5, 4)]
    {
        let re = whole(&number(lo, hi));
        for n in 0..=100_000u64 {
            assert_eq!(re.is_match(&n.to_string()), (lo..=hi).contains(&n), "{n} in {lo}..={hi}");
        }
        for n in [lo, hi, 0, 9, 10, 59, 60, 99_999] {
            assert_eq!(re.is_match(&format!("00{n}")), (lo..=hi).contains(&n), "00{n} in {lo}..={hi}");
        }
        assert!(!re.is_match("") && !re.is_match("1 0") && !re.is_match("x"), "{lo}..={hi}");
    }
}

/// Durations written in every shape the parser meets: single units around
/// their bounds, mixes of units below and above their natural range, zero
/// parts, leading zeros, white space and junk.
fn duration_samples() -> Vec<String> {
    let mut out = Vec::new();
    for n in (0..=1_500).chain(86_300..=86_500).chain([3599, 3600, 3601, 90_000, 100_000, 99_999_999]) {
        out.extend([format!("{n}s"), format!("{n}m"), format!("{n}h")]);
    }
    let hours = ["", "0h", "1h", "05h", "22h", "23h", "24h", "25h"];
    let minutes = ["", "0m", "1m", "30m", "59m", "60m", "61m", "120m", "1379m", "1380m", "1439m", "1440m", "1441m"];
    let seconds = ["", "0s", "1s", "59s", "60s", "61s", "3600s", "82800s", "86399s", "86400s", "86401s"];
    for h in hours {
        for m in minutes {
            for s in seconds {
                out.push(format!("{h}{m}{s}"));
            }
        }
    }
    for odd in ["", " ", "30", "m", "h30", "1h 30m", "30m1h", "5m5m", " 30m ", "\t2m", "1d", "1.5h", "-5m", "+5m", "٣m"]
    {
        out.push(odd.to_owned());
    }
    out
}

/// True for the one case the pattern leaves to the parser: several units,
/// a later one 60 or more, and a total over the bound.
fn left_to_the_parser(text: &str) -> bool {
    let parts: Vec<(u64, char)> = Regex::new("([0-9]+)([hms])")
        .expect("regex")
        .captures_iter(text)
        .map(|c| (c[1].parse().unwrap_or(u64::MAX), c[2].chars().next().unwrap_or('h')))
        .collect();
    parts.len() > 1 && parts.iter().any(|(n, unit)| *unit != 'h' && *n >= 60)
}

#[test]
fn the_duration_pattern_agrees_with_the_parser_but_for_sums_of_mixed_units() {
    let re = Regex::new(&duration()).expect("the pattern compiles");
    let mut left = 0;
    for text in duration_samples() {
        let parsed = HumanDuration::parse(&text).is_ok();
        let matched = re.is_match(&text);
        if matched && !parsed {
            assert!(left_to_the_parser(&text), "{text:?}: the pattern accepts what the parser refuses");
            left += 1;
        } else {
            assert_eq!(matched, parsed, "{text:?}");
        }
    }
    // The gap is real, and only of that kind (checked above): 23h120m.
    assert!(re.is_match("23h120m") && HumanDuration::parse("23h120m").is_err());
    assert!(left > 0);
    for refused in ["0s", "0m", "25h", "24h1s", "3000000000h", "30 minutes", ""] {
        assert!(!re.is_match(refused), "{refused:?}");
    }
}

#[test]
fn the_period_pattern_agrees_with_the_parser_but_for_sums_of_mixed_units() {
    let re = Regex::new(&period()).expect("the pattern compiles");
    let mut samples = duration_samples();
    for d in ["", "0d", "1d", "7d", "90d", "3649d", "3650d", "3651d", "99999d", "d", "1d "] {
        for rest in ["", "12h", "0h", "23h59m59s", "24h", "1440m", "86399s", "30m", "1s", "1h90m", "x"] {
            samples.push(format!("{d}{rest}"));
        }
    }
    for text in samples {
        let parsed = Period::parse(&text).is_ok();
        let matched = re.is_match(&text);
        if matched && !parsed {
            assert!(left_to_the_parser(&text), "{text:?}: the pattern accepts what the parser refuses");
        } else {
            assert_eq!(matched, parsed, "{text:?}");
        }
    }
}

#[test]
fn the_date_pattern_takes_real_calendar_days_and_never() {
    let re = Regex::new(&date_or_never()).expect("the pattern compiles");
    let years = [0, 1, 4, 100, 400, 1900, 1996, 2000, 2023, 2024, 2026, 2100, 2400, 9996, 9999];
    for year in years {
        for month in 0..=13 {
            for day in 0..=32 {
                let text = format!("{year:04}-{month:02}-{day:02}");
                let real = chrono::NaiveDate::from_ymd_opt(year, month, day).is_some();
                assert_eq!(re.is_match(&text), real, "{text}");
            }
        }
    }
    for ok in ["never", " never ", "2026-10-02", " 2026-10-02\t"] {
        assert!(re.is_match(ok), "{ok:?}");
    }
    for bad in ["last spring", "Never", "2026-1-2", "26-10-02", "+2026-10-02", "2026-10-02x", "", "10000-01-01"] {
        assert!(!re.is_match(bad), "{bad:?}");
    }
}

#[test]
fn one_word_refuses_spaces_and_control_characters_inside() {
    let re = Regex::new(ONE_WORD).expect("compiles");
    assert!(re.is_match("prod-2026-01-14.1") && re.is_match(" prod-1 "));
    for bad in ["", " ", "prod 1", "prod\u{1b}1", "prod\u{85}1"] {
        assert!(!re.is_match(bad), "{bad:?}");
    }
}
