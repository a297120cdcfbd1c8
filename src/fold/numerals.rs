//! Numeral spellings: a quantity written in Arabic or Chinese numerals is the same term.
//!
//! 金10条 and 金十条, 双一百 and 双100, 3个“3”服务 and 三个“三”服务 name the same thing. This is not
//! a per-character fold (10 is 十, 100 is 一百), so instead of folding the text, each surface form
//! is compiled in every spelling of its quantities.
//!
//! Codes are not quantities and stay as written: a digit run joined to another by `+`
//! (“1+4+4+8”, “1+7”), of four or more digits (“11157”, a year) or of two or more starting with 0
//! (“05”) is a code. Every other run of Arabic digits, and every run of Chinese numerals that
//! reads as a number below 10,000, is a quantity.

/// At most this many spellings of one surface form; a form with more numerals than that keeps
/// only its own spelling rather than growing the automaton exponentially.
const MAX_VARIANTS: usize = 16;

const CHINESE_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The value of a Chinese digit (零 to 九, 〇, 两).
pub(crate) fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

fn is_chinese_numeral(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

/// The value of a run of Chinese numerals written as a number (一百, 十三, 二十一, 一百零五), or
/// `None` for a run that is not one (一二, 百 alone, 三三).
fn parse_chinese(run: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    let mut zero = false;
    let mut chars = run.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(u) = unit_value(c) {
            if u >= last_unit {
                return None;
            }
            // Only 十 may stand without a digit before it, and only first (十三 is 13).
            let d = match digit.take() {
                Some(d) if d > 0 => d,
                Some(_) => return None,
                None if u == 10 && total == 0 => 1,
                None => return None,
            };
            total += d * u;
            last_unit = u;
        } else {
            let d = digit_value(c)?;
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                // 零 only fills a skipped place between two others: 一百零五.
                if total == 0 || zero || chars.peek().is_none() {
                    return None;
                }
                zero = true;
                continue;
            }
            digit = Some(d);
        }
    }
    match digit {
        // A trailing digit after 百 or 千 without 零 is shorthand (一百五 = 150); keep to the
        // unambiguous forms.
        Some(d) if last_unit == u32::MAX || last_unit == 10 || zero => Some(total + d),
        Some(_) => None,
        None if total > 0 => Some(total),
        None => None,
    }
}

/// `n` (below 10,000) in Chinese numerals, the standard way: 10 is 十, 100 is 一百, 105 is 一百零五.
fn to_chinese(n: u32) -> String {
    let mut out = String::new();
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut rest = n;
    let mut pending_zero = false;
    for (value, unit) in places {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 十 alone for 10-19 (十三), 一十 after a higher place (一百一十).
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.extend(CHINESE_DIGITS.get(d as usize));
        }
        out.push(unit);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.extend(CHINESE_DIGITS.get(rest as usize));
    }
    if out.is_empty() {
        out.push('零');
    }
    out
}

/// The pieces of a folded term: fixed text, or a quantity with its alternative spellings.
/// Fixed text between two quantities is one piece.
fn spellings(folded: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = folded.chars().collect();
    let mut pieces: Vec<Vec<String>> = Vec::new();
    let mut fixed = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let arabic = c.is_ascii_digit();
        let chinese = is_chinese_numeral(c);
        if !arabic && !chinese {
            fixed.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while chars.get(j).is_some_and(|&d| {
            (arabic && d.is_ascii_digit()) || (chinese && !arabic && is_chinese_numeral(d))
        }) {
            j += 1;
        }
        let run: String = chars.get(i..j).unwrap_or_default().iter().collect();
        let mut alternatives = vec![run.clone()];
        if arabic {
            let joined = i > 0 && chars.get(i - 1) == Some(&'+') || chars.get(j) == Some(&'+');
            let code = joined || run.len() >= 4 || (run.len() > 1 && run.starts_with('0'));
            if let (false, Ok(n)) = (code, run.parse::<u32>()) {
                alternatives.push(to_chinese(n));
                if n == 2 {
                    alternatives.push("两".to_string());
                }
            }
        } else if let Some(n) = parse_chinese(&run) {
            alternatives.push(n.to_string());
        }
        alternatives.dedup();
        if !fixed.is_empty() {
            pieces.push(vec![std::mem::take(&mut fixed)]);
        }
        pieces.push(alternatives);
        i = j;
    }
    if !fixed.is_empty() {
        pieces.push(vec![fixed]);
    }
    pieces
}

/// Every spelling of a folded term's quantities other than its own. A term without
/// quantities, or with too many, has none.
pub(crate) fn numeral_variants(folded: &str) -> Vec<String> {
    // Most terms have no numeral at all: nothing to spell, nothing to allocate.
    if !folded
        .chars()
        .any(|c| c.is_ascii_digit() || is_chinese_numeral(c))
    {
        return Vec::new();
    }
    let pieces = spellings(folded);
    let total = pieces.iter().try_fold(1usize, |n, p| {
        n.checked_mul(p.len()).filter(|&n| n <= MAX_VARIANTS)
    });
    if total.is_none_or(|n| n == 1) {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    for piece in &pieces {
        out = out
            .iter()
            .flat_map(|prefix| piece.iter().map(move |alt| format!("{prefix}{alt}")))
            .collect();
    }
    // The first combination takes each piece's own spelling: it is the term itself.
    out.remove(0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chinese_numbers() {
        let cases = [
            ("一", Some(1)),
            ("十", Some(10)),
            ("十三", Some(13)),
            ("二十", Some(20)),
            ("二十一", Some(21)),
            ("一百", Some(100)),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("三千", Some(3000)),
            ("两", Some(2)),
            ("一二", None),
            ("百", None),
            ("一百五", None),
            ("零", None),
            ("十十", None),
        ];
        for (run, value) in cases {
            assert_eq!(parse_chinese(run), value, "{run}");
        }
    }

    /// Every number below 10,000 written the standard way reads back as itself, every digit
    /// and unit included.
    #[test]
    fn every_number_reads_back() {
        for n in 1..10_000 {
            assert_eq!(parse_chinese(&to_chinese(n)), Some(n), "{}", to_chinese(n));
        }
        assert_eq!(to_chinese(0), "零");
        assert_eq!(parse_chinese("两百"), Some(200));
        assert_eq!(parse_chinese("二千零二十"), Some(2020));
        assert_eq!(parse_chinese("九千九百九十九"), Some(9999));
    }

    /// Runs that are not a number: a 零 that fills no place, a zero digit before a unit, an
    /// empty run.
    #[test]
    fn malformed_numbers_are_none() {
        for run in [
            "",
            "零五",
            "零十",
            "一百零",
            "一百零零五",
            "一千零零五",
            "十零",
            "零",
        ] {
            assert_eq!(parse_chinese(run), None, "{run:?}");
        }
    }

    #[test]
    fn writes_chinese_numbers() {
        for (n, s) in [
            (3, "三"),
            (10, "十"),
            (13, "十三"),
            (20, "二十"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (2000, "二千"),
        ] {
            assert_eq!(to_chinese(n), s);
            assert_eq!(parse_chinese(s), Some(n), "{s}");
        }
    }

    #[test]
    fn variants() {
        assert_eq!(numeral_variants("金10条"), ["金十条"]);
        assert_eq!(numeral_variants("双一百"), ["双100"]);
        assert_eq!(
            numeral_variants("3个3服务"),
            ["3个三服务", "三个3服务", "三个三服务"]
        );
        assert_eq!(numeral_variants("2个"), ["二个", "两个"]);
        assert_eq!(numeral_variants("11157工程"), [] as [&str; 0]);
        assert_eq!(numeral_variants("1+4+4+8新型产业体系"), [] as [&str; 0]);
        assert_eq!(numeral_variants("1+7政策体系"), [] as [&str; 0]);
        assert_eq!(numeral_variants("三个百里"), ["3个百里"]);
        assert_eq!(numeral_variants("综合窗口"), [] as [&str; 0]);
    }

    #[test]
    fn too_many_numerals_keep_their_own_spelling() {
        assert_eq!(numeral_variants("一a二b三c四d五"), [] as [&str; 0]);
    }
}
