//! Slogan-like expressions in a text that no glossary entry explains.
//!
//! # Overview
//!
//! [`audit`] scans a text for expressions shaped like policy slogans and keeps those a reader
//! needs explained: not explained by the annotator's glossary, nor by the text itself, nor known
//! to every reader of government text. What is left is a [`Finding`] per distinct expression,
//! with why it was listed, how often the text uses it and the sentence of its first use: the
//! to-do list of a glossary editor. [`table`] and [`json`] format the findings for people and
//! for programs.
//!
//! The reader the audit has in mind is a Chinese reader from outside the locality: someone who
//! knows the national phrases of central documents (十四五, 六稳六保, 放管服, 双减) but not a
//! province's or a county's coinages (八八战略, 三高四新, 一区五城). On hand-labelled real passages
//! (`tests/data/audit`, scored by `tests/audit_real.rs`) at least 85 % of what it lists are such
//! slogans, and it finds at least 80 % of them.
//!
//! # What is looked at
//!
//! No dictionary is involved: the scanner looks for shapes, from the most to the least certain.
//!
//! [`Kind::Numeric`], a numeral compressing a list (数字缩略语):
//!
//! - a short quoted span (2 to 10 characters) that starts with a numeral, Chinese (一 二 两 三 四
//!   五 六 七 八 九 十 百 千 双) or Arabic: “三区”, “四个城市”, “1336”, “24 条”. Quotes turn a
//!   count into a name, so “24 条” is a slogan where 500 个 is not. A span led by a lone 一 is
//!   numeric only when another numeral follows (“一村一品”) or it reads 一个/一大: in “一网统管” or
//!   “一站式” the 一 means *unified* or *single* and compresses nothing;
//! - unquoted, the two-part shape numeral + 1-2 characters + numeral + as many characters
//!   (两区一堡, 双招双引), the first part not a measure word (十九届二中, 六届人大四次 are
//!   ordinals) and the whole not a numeral idiom (千方百计, 一心一意);
//! - unquoted, a single numeral before 大 or 化 and a **whole** name: one that ends at a head
//!   noun (十大工程, 八大行动), whose qualifier before the numeral is taken back to a verb or
//!   punctuation (实施|幸福美好生活十大工程), or one that ends within 2 to 4 characters at
//!   punctuation or a function character (六大强农|等, 三大经济区|的). Where the text does not show
//!   where the name ends or starts (四大产业集群实现产值…), nothing is listed rather than a cut
//!   piece;
//! - Arabic numbers joined by `+` (1+1+9).
//!
//! [`Kind::Quoted`]: a short quoted span (2 to 10 characters, at least two of them Chinese) with
//! no numeral rule and no punctuation inside. Quotes in government text hold coinages, but as
//! often figures of speech (“武昌样板”, “牛鼻子”), descriptions (“美丽街区”, “端庄大气”) and names
//! (“利奇马”, “上海品牌”), so such a span is listed only with evidence that it names a programme:
//!
//! - a head noun right after it: “强省会”战略, “精致城管”标准, “民呼我应”工作机制 (战略 工程 行动
//!   计划 体系 机制 标准 模式 思路 目标 工作 建设 事项 方案 要求…);
//! - a verb that takes a programme right before it: 打造“重要窗口”, 推行“龙港码”, 实现“最多跑一次”
//!   (实施 推行 推进 打造 践行 落实 深化 开展 按照 围绕 聚焦 加强 坚持 制定…);
//! - its own shape: 一X (“一网统管”, “一窗通”: one X for all), three or more parallel parts led
//!   by one character (“同标同质同效”), or parts joined by `+`, `—` or `·`
//!   (“红色引擎+五线推进”);
//! - being paired with a listed coinage (“龙港码”+“安居码”), or opening its clause as its subject
//!   (“文化走亲”内涵逐步丰富).
//!
//! And whatever the evidence, a quoted span is not a coinage when it has 2 characters (an
//! ordinary word used figuratively: “零”, “敲门”, “造血”), holds Latin letters (a brand or a
//! product: “品牌IP+成都衍生品”), has a part of more than 5 characters (compression works in few
//! characters; “文艺再攀高峰” is a description), ends in a figurative word (样板 样本 速度 之星 梦
//! 名片 答卷 大考 硬仗 排头兵 加速键 大动脉 压舱石 日子 鼻子 骨头… see `FIGURATIVE`) or in the
//! manner suffix 式 (“一站式”), or is a name: an event or prize (ending in 杯 节 奖 赛), followed
//! by 称号 荣誉 认证 榜 台风… or with 品牌 or 商标 in the few characters after it (“金山如画”文旅
//! 品牌), or preceded by 台风 网站 公众号 品牌.
//!
//! [`Kind::Heading`]: a line of its own (after an optional enumerator such as 一、 or （三）) of 3
//! to 10 Chinese characters that would be a numeric slogan in quotes: 五绿润城, 百千工程, 四个城市.
//! Headings are where reports name their programmes without quotes. Lines opening with an
//! enumeration, an ordinal or a date (三是…, 第五次…, 2020年…) are not headings.
//!
//! Titles in 《》 are never looked at; longer quotes and quotes holding punctuation are quoted
//! speech.
//!
//! # What is not listed
//!
//! - **What the glossary explains**: anything overlapping a match of the annotator, and an
//!   expression that is itself a glossary term.
//! - **What the text explains itself.** The headwords of the text's own glossary, as
//!   [`extract`](crate::extract::extract) reads it, and of `term：definition` lines (1.瞪羚企业：…,
//!   “十个一”：指…), with the quoted parts of those headwords and definitions (“头雁”, “两重” inside
//!   another term's definition); an expression defined where it is used: followed by （即…）,
//!   ，即…, 是指…, 指…, or a colon, after at most a short head noun (“1354”总体思路：…); and a
//!   numeral slogan that sums up the list right before it (生态农业提效、……、党建领富提级“八大行动”;
//!   疫情防控和经济增长……“双胜利”): the list has as many items as the numeral counts, separated by
//!   、 (or 和 与 及 for a pair), with no quotation among them. One use explained in place is
//!   enough for none of the uses to be listed.
//! - **National phrases** (see `NATIONAL`): the five-year plans (十三五 … 十五五), the Party's
//!   political formulas (四个意识, 两个维护, 四风, 八项规定…), central economic and reform policy
//!   (六稳, 六保, 放管服, 一带一路, 专精特新, 两化融合…), rural and poverty policy (三农, 四个不摘,
//!   雨露计划…), social policy (双减, 一老一小) and national campaigns (扫黑除恶, 扫黄打非). The
//!   audit's reader has met them in central documents; a local glossary need not explain them.
//!   Provincial coinages (八八战略, 三高四新, 千万工程) are not in the list: a reader from another
//!   province does not know them.
//! - **Titles and counts**: awards and rankings (“中国最具幸福感城市”, “三湘第一镇”: 最具 最佳 最美
//!   最强 百强 十佳 or 第 + numeral inside), and counts of measures that say what they count
//!   (“12条措施”; a bare “24条” is a package's name and is listed).
//! - **Quantities**: dates, decimals, percentages, 第X, counts like 500 个: none of them has a
//!   slogan's shape, and quoted ones with a decimal point, `%`, a time unit or a unit such as
//!   小时 or 公里 after an Arabic number are dropped too (“24小时自助服务区”).
//!
//! # Why
//!
//! Each [`Finding::why`] names the rule and its evidence in a few words: `numeral compressing a
//! list, in quotes`, `numeral + word, repeated (两区一堡 shape)`, `numeral + 大/化 + a whole name`,
//! `Arabic numbers joined by +`, `quoted coinage named by 战略 after it`, `quoted coinage after
//! 打造`, `quoted 一X coinage (one X for all)`, `slogan-shaped line of its own`, …
//!
//! # Cost
//!
//! Time is linear in the text: the scanner reads it a chunk at a time, every rule reads a bounded
//! window around a candidate, and the text's own glossary is read once. Memory holds a chunk,
//! the distinct expressions found, and the text's own glossary; not the text's occurrences.
//!
//! # Example
//!
//! ```
//! use zhgloss::audit::{self, Kind};
//! use zhgloss::{Annotator, Glossary};
//!
//! let ann = Annotator::new(&Glossary::builtin())?;
//! let text = "增强“四个意识”，深化“一网通办”。大力实施“强省会”战略，打造“武昌样板”。\n五绿润城\n";
//! let findings = audit::audit(&ann, text);
//! let found: Vec<(&str, Kind, &str)> = findings
//!     .iter()
//!     .map(|f| (f.expression.as_str(), f.kind, f.why.as_str()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("强省会", Kind::Quoted, "quoted coinage named by 战略 after it"),
//!         ("五绿润城", Kind::Heading, "slogan-shaped line of its own"),
//!     ]
//! );
//! # Ok::<(), zhgloss::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::annotator::Annotator;
use crate::fold::{Fold, FoldOptions, fold_char, fold_term};
use crate::glossary::{Entry, Glossary};
use crate::util::{ceil_char_boundary, floor_char_boundary};

/// Which rule found an expression.
///
/// ```
/// use zhgloss::audit::Kind;
///
/// assert_eq!(Kind::Numeric.as_str(), "numeric");
/// assert_eq!(Kind::Quoted.to_string(), "quoted");
/// assert_eq!(Kind::Heading.as_str(), "heading");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A numeral compressing a list (两区一堡, “三区”, “40 条”), quoted or not: almost always a
    /// slogan.
    Numeric,
    /// A short quoted coinage without such a numeral, named as a programme by the words around
    /// it (“强省会”战略, 打造“重要窗口”): often a slogan, sometimes a plain name.
    Quoted,
    /// A slogan-shaped line of its own, unquoted: a heading such as 五绿润城 or 百千工程.
    Heading,
}

impl Kind {
    /// The lowercase name used by [`table`] and [`json`].
    ///
    /// ```
    /// assert_eq!(zhgloss::audit::Kind::Quoted.as_str(), "quoted");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Numeric => "numeric",
            Kind::Quoted => "quoted",
            Kind::Heading => "heading",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One slogan-like expression that no glossary entry explains.
///
/// # Example
///
/// ```
/// use zhgloss::{Annotator, Glossary, audit};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let text = "标题\n\n按照“三区”“五地”目标路径。加快打造“三区”。";
/// let f = &audit::audit(&ann, text)[0];
/// assert_eq!(f.expression, "三区");
/// assert_eq!(f.kind, audit::Kind::Numeric);
/// assert_eq!(f.why, "numeral compressing a list, in quotes");
/// assert_eq!(f.count, 2);
/// assert_eq!((f.first.clone(), &text[f.first.clone()]), (17..23, "三区"));
/// assert_eq!(f.line, 3);
/// assert_eq!(f.sentence, "按照“三区”“五地”目标路径。");
/// # Ok::<(), zhgloss::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The expression as the text first writes it, folded as the annotator folds terms but in
    /// its own script: without quote marks, whitespace or inserted pinyin, full-width ASCII as
    /// ASCII (`40条` for “40 条”), traditional characters kept (郯十條). Occurrences that fold
    /// alike, traditional and simplified included, are one finding.
    pub expression: String,
    /// Which rule found it.
    pub kind: Kind,
    /// Why it was listed, in a few words: the shape and the evidence the rule saw
    /// (`numeral compressing a list, in quotes`, `quoted coinage named by 战略 after it`,
    /// `slogan-shaped line of its own`).
    pub why: String,
    /// How many times the text uses the expression, quoted or not, outside glossary matches.
    pub count: usize,
    /// Byte span of the first occurrence, quote marks excluded: `&text[first]` is the expression
    /// as the text writes it.
    pub first: Range<usize>,
    /// The 1-based line of the first occurrence.
    pub line: usize,
    /// The sentence of the first occurrence, trimmed, with line breaks removed (in Chinese text a
    /// line break inside a sentence is an artefact of PDF extraction).
    pub sentence: String,
}

/// The slogan-like expressions of `text` that `annotator` does not explain, one [`Finding`] per
/// distinct expression, in order of first occurrence.
///
/// Besides the annotator's glossary, the text explains its own: headwords of its glossary
/// ([`extract`](crate::extract::extract) and `term：definition` lines) and expressions it
/// defines in place are not listed. See the [module documentation](self) for the rules.
///
/// # Example
///
/// ```
/// use zhgloss::{Annotator, Glossary, audit};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let text = "时刻紧盯“四风”问题，以“四不两直”方式开展调研。编制“三线一单”，全力打造“五个一批”\
///             （即谋划一批、签约一批、开工一批、投产一批、达效一批），新增 3 个项目。";
/// let found: Vec<String> = audit::audit(&ann, text).into_iter().map(|f| f.expression).collect();
/// // 四风 is a national phrase, 三线一单 a glossary term, 五个一批 explained where it is used.
/// assert_eq!(found, ["四不两直"]);
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn audit(annotator: &Annotator, text: &str) -> Vec<Finding> {
    let own = OwnGlossary::of(text);
    // Distinct expressions in order of first detection (folded key, expression in the text's
    // script, kind, why), with how often and where first the scanner found each.
    let mut order: Vec<(String, String, Kind, String)> = Vec::new();
    let mut seen: HashMap<String, Uses> = HashMap::new();
    // Expressions some use of which the text explains where it stands.
    let mut in_place: HashSet<String> = HashSet::new();
    let mut explained = Explained::new(annotator, text);
    let mut chain = Chain::default();
    candidates(text, |cand| {
        if explained.overlaps(&cand.span) {
            return;
        }
        let Some(raw) = text.get(cand.span.clone()) else {
            return;
        };
        let key = fold_term(raw, &FoldOptions::default());
        let chars: Vec<char> = key.chars().collect();
        if chars.len() < 2
            || is_glossary_term(annotator, raw)
            || own.defines(&key)
            || is_national(&key)
        {
            return;
        }
        let why = match judge(text, &cand, &chars, &mut chain) {
            Verdict::List(why) => why,
            Verdict::InPlace => {
                in_place.insert(key);
                return;
            }
            Verdict::Drop => return,
        };
        let uses = seen.entry(key.clone()).or_default();
        if uses.count == 0 {
            let expression = fold_term(raw, &KEEP_SCRIPT);
            order.push((key, expression, cand.kind, why));
        }
        uses.add(cand.span);
    });
    order.retain(|(key, ..)| !in_place.contains(key));

    // Count every use of each expression, quoted or not, as the annotator would find it: the
    // same folding (spaces, widths, line breaks), leftmost-longest so 两区一堡 is not also 两区.
    explained.rewind();
    let mut uses = all_uses(&mut explained, &order, text);

    let mut findings: Vec<Finding> = order
        .into_iter()
        .filter_map(|(key, expression, kind, why)| {
            let mut found = uses.remove(&key).unwrap_or_default();
            if found.count == 0 {
                // The scanner's own spans: the counting pass missed them only if the expression
                // could not be compiled, which falls back to what the rules saw.
                found = seen.remove(&key).unwrap_or_default();
            }
            let first = found.first?;
            Some(Finding {
                line: 0,
                sentence: String::new(),
                count: found.count,
                expression,
                kind,
                why,
                first,
            })
        })
        .collect();
    findings.sort_by_key(|f| f.first.start);
    // Lines counted once, from one finding to the next; sentences read a chunk at a time.
    let mut line = 1;
    let mut counted = 0;
    for f in &mut findings {
        let at = f.first.start;
        line += bytecount::count(text.as_bytes().get(counted..at).unwrap_or_default(), b'\n');
        counted = at.max(counted);
        f.line = line;
    }
    sentences_of(text, &mut findings);
    findings
}

/// Folding for a finding's expression: as terms are folded, but traditional characters kept.
const KEEP_SCRIPT: FoldOptions = FoldOptions {
    max_gap: 8,
    traditional: false,
    numerals: true,
};

/// How often an expression is used, and where first.
#[derive(Clone, Debug, Default)]
struct Uses {
    count: usize,
    first: Option<Range<usize>>,
}

impl Uses {
    fn add(&mut self, span: Range<usize>) {
        self.count += 1;
        if self.first.as_ref().is_none_or(|f| span.start < f.start) {
            self.first = Some(span);
        }
    }
}

/// The glossary's matches in a text, found once, asked about spans in text order.
struct Explained {
    matches: Vec<Range<usize>>,
    /// The first match that does not end before the span last asked about.
    next: usize,
}

impl Explained {
    fn new(annotator: &Annotator, text: &str) -> Explained {
        Explained {
            matches: annotator.find_iter(text).map(|m| m.range()).collect(),
            next: 0,
        }
    }

    /// Asks again from the start of the text.
    fn rewind(&mut self) {
        self.next = 0;
    }

    /// Whether a glossary match overlaps `span`; spans come in order of their start (since
    /// the last rewind). Matches are sorted and disjoint, so the answer is the first match
    /// that ends after the span starts.
    fn overlaps(&mut self, span: &Range<usize>) -> bool {
        while self
            .matches
            .get(self.next)
            .is_some_and(|m| m.end <= span.start)
        {
            self.next += 1;
        }
        self.matches
            .get(self.next)
            .is_some_and(|m| m.start < span.end && span.start < m.end)
    }
}

/// Whether the annotator matches all of `raw` as one term.
fn is_glossary_term(annotator: &Annotator, raw: &str) -> bool {
    annotator
        .find_iter(raw)
        .any(|m| m.start() == 0 && m.end() == raw.len())
}

/// Every use of the found expressions in `text` that no glossary match explains, keyed by
/// expression. The expressions are compiled into an annotator of their own, so they are found
/// with the same folding as glossary terms.
fn all_uses(
    explained: &mut Explained,
    order: &[(String, String, Kind, String)],
    text: &str,
) -> HashMap<String, Uses> {
    let mut uses: HashMap<String, Uses> = HashMap::new();
    let entries = order
        .iter()
        .zip(1u32..)
        .map(|((key, ..), id)| Entry::new(id, key.as_str(), "-"))
        .collect();
    let glossary = Glossary {
        entries,
        ..Glossary::default()
    };
    // Expressions are distinct folded strings of at least two characters, so this always
    // compiles; if it ever did not, the caller falls back to the scanner's spans.
    let Ok(found) = Annotator::new(&glossary) else {
        return uses;
    };
    for m in found.find_iter(text) {
        let span = m.range();
        if explained.overlaps(&span) || inside_numeral(text, &span) {
            continue;
        }
        uses.entry(found.entry(&m).term.clone())
            .or_default()
            .add(span);
    }
    uses
}

/// Whether a span is part of a longer number: 三区 in 十三区, 十三五 in 二十三五.
fn inside_numeral(text: &str, span: &Range<usize>) -> bool {
    let before = text.get(..span.start).and_then(|t| t.chars().next_back());
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    let first = text.get(span.clone()).and_then(|t| t.chars().next());
    let last = text.get(span.clone()).and_then(|t| t.chars().next_back());
    let joins = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => is_numeral(a) && (is_numeral(b) || b == '第'),
        _ => false,
    };
    joins(first, before) || joins(last, after)
}

// ---------------------------------------------------------------------------------------------
// Judging a candidate: explained by the text, a known phrase, or evidence that it is a slogan.

/// [`Finding::why`] of a numeral in quotes.
const WHY_QUOTED_NUMERAL: &str = "numeral compressing a list, in quotes";

/// What the audit makes of one candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verdict {
    /// A slogan to list, and why.
    List(String),
    /// The text explains the expression right where it stands: no use of it is listed.
    InPlace,
    /// Not a slogan a reader needs explained, here.
    Drop,
}

/// What judging a quote remembers of the quote before: the second of a pair of coinages
/// (“龙港码”+“安居码”) shares the evidence of the first.
#[derive(Default)]
struct Chain {
    /// The byte offset after the closing quote of the last quoted coinage listed.
    listed_until: Option<usize>,
}

/// The verdict on a candidate whose folded expression is `chars`.
fn judge(text: &str, cand: &Candidate, chars: &[char], chain: &mut Chain) -> Verdict {
    let (open, close) = match &cand.quote {
        Some(q) => (q.start, q.end),
        None => (cand.span.start, cand.span.end),
    };
    // The count is the numeral's, after a qualifier (共建共享|四大发展战略).
    let counted: Vec<char> = if cand.numeral_at > cand.span.start {
        fold_term(
            text.get(cand.numeral_at..cand.span.end).unwrap_or_default(),
            &FoldOptions::default(),
        )
        .chars()
        .collect()
    } else {
        chars.to_vec()
    };
    if defined_after(text, close)
        || leading_count(&counted).is_some_and(|n| enumerated_before(text, cand.numeral_at, n))
    {
        return Verdict::InPlace;
    }
    if is_title(chars) {
        return Verdict::Drop;
    }
    match cand.kind {
        Kind::Numeric | Kind::Heading if is_count_of_measures(chars) => Verdict::Drop,
        Kind::Numeric | Kind::Heading => Verdict::List(cand.why.to_string()),
        Kind::Quoted => {
            let chained = chain
                .listed_until
                .and_then(|end| text.get(end..open))
                .is_some_and(|between| matches!(between.trim(), "" | "+" | "＋" | "、"));
            let verdict = quoted_coinage(text, open, close, chars, chained);
            chain.listed_until = matches!(verdict, Verdict::List(_)).then_some(close);
            verdict
        }
    }
}

/// The most characters of each part of a quoted coinage without a numeral (parts are joined by
/// `+`, `—` or `·`): compression works in few characters, and six or more plain ones in quotes
/// are a description or a title (“文艺再攀高峰”, “中国最具幸福感城市”).
const COINAGE_PART_MAX: usize = 5;

/// A quoted span without a numeral rule: listed only with evidence, in the words around it or
/// in its shape, that it names a programme; a figure of speech, an ordinary word or a name in
/// quotes has none.
fn quoted_coinage(text: &str, open: usize, close: usize, chars: &[char], chained: bool) -> Verdict {
    let parts: Vec<&[char]> = chars.split(|c| "+—·-".contains(*c)).collect();
    let ends_with = |w: &str| {
        let w: Vec<char> = w.chars().collect();
        chars.ends_with(&w)
    };
    let parallel = is_parallel(chars);
    if chars.len() <= 2
        || (!parallel && parts.iter().any(|p| p.len() > COINAGE_PART_MAX))
        // Latin letters in quotes mark a brand or a product (“品牌IP+成都衍生品”, “i深圳”).
        || chars.iter().any(char::is_ascii_alphabetic)
        || FIGURATIVE.iter().any(|w| ends_with(w))
        || chars.last().is_some_and(|c| NAME_ENDS.contains(*c))
    {
        return Verdict::Drop;
    }
    let after: String = context_after(text, close, 4);
    let before: String = context_before(text, open, 2);
    if NAME_AFTER.iter().any(|w| after.starts_with(w))
        || after.contains("品牌")
        || after.contains("商标")
        || NAME_BEFORE.iter().any(|w| before.ends_with(w))
    {
        return Verdict::Drop;
    }
    let why = if let Some(head) = HEAD_NOUNS.iter().find(|h| after.starts_with(*h)) {
        format!("quoted coinage named by {head} after it")
    } else if let Some(verb) = VERBS.iter().find(|v| before.ends_with(*v)) {
        format!("quoted coinage after {verb}")
    } else if chars.first() == Some(&'一') {
        "quoted 一X coinage (one X for all)".to_string()
    } else if parallel {
        "quoted coinage of parallel parts".to_string()
    } else if parts.len() > 1 {
        "quoted coinage joining parts".to_string()
    } else if chained {
        "quoted coinage paired with the one before".to_string()
    } else if opens_clause(text, open) && after.chars().next().is_some_and(is_word_char) {
        "quoted coinage opening its clause".to_string()
    } else {
        return Verdict::Drop;
    };
    Verdict::List(why)
}

/// Three or more parallel parts, each led by the same character: 同标同质同效. Like the numerals
/// of 一村一品, the repeated character compresses a list. (Two parts are too often an idiom:
/// 有声有色, 不折不扣.)
fn is_parallel(chars: &[char]) -> bool {
    (2..=3).any(|w| {
        let parts: Vec<&[char]> = chars.chunks(w).collect();
        chars.len().is_multiple_of(w)
            && parts.len() >= 3
            && parts.iter().all(|p| p.first() == chars.first())
    })
}

/// Up to `n` characters of the text after byte `at`, whitespace skipped, folded.
fn context_after(text: &str, at: usize, n: usize) -> String {
    text.get(at..)
        .unwrap_or_default()
        .chars()
        .filter(|&c| !is_space(c))
        .take(n)
        .map(folded)
        .collect()
}

/// Up to `n` characters of the text before byte `at`, whitespace skipped, folded, in order.
fn context_before(text: &str, at: usize, n: usize) -> String {
    let mut back: Vec<char> = text
        .get(..at)
        .unwrap_or_default()
        .chars()
        .rev()
        .filter(|&c| !is_space(c))
        .take(n)
        .map(folded)
        .collect();
    back.reverse();
    back.into_iter().collect()
}

/// Whether a quote opening at byte `at` starts its clause: the text or a line starts there, or
/// clause punctuation is right before it.
fn opens_clause(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    match before.chars().rev().find(|&c| c == '\n' || !is_space(c)) {
        None | Some('\n') => true,
        Some(c) => "，。；：！？,;:!?—".contains(c),
    }
}

/// Whether the text defines the expression ending at byte `end` right after it: “X”（即…）,
/// “X”，即…, “X”是指…, “X”指…, or a colon (“X”：…, “1354”总体思路：…), after at most a short
/// head noun and more quoted names (“六大亮点”“六项做法”：…).
fn defined_after(text: &str, end: usize) -> bool {
    let after: Vec<char> = context_after(text, end, 40).chars().collect();
    let starts = |at: usize, w: &str| {
        let w: Vec<char> = w.chars().collect();
        after.get(at..).is_some_and(|a| a.starts_with(&w))
    };
    let defines = |at: usize| {
        starts(at, ":")
            || starts(at, "：")
            || [
                "(即",
                "（即",
                ",即",
                "，即",
                "即",
                "是指",
                ",是指",
                "，是指",
            ]
            .iter()
            .any(|w| starts(at, w))
            || (starts(at, "指")
                && after
                    .get(at + 1)
                    .is_some_and(|&c| !"导标出南挥引数令示针定望明向".contains(c)))
    };
    if defines(0) {
        return true;
    }
    // Past a head noun of up to 6 characters, or more quoted names, only a colon or 是指/（即.
    let mut at = 0;
    for _ in 0..4 {
        let before = at;
        while after.get(at).is_some_and(|&c| is_word_char(c)) && at < before + 6 {
            at += 1;
        }
        if after.get(at).is_some_and(|&c| c == '“') {
            match after.iter().skip(at).take(14).position(|&c| c == '”') {
                Some(p) => at += p + 1,
                None => return false,
            }
        }
        if at == before {
            return false;
        }
        if starts(at, ":")
            || starts(at, "：")
            || ["是指", ",是指", "，是指", "(即", "（即"]
                .iter()
                .any(|w| starts(at, w))
        {
            return true;
        }
    }
    false
}

/// The number a slogan's single leading numeral counts (八 of 八大行动, 双 of 双胜利), when no
/// other numeral follows: what a list right before it must have to explain it.
fn leading_count(chars: &[char]) -> Option<usize> {
    let n = match *chars.first()? {
        '双' => 2,
        '十' => 10,
        // 一 counts nothing here (一网通办), nor does 零.
        '一' | '零' | '〇' => return None,
        c => usize::try_from(crate::fold::numerals::digit_value(c)?).ok()?,
    };
    (chars.len() > 1 && !chars.iter().skip(1).any(|&c| is_numeral(c))).then_some(n)
}

/// The most characters back from a slogan that a list explaining it is looked for in.
const LIST_REACH: usize = 160;

/// Whether the clause before byte `at` ends in a list of `n` items, so that the slogan after it
/// sums them up: 生态农业提效、和美乡村提质……党建领富提级“八大行动”, 疫情防控和经济增长……“双胜利”.
/// Items are separated by 、 (or by 和 与 及, for a pair), hold no quotation and are at least two
/// characters long; the list ends right at the slogan.
fn enumerated_before(text: &str, at: usize, n: usize) -> bool {
    let mut clause: Vec<char> = Vec::new();
    // The clause starts at punctuation, a line break or the start of the text.
    let mut closed = true;
    for (read, c) in text.get(..at).unwrap_or_default().chars().rev().enumerate() {
        if "，。；：！？,;:!?\n".contains(c) {
            break;
        }
        // Whitespace counts towards a bound on what is read.
        if clause.len() == LIST_REACH || read == 4 * LIST_REACH {
            closed = false;
            break;
        }
        if !is_space(c) {
            clause.push(c);
        }
    }
    if !closed {
        return false;
    }
    clause.reverse();
    // A list holding quotations lists slogans (落实“两区一堡”、打造“三区”、建设“三个金山”), it
    // does not spell one out.
    if clause.iter().any(|&c| is_quote(c)) {
        return false;
    }
    let items = |seps: &str| {
        let pieces: Vec<&[char]> = clause.split(|c| seps.contains(*c)).collect();
        (pieces.iter().all(|p| p.len() >= 2)).then_some(pieces.len())
    };
    items("、") == Some(n) || (n == 2 && items("、和与及") == Some(n))
}

/// A title or a ranking rather than a slogan: “中国最具幸福感城市”, “三湘第一镇”, “百强区”.
fn is_title(chars: &[char]) -> bool {
    let s: String = chars.iter().collect();
    TITLE_MARKS.iter().any(|m| s.contains(m))
        || chars
            .windows(2)
            .any(|w| matches!(w, [a, b] if *a == '第' && is_numeral(*b)))
}

/// A count of measures that says what it counts: “12条措施”, “十条举措”. (A bare “24条” is a
/// package's name and stays.)
fn is_count_of_measures(chars: &[char]) -> bool {
    let lead = chars.iter().take_while(|&&c| is_numeral(c)).count();
    let rest: String = chars.iter().skip(lead + 1).collect();
    lead > 0
        && chars.get(lead).is_some_and(|&c| c == '条' || c == '项')
        && MEASURE_NOUNS.iter().any(|m| rest.starts_with(m))
}

/// Nouns of a package of measures, after “N条”.
const MEASURE_NOUNS: &[&str] = &["措施", "举措", "意见", "政策", "规定", "办法", "细则"];

/// Marks of an award, a ranking or an honorific title inside quotes.
const TITLE_MARKS: &[&str] = &[
    "最具",
    "最佳",
    "最美",
    "最强",
    "最受",
    "最有",
    "百强",
    "十强",
    "十佳",
    "五十强",
];

/// Head nouns that, right after a quote, make it the name of a programme, a strategy, a
/// standard or a mechanism: “强省会”战略, “精致城管”标准, “民呼我应”工作机制. Also the heads
/// that end a numeral name without quotes (十大工程).
const HEAD_NOUNS: &[&str] = &[
    "战略",
    "工程",
    "行动",
    "计划",
    "体系",
    "机制",
    "标准",
    "模式",
    "思路",
    "定位",
    "目标",
    "工作",
    "建设",
    "改革",
    "事项",
    "措施",
    "政策",
    "举措",
    "专项",
    "试点",
    "升级版",
    "理念",
    "布局",
    "格局",
    "制度",
    "清单",
    "方案",
    "要求",
    "导向",
    "任务",
    "部署",
    "路径",
    "活动",
    "攻坚战",
    "战役",
];

/// Verbs that, right before a quote, take a programme as their object: 打造“重要窗口”,
/// 推行“龙港码”, 实施“强省会”战略. They also end the qualifier of an unquoted name
/// (实施|幸福美好生活十大工程).
const VERBS: &[&str] = &[
    "实施", "推行", "推进", "打造", "践行", "落实", "深化", "开展", "按照", "围绕", "聚焦", "加强",
    "坚持", "制定", "贯彻", "执行", "启动", "推广", "打响", "实行", "推动", "锚定", "聚力", "做实",
    "抓好", "实现", "建强",
];

/// Characters that, right after an unquoted numeral name, show where it ends: 六大强农|等.
const FUNCTION_CHARS: &str = "的和与及等在为是了都也已将要或并以对向从到把被让使由所其这那各每中上";

/// Last words of figures of speech that government text puts in quotes: models and speeds
/// (“武昌样板”, “安居速度”), stars and dreams (“成渝之星”, “大学梦”), and the stock metaphors of
/// exams, battles, vanguards and machines (答卷, 硬仗, 排头兵, 加速键, 压舱石, 牛鼻子), and the
/// manner suffix 式 (“一站式”, “保姆式”: a description of how, not a programme).
const FIGURATIVE: &[&str] = &[
    "样板",
    "样本",
    "速度",
    "之星",
    "之城",
    "之窗",
    "之光",
    "梦",
    "名片",
    "标杆",
    "高地",
    "答卷",
    "成绩单",
    "大考",
    "硬仗",
    "日子",
    "鼻子",
    "骨头",
    "排头兵",
    "领头雁",
    "主力军",
    "生力军",
    "加速键",
    "快车道",
    "大动脉",
    "压舱石",
    "稳定器",
    "试金石",
    "金钥匙",
    "硬核",
    "盆景",
    "风向标",
    "参照系",
    "晴雨表",
    "助推器",
    "桥头堡",
    "式",
];

/// Last characters of names of events and prizes in quotes (“金山杯”).
const NAME_ENDS: &str = "杯节奖赛";

/// Words right after a quote that make it a name: a brand, a title, a prize, a website. 品牌 and
/// 商标 do anywhere in the few characters after it (“金山如画”文旅品牌).
const NAME_AFTER: &[&str] = &[
    "品牌",
    "商标",
    "称号",
    "荣誉",
    "认证",
    "奖",
    "榜",
    "杯",
    "网站",
    "公众号",
    "小程序",
    "APP",
    "台风",
];

/// Words before a quote that make it a name (台风“利奇马”).
const NAME_BEFORE: &[&str] = &["台风", "网站", "公众号", "品牌", "商标", "称号"];

/// National phrases the audit's reader knows: a reader of Chinese government text from any
/// province has met them in central documents and national news, so a local glossary need not
/// explain them. Folded as terms are (simplified, no quotes or spaces).
const NATIONAL: &[&str] = &[
    // Five-year plans.
    "十一五",
    "十二五",
    "十三五",
    "十四五",
    "十五五",
    // The Party's political formulas, repeated in every report.
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "四个全面",
    "五位一体",
    "两个一百年",
    "三个代表",
    "八项规定",
    "四风",
    "两学一做",
    "三严三实",
    "两个务必",
    "两个毫不动摇",
    "一国两制",
    "两个大局",
    "两个结合",
    "以经济建设为中心",
    // Central economic and reform policy.
    "六稳",
    "六保",
    "放管服",
    "三去一降一补",
    "三大攻坚战",
    "一带一路",
    "双循环",
    "双碳",
    "新基建",
    "两新",
    "两重",
    "专精特新",
    "小巨人",
    "两化融合",
    "四化同步",
    "证照分离",
    "多证合一",
    "双创",
    "双一流",
    "三区三线",
    "河长制",
    "林长制",
    "菜篮子",
    "米袋子",
    // Rural policy and poverty relief.
    "三农",
    "大食物观",
    "两不愁三保障",
    "四个不摘",
    "六个精准",
    "雨露计划",
    "三权分置",
    "厕所革命",
    // Social policy.
    "双减",
    "一老一小",
    "一小一老",
    // National campaigns.
    "扫黑除恶",
    "扫黄打非",
    "不忘初心牢记使命",
];

/// Whether a folded expression is one of the [`NATIONAL`] phrases.
fn is_national(key: &str) -> bool {
    NATIONAL.contains(&key)
}

/// The terms a text explains itself: the headwords of its glossary, as
/// [`extract`](crate::extract::extract) reads it, and of `term：definition` lines, with the
/// quoted parts of those headwords and of the extracted definitions; all folded as terms are.
struct OwnGlossary {
    terms: HashSet<String>,
}

impl OwnGlossary {
    fn of(text: &str) -> OwnGlossary {
        let mut terms = HashSet::new();
        let mut add = |s: &str| {
            let key = fold_term(s, &FoldOptions::default());
            if key.chars().count() >= 2 {
                terms.insert(key);
            }
        };
        for entry in &crate::extract::defined_terms(text) {
            for form in entry.surface_forms() {
                add(form);
                quoted_parts(form, &mut add);
            }
            // A definition longer than any real one is text the section ran on into (a glossary
            // section runs to the next heading or the end of the text): its quotes are not parts
            // of a definition.
            if entry.definition.chars().count() <= DEFINITION_MAX {
                quoted_parts(&entry.definition, &mut add);
            }
        }
        for line in text.lines() {
            if let Some((term, definition)) = definition_line(line) {
                add(term);
                quoted_parts(term, &mut add);
                quoted_parts(definition, &mut add);
            }
        }
        OwnGlossary { terms }
    }

    fn defines(&self, key: &str) -> bool {
        self.terms.contains(key)
    }
}

/// The most characters of a definition whose quoted parts count as explained by it.
const DEFINITION_MAX: usize = 400;

/// Calls `f` with the content of every short quotation in `s`.
fn quoted_parts(s: &str, f: &mut impl FnMut(&str)) {
    let mut rest = s;
    while let Some((i, open)) = rest
        .char_indices()
        .find(|&(_, c)| QUOTE_PAIRS.iter().any(|&(o, _)| o == c))
    {
        let close = QUOTE_PAIRS
            .iter()
            .find(|&&(o, _)| o == open)
            .map_or(open, |&(_, c)| c);
        let inner = rest.get(i + open.len_utf8()..).unwrap_or_default();
        match inner
            .char_indices()
            .take(QUOTE_SCAN)
            .find(|&(_, c)| c == close)
        {
            Some((j, _)) => {
                f(inner.get(..j).unwrap_or_default());
                rest = inner.get(j + close.len_utf8()..).unwrap_or_default();
            }
            None => rest = inner,
        }
    }
}

/// The most characters of a headword on a `term：definition` line.
const HEADWORD_MAX: usize = 16;

/// The headword and definition of a line that defines a term: an optional enumerator (1. 1、
/// （1） 一、), a short term, a colon, a definition: `3.瞪羚企业:创业后跨过死亡谷…`,
/// `“十个一”:指…`. A line of running text with a colon (主要指标：…) has no enumerator, no
/// quoted term and no 指/即 after the colon: its headword is kept, its definition is not.
fn definition_line(line: &str) -> Option<(&str, &str)> {
    let mut s = line.trim_start();
    let whole = s.len();
    // The enumerator.
    let digits = s.chars().take_while(|&c| is_numeral(c)).count();
    if let Some(bracket) = s.strip_prefix(['(', '（']) {
        let n = bracket.chars().take_while(|&c| is_numeral(c)).count();
        let after: String = bracket.chars().skip(n).take(1).collect();
        if n > 0 && (after == ")" || after == "）") {
            s = bracket
                .char_indices()
                .nth(n + 1)
                .and_then(|(o, _)| bracket.get(o..))
                .unwrap_or_default();
        }
    } else if digits > 0 && digits <= 3 {
        let after = s.chars().nth(digits);
        if after.is_some_and(|c| ".．、".contains(c)) {
            s = s
                .char_indices()
                .nth(digits + 1)
                .and_then(|(o, _)| s.get(o..))
                .unwrap_or_default();
        }
    }
    let (colon, _) = s
        .char_indices()
        .take(HEADWORD_MAX + 8)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let term = s.get(..colon)?.trim();
    let definition = s.get(colon..)?.trim_start_matches([':', '：']).trim();
    let visible = term
        .chars()
        .filter(|&c| !is_space(c) && !is_quote(c))
        .count();
    let plain = term
        .chars()
        .all(|c| is_cjk(c) || c.is_ascii_alphanumeric() || is_space(c) || is_quote(c) || c == '+');
    let clause_end = ["是", "为", "有", "如下", "包括", "指"]
        .iter()
        .any(|w| term.ends_with(w));
    if !(2..=HEADWORD_MAX).contains(&visible) || !plain || clause_end || definition.is_empty() {
        return None;
    }
    let numbered = s.len() < whole;
    let glossary_like = numbered
        || term.chars().any(is_quote)
        || ["指", "是指", "即"]
            .iter()
            .any(|w| definition.starts_with(w));
    Some((term, if glossary_like { definition } else { "" }))
}

fn is_quote(c: char) -> bool {
    fold_char(c, &FoldOptions::default()) == Fold::Quote
}

// ---------------------------------------------------------------------------------------------
// The scanner.

/// A slogan-shaped span of the text, quote marks excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Candidate {
    span: Range<usize>,
    kind: Kind,
    /// For a quoted span, the byte range of the quotation, quote marks included.
    quote: Option<Range<usize>>,
    /// The shape the scanner saw, for [`Finding::why`].
    why: &'static str,
    /// Where the numeral part starts: after the qualifier of 幸福美好生活十大工程, at the opening
    /// quote of a quotation, at the start otherwise.
    numeral_at: usize,
}

/// Quote pairs whose content may be a coinage. The apostrophe is left out: in mixed text it is
/// far more often an apostrophe than a quote.
const QUOTE_PAIRS: &[(char, char)] = &[
    ('\u{201C}', '\u{201D}'), // “ ”
    ('\u{2018}', '\u{2019}'), // ‘ ’
    ('\u{300C}', '\u{300D}'), // 「 」
    ('\u{300E}', '\u{300F}'), // 『 』
    ('\u{301D}', '\u{301E}'), // 〝 〞
    ('"', '"'),
    ('\u{FF02}', '\u{FF02}'), // ＂
];

/// A quote is looked at only if it closes within this many characters: far beyond any coinage,
/// and it keeps a stray opening quote from swallowing the rest of the text.
const QUOTE_SCAN: usize = 40;

/// Content lengths, in visible characters, of a quoted coinage. Longer quotes are speech.
const QUOTED_MIN: usize = 2;
const QUOTED_MAX: usize = 10;

/// Characters that, right after a numeral, make a count, a date or an ordinal rather than a part
/// of a slogan: 六届人大四次, 十九届二中, 百岳特二期, 一是. (位 and 直 are missing on purpose:
/// 五位一体 and 四不两直 are slogans.)
const MEASURE_WORDS: &str = "届次年月日号时点分秒个项家名人条件所张套户亩元万亿倍成批轮期座场\
只支类种级层步天周岁米吨斤公里部篇份本句段节章处块片台辆架艘股笔根株棵头匹间栋幢楼些是般\
切致样起定旦中";

/// Words made with a numeral that look like a slogan's first part: 长三角一体化 is a region and
/// an integration, not 三角一体.
const NUMERAL_WORDS: &[&str] = &["三角", "一体化"];

/// Numeral idioms with the two-part shape of a slogan. They are words, not lists.
const IDIOMS: &[&str] = &[
    "千方百计",
    "千家万户",
    "千军万马",
    "千言万语",
    "千辛万苦",
    "千变万化",
    "千丝万缕",
    "千头万绪",
    "千差万别",
    "千山万水",
    "千锤百炼",
    "百发百中",
    "百战百胜",
    "一心一意",
    "一草一木",
    "一举一动",
    "一言一行",
    "一朝一夕",
    "一点一滴",
    "一生一世",
    "一模一样",
    "一板一眼",
    "一针一线",
    "一丝一毫",
    "一五一十",
    "一唱一和",
    "一张一弛",
    "一来一往",
    "一问一答",
    "一心二用",
    "一清二楚",
    "一干二净",
    "一穷二白",
    "三心二意",
    "三番五次",
    "三令五申",
    "三三两两",
    "三五成群",
    "四面八方",
    "四通八达",
    "五湖四海",
    "五花八门",
    "五颜六色",
    "六神无主",
    "七上八下",
    "七嘴八舌",
    "七手八脚",
    "七零八落",
    "七拼八凑",
    "乱七八糟",
    "九死一生",
    "九牛一毛",
    "十全十美",
    "十拿九稳",
    "一石二鸟",
    "一箭双雕",
    "一日千里",
    "一落千丈",
    "一劳永逸",
    "三长两短",
    "两全其美",
    "一波三折",
    "一步一个",
    "一年一度",
];

/// The most parts an unquoted slogan has (一街一园一平…, 1+4+4+8): more is a list, or noise.
const MAX_PARTS: usize = 8;

/// The most digits in each number of a `+` slogan (1+4+4+8).
const MAX_DIGITS: usize = 8;

/// Two-character units that make an Arabic number a quantity, not a name.
const QUANTITY_UNITS: &[&str] = &[
    "小时", "分钟", "公里", "周年", "周岁", "平方", "千米", "公斤",
];

/// Units of time: a quoted number followed by one is a date (“2019 年”), not a name.
const TIME_UNITS: &str = "年月日号时点分秒";

const fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '双'
    )
}

/// One bit for each character of the Basic Multilingual Plane that is a numeral (Chinese,
/// ASCII or full-width): every character of a text is tested, and a bit is one load where the
/// comparisons of a `match` mispredict.
// `cp / 64` is below 1024, the table's length.
#[allow(clippy::indexing_slicing)]
static NUMERALS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut cp = 0u32;
    while cp < 0x1_0000 {
        if let Some(c) = char::from_u32(cp)
            && (is_cn_numeral(c) || c.is_ascii_digit() || matches!(c, '０'..='９'))
        {
            bits[(cp / 64) as usize] |= 1 << (cp % 64);
        }
        cp += 1;
    }
    bits
};

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    let cp = c as u32;
    NUMERALS
        .get((cp / 64) as usize)
        .is_some_and(|word| word >> (cp % 64) & 1 == 1)
}

/// The character as matching compares it (full-width ASCII as ASCII, traditional as simplified).
fn folded(c: char) -> char {
    match fold_char(c, &FoldOptions::default()) {
        Fold::Map(m) => m,
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    fold_char(c, &FoldOptions::default()) == Fold::Space
}

/// A Chinese character (CJK unified ideographs, extension A, compatibility ideographs and the
/// supplementary planes where the later extensions live).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A Chinese character that is not a numeral: the "words" between the numerals of a slogan.
fn is_word_char(c: char) -> bool {
    is_cjk(c) && !is_cn_numeral(c)
}

/// The text is scanned this many characters at a time, so the scanner holds a bounded piece.
const SCAN_CHUNK: usize = 1 << 16;

/// The furthest past a candidate's first character that any rule reads (a quote closes within
/// [`QUOTE_SCAN`]; the unquoted shapes are bounded by [`MAX_PARTS`] and [`MAX_DIGITS`]): each
/// chunk is scanned with this many characters of the next one after it.
const SCAN_AHEAD: usize = 128;

/// Calls `each` with every slogan-shaped span of the text, in text order, without overlaps.
///
/// The text is decoded a chunk at a time, with one character before it (the rules look at the
/// character before a numeral) and [`SCAN_AHEAD`] after it, and the rules run on the positions
/// of the chunk; the quote scan goes on from where the last chunk's left it, so the spans are
/// exactly those of one scan of the whole text, in memory that does not grow with it.
fn candidates(text: &str, mut each: impl FnMut(Candidate)) {
    // No more than the text has characters (it has at most as many as bytes).
    let mut chars: Vec<(usize, char)> =
        Vec::with_capacity((SCAN_CHUNK + SCAN_AHEAD + 1).min(text.len() + 1));
    // Byte offsets: where the current chunk starts, and where the last candidate kept ends.
    let mut start = 0;
    let mut kept_end = 0;
    // Where the quote scan goes on, as a byte offset.
    let mut quote_at = 0;
    let mut found = Vec::new();
    while start < text.len() {
        chars.clear();
        // One character before the chunk, the chunk, and the look-ahead.
        let before = text
            .get(..start)
            .and_then(|t| t.char_indices().next_back())
            .filter(|_| start > 0)
            .map(|(o, c)| (o, folded(c)));
        chars.extend(before);
        let first = chars.len();
        let tail = text.get(start..).unwrap_or_default();
        // The rules read characters folded (traditional as simplified, full-width as ASCII), so
        // 兩區一堡 and 十九屆二中 are read as 两区一堡 and 十九届二中; offsets index the text.
        for (i, c) in tail.char_indices().take(SCAN_CHUNK + SCAN_AHEAD) {
            chars.push((start + i, folded(c)));
        }
        let last = (first + SCAN_CHUNK).min(chars.len());
        let next = chars.get(last).map_or(text.len(), |&(o, _)| o);
        found.clear();
        let from = chars.partition_point(|&(o, _)| o < quote_at).max(first);
        quote_at = quoted(text, &chars, from, last, &mut found);
        unquoted(text, &chars, first, last, &mut found);
        // Rules can fire on the same place (一村一品 in quotes is also the two-part shape); the
        // earlier-starting, then longer, span wins, as in the annotator.
        found.sort_by_key(|c: &Candidate| (c.span.start, std::cmp::Reverse(c.span.end)));
        for c in found.drain(..) {
            if kept_end <= c.span.start {
                kept_end = c.span.end;
                each(c);
            }
        }
        start = next;
    }
}

/// The byte offset where char `i` starts, or the end of the text.
fn offset(text: &str, chars: &[(usize, char)], i: usize) -> usize {
    chars.get(i).map_or(text.len(), |&(o, _)| o)
}

fn char_at(chars: &[(usize, char)], i: usize) -> Option<char> {
    chars.get(i).map(|&(_, c)| c)
}

/// Slogans in quotes: the content of every short quote opening at chars `from..to`, classified,
/// pushed on `out`. Returns the byte offset where the scan goes on (past the last quote read).
fn quoted(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    to: usize,
    out: &mut Vec<Candidate>,
) -> usize {
    let mut i = from;
    while let Some(c) = char_at(chars, i).filter(|_| i < to) {
        // Every character is tested: most are ideographs, which no quote is.
        let maybe_quote = !('\u{3400}'..='\u{9FFF}').contains(&c);
        let Some(&(open, close)) = QUOTE_PAIRS.iter().find(|(o, _)| maybe_quote && *o == c) else {
            i += 1;
            continue;
        };
        // The closing quote, unless the text opens another quote of the same kind first (then
        // this one was stray) or goes on too long.
        let mut j = i + 1;
        let end = loop {
            match char_at(chars, j) {
                Some(d) if d == close => break Some(j),
                Some(d) if d == open || j > i + QUOTE_SCAN => break None,
                Some(_) => j += 1,
                None => break None,
            }
        };
        let Some(end) = end else {
            i += 1;
            continue;
        };
        // The content, without the whitespace at its ends.
        let mut a = i + 1;
        let mut b = end;
        while a < b && char_at(chars, a).is_some_and(is_space) {
            a += 1;
        }
        while a < b && char_at(chars, b - 1).is_some_and(is_space) {
            b -= 1;
        }
        let content: Vec<char> = chars
            .get(a..b)
            .unwrap_or_default()
            .iter()
            .map(|&(_, c)| folded(c))
            .filter(|&c| !is_space(c))
            .collect();
        if let Some(kind) = classify_quoted(&content) {
            out.push(Candidate {
                span: offset(text, chars, a)..offset(text, chars, b),
                kind,
                quote: Some(offset(text, chars, i)..offset(text, chars, end + 1)),
                numeral_at: offset(text, chars, i),
                why: match kind {
                    Kind::Numeric => WHY_QUOTED_NUMERAL,
                    _ => "quoted coinage",
                },
            });
        }
        i = end + 1;
    }
    offset(text, chars, i)
}

/// The kind of slogan a quote's content (folded, without whitespace) is, if any.
fn classify_quoted(content: &[char]) -> Option<Kind> {
    if content.len() < QUOTED_MIN || content.len() > QUOTED_MAX {
        return None;
    }
    // Coinages are made of Chinese characters, letters and digits, sometimes joined by + or a
    // dash (“互联网+护理服务”, “美丽乡村—幸福家园”); anything else (commas, full stops, a decimal
    // point, %) makes ordinary speech or a quantity.
    let allowed = |c: char| {
        is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '—' | '-' | '·' | '、')
    };
    if !content.iter().all(|&c| allowed(c)) {
        return None;
    }
    let &first = content.first()?;
    let lead = content.iter().take_while(|&&c| is_numeral(c)).count();
    if lead > 0 {
        if content.get(lead).is_some_and(|&c| TIME_UNITS.contains(c)) {
            return None; // “2019 年”: a date.
        }
        // “24小时自助服务区”, “15分钟生活圈”: an Arabic number of a unit is a quantity.
        let unit: String = content.iter().skip(lead).take(2).collect();
        if first.is_ascii_digit() && QUANTITY_UNITS.contains(&unit.as_str()) {
            return None;
        }
        // A lone leading 一 means unified or single (“一网统管”, “一站式”) unless the shape goes
        // on counting: another numeral (“一村一品”), or 一个/一大 (“一个中心”).
        let counts = first != '一'
            || lead > 1
            || content.get(1).is_some_and(|&c| c == '个' || c == '大')
            || content.iter().skip(1).any(|&c| is_numeral(c));
        if counts {
            return Some(Kind::Numeric);
        }
    }
    // A quoted coinage: Chinese, and without a list inside (a 、 makes an enumeration, quoted
    // speech, not a coinage: “美环境、种风景、植文化”).
    let cjk = content.iter().filter(|&&c| is_cjk(c)).count();
    if cjk < 2
        || content.contains(&'、')
        || (first == '第' && content.get(1).is_some_and(|&c| is_numeral(c)))
    {
        return None;
    }
    Some(Kind::Quoted)
}

/// Slogans without quotes starting at chars `from..to`: the two-part shape, NUM大/NUM化, 1+4+4
/// and headings, pushed on `out`.
fn unquoted(text: &str, chars: &[(usize, char)], from: usize, to: usize, out: &mut Vec<Candidate>) {
    for i in from..to {
        let Some(c) = char_at(chars, i) else { break };
        // Most characters start no slogan: only numerals do.
        if !is_numeral(c) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| char_at(chars, p));
        // A numeral that continues a number (十九 from 九) or an ordinal (第三) starts nothing.
        if prev.is_some_and(|p| {
            is_numeral(p) || p == '第' || p == '+' || folded(p).is_ascii_alphanumeric()
        }) {
            continue;
        }
        let at = offset(text, chars, i);
        if let Some(len) = heading(text, chars, i) {
            out.push(Candidate {
                span: at..offset(text, chars, i + len),
                kind: Kind::Heading,
                quote: None,
                why: "slogan-shaped line of its own",
                numeral_at: at,
            });
        }
        let found = if is_digit(c) {
            plus_numbers(chars, i).map(|len| (at, len, "Arabic numbers joined by +"))
        } else if is_cn_numeral(c) {
            two_parts(chars, i)
                .map(|len| (at, len, "numeral + word, repeated (两区一堡 shape)"))
                .or_else(|| {
                    let (len, head) = big_or_ization(chars, i)?;
                    // A programme's name (幸福美好生活十大工程) starts before its numeral.
                    let start = if head { name_start(text, at)? } else { at };
                    Some((start, len, "numeral + 大/化 + a whole name"))
                })
        } else {
            None
        };
        if let Some((start, len, why)) = found {
            out.push(Candidate {
                span: start..offset(text, chars, i + len),
                kind: Kind::Numeric,
                quote: None,
                why,
                numeral_at: at,
            });
        }
    }
}

/// The length in chars of a heading starting at char `i`: a line of its own (after an optional
/// enumerator such as 一、 or （三）), of 3 to [`HEADING_CHARS`] Chinese characters, that would be a
/// numeric slogan in quotes: 五绿润城, 百千工程, 四个城市.
fn heading(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
    if !line_start_before(text, offset(text, chars, i)) {
        return None;
    }
    let mut content = Vec::new();
    let mut k = i;
    while let Some(c) = char_at(chars, k) {
        if c == '\n' || c == '\r' {
            break;
        }
        if !is_space(c) {
            if !is_cjk(c) || content.len() == HEADING_CHARS {
                return None;
            }
            content.push(folded(c));
        }
        k += 1;
        // A bounded read, within the scanner's look-ahead: spaces count too.
        if k - i > HEADING_CHARS + 16 {
            return None;
        }
    }
    // Trailing whitespace is not part of it.
    while k > i && char_at(chars, k - 1).is_some_and(is_space) {
        k -= 1;
    }
    // 三是…, 二期…, 三年…: an enumeration, an ordinal or a date opens the line, not a slogan.
    let lead = content.iter().take_while(|&&c| is_numeral(c)).count();
    let counts = content
        .get(lead)
        .is_some_and(|&c| !"是届次年月日号时点分秒期".contains(c));
    (content.len() >= 3 && counts && classify_quoted(&content) == Some(Kind::Numeric))
        .then_some(k - i)
}

/// The most characters of a heading slogan.
const HEADING_CHARS: usize = 10;

/// Whether byte `at` starts a line, after whitespace and an optional enumerator (一、 1. （三）).
fn line_start_before(text: &str, at: usize) -> bool {
    let mut back = text.get(..at).unwrap_or_default().chars().rev().peekable();
    let skip_spaces = |b: &mut std::iter::Peekable<std::iter::Rev<std::str::Chars<'_>>>| {
        let mut n = 0;
        while b.peek().is_some_and(|&c| c != '\n' && is_space(c)) && n < 8 {
            b.next();
            n += 1;
        }
    };
    skip_spaces(&mut back);
    if let Some(&p) = back.peek()
        && "、.．)）".contains(p)
    {
        back.next();
        let mut n = 0;
        while back.peek().is_some_and(|&c| is_numeral(c)) && n < 4 {
            back.next();
            n += 1;
        }
        if n == 0 {
            return false;
        }
        if ")）".contains(p) && !back.next().is_some_and(|c| c == '(' || c == '（') {
            return false;
        }
        skip_spaces(&mut back);
    }
    back.next().is_none_or(|c| c == '\n' || c == '\r')
}

/// Where a programme's name that ends in its numeral part starts: back from byte `at` over the
/// Chinese characters of its qualifier (幸福美好生活 before 十大工程), to a punctuation mark, a
/// 的, or a verb that opens the clause (实施, 推进…). Without such a start within
/// [`QUALIFIER_CHARS`] the start is a guess: `None`, and the name is left out rather than cut.
fn name_start(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at).unwrap_or_default();
    let back: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take(QUALIFIER_CHARS + 2)
        .collect();
    let mut start = at;
    for (k, &(o, c)) in back.iter().enumerate() {
        if !is_word_char(c) || c == '的' {
            return Some(start);
        }
        // The verb ending here: the two characters back[k+1], back[k].
        if let Some(&(_, v)) = back.get(k + 1) {
            let verb: String = [v, c].iter().collect();
            if VERBS.contains(&verb.as_str()) {
                return Some(start);
            }
        }
        if k == QUALIFIER_CHARS {
            return None;
        }
        start = o;
    }
    Some(start)
}

/// The most characters of a programme name's qualifier before its numeral.
const QUALIFIER_CHARS: usize = 8;

/// Numeral + 1-2 characters + numeral + as many characters, repeated: 两区一堡, 四不两直,
/// 一村一品. Returns the length in chars.
fn two_parts(chars: &[(usize, char)], i: usize) -> Option<usize> {
    // The leading number is one or two numerals (十三 in a 十三X十Y slogan); a longer run is an
    // enumeration (一二三产业).
    let lead = (i..i + 3)
        .take_while(|&k| char_at(chars, k).is_some_and(is_cn_numeral))
        .count();
    if lead == 0 || lead > 2 {
        return None;
    }
    let word = i + lead;
    if char_at(chars, word).is_some_and(|c| MEASURE_WORDS.contains(c)) {
        return None;
    }
    for width in 1..=2 {
        // A later part: one numeral and `width` characters, not a count (二期).
        let is_part = |at: usize| {
            char_at(chars, at).is_some_and(is_cn_numeral)
                && char_at(chars, at + 1).is_some_and(|c| !MEASURE_WORDS.contains(c))
                && (1..=width).all(|k| char_at(chars, at + k).is_some_and(is_word_char))
        };
        if !(0..width).all(|k| char_at(chars, word + k).is_some_and(is_word_char))
            || !is_part(word + width)
        {
            continue;
        }
        let mut end = word + width + 1 + width;
        // More parts of the same width: 一街一园一平 (the last part's width is a guess without
        // quotes, so the guess is the first part's width), up to a slogan's length.
        let mut parts = 2;
        while parts < MAX_PARTS && is_part(end) {
            end += 1 + width;
            parts += 1;
        }
        // Compared folded, so traditional text's idioms are idioms too (千方百計).
        let span: String = (i..end)
            .filter_map(|k| char_at(chars, k))
            .map(folded)
            .collect();
        let next: String = (i..end + 1)
            .filter_map(|k| char_at(chars, k))
            .map(folded)
            .collect();
        if IDIOMS.contains(&span.as_str())
            || NUMERAL_WORDS
                .iter()
                .any(|w| span.starts_with(w) || next.contains(w))
        {
            return None;
        }
        return Some(end - i);
    }
    None
}

/// A single numeral + 大 or 化 + a whole name: 六大强农, 三大经济区, 两化融合. Returns the length
/// in chars and whether the name ends in a programme's head noun (十大工程), whose qualifier comes
/// before the numeral. The name must end where the text shows it ends: at a head noun, or within
/// 2 to 4 characters at a punctuation mark or a function character (等 的 和…); 四大产业集群实现
/// has no such end, and is left out rather than cut. Not 十九大 (the numeral must stand alone),
/// not 一大 (一大批), not 大会.
fn big_or_ization(chars: &[(usize, char)], i: usize) -> Option<(usize, bool)> {
    let c = char_at(chars, i)?;
    if !"二两三四五六七八九十".contains(c) {
        return None;
    }
    let marker = char_at(chars, i + 1)?;
    if marker != '大' && marker != '化' {
        return None;
    }
    let next = char_at(chars, i + 2)?;
    if !is_word_char(next) || (marker == '大' && "会学型量于多概约家".contains(next)) {
        return None;
    }
    let word: String = (i + 2..i + 8)
        .map_while(|k| char_at(chars, k).filter(|&c| is_word_char(c)))
        .collect();
    if let Some(head) = HEAD_NOUNS.iter().find(|h| word.starts_with(*h)) {
        return Some((2 + head.chars().count(), true));
    }
    let n = word.chars().count();
    (2..=4usize.min(n))
        .find(|&k| {
            char_at(chars, i + 2 + k).is_none_or(|c| !is_word_char(c) || FUNCTION_CHARS.contains(c))
        })
        .map(|k| {
            let name: String = word.chars().take(k).collect();
            (2 + k, HEAD_NOUNS.iter().any(|h| name.ends_with(h)))
        })
}

/// Arabic numbers joined by `+`: 1+4+4+8, 1+7. Returns the length in chars.
fn plus_numbers(chars: &[(usize, char)], i: usize) -> Option<usize> {
    // A number longer than MAX_DIGITS, or more than MAX_PARTS of them, is no slogan, and
    // reading no further keeps the rule's reach bounded.
    let digits = |from: usize| {
        (from..from + MAX_DIGITS + 1)
            .take_while(|&k| char_at(chars, k).is_some_and(is_digit))
            .count()
    };
    let mut end = i + digits(i);
    let mut plus = 0;
    while plus + 1 < MAX_PARTS && char_at(chars, end).is_some_and(|c| folded(c) == '+') {
        let more = digits(end + 1);
        if more == 0 {
            break;
        }
        end += 1 + more;
        plus += 1;
    }
    let alnum_after = char_at(chars, end).is_some_and(|c| folded(c).is_ascii_alphanumeric());
    (plus > 0 && !alnum_after).then_some(end - i)
}

// ---------------------------------------------------------------------------------------------
// Sentences.

/// The sentences of a text, as byte ranges, for looking up the sentence around an offset.
struct Sentences<'t> {
    text: &'t str,
    bounds: Vec<Range<usize>>,
}

/// Punctuation that ends a sentence, or a clause that is complete enough to stand as one.
const SENTENCE_END: &str = "。！？!?；;…";

/// Opening quotes and brackets, which belong to the sentence after them.
const OPENERS: &[char] = &['“', '‘', '「', '『', '（', '(', '《'];

/// Punctuation after which a sentence clearly goes on.
const CLAUSE_END: &str = "，、：,:";

/// A piece of text at least this many characters long that ends without punctuation is a
/// sentence cut by a line break, not a heading.
const HEADING_MAX: usize = 24;

impl<'t> Sentences<'t> {
    /// Unicode sentence bounds (UAX #29), with the pieces that a PDF line break cut out of one
    /// sentence joined again: UAX #29 ends a sentence at every paragraph separator, and PDF
    /// extraction leaves one at the end of every printed line.
    fn new(text: &'t str) -> Sentences<'t> {
        let mut bounds: Vec<Range<usize>> = Vec::new();
        for (start, piece) in text.split_sentence_bound_indices() {
            let range = start..start + piece.len();
            match bounds.last_mut() {
                Some(last) if continues(text.get(last.clone()).unwrap_or_default()) => {
                    last.end = range.end
                }
                _ => bounds.push(range),
            }
        }
        // UAX #29 classes “ as Close, like ”, so 。“ ends a sentence with the opening quote of
        // the next one: give it back.
        for k in 1..bounds.len() {
            let (Some(prev), Some(next)) = (bounds.get(k - 1), bounds.get(k)) else {
                continue;
            };
            let piece = text.get(prev.clone()).unwrap_or_default();
            let kept = piece.trim_end_matches(OPENERS).len();
            if kept > 0 && kept < piece.len() {
                let moved = prev.start + kept;
                let next_end = next.end;
                if let Some(p) = bounds.get_mut(k - 1) {
                    p.end = moved;
                }
                if let Some(n) = bounds.get_mut(k) {
                    *n = moved..next_end;
                }
            }
        }
        Sentences { text, bounds }
    }
}

/// The most characters of its sentence a finding quotes on each side of its expression: enough
/// for nearly every sentence of a report, and a bound on what a finding copies when a text has
/// no sentence ends.
const SENTENCE_REACH: usize = 120;

/// Sentences are looked up this many bytes of the text at a time.
const SENTENCE_CHUNK: usize = 1 << 16;

/// Sets each finding's sentence (findings in text order): the sentence of its first use,
/// trimmed, line breaks removed, cut to [`SENTENCE_REACH`] characters on each side of the
/// expression with `…` where cut. Sentence bounds are worked out for a chunk of the text at a
/// time (with room for the reach on each side), so the work is linear in the text.
fn sentences_of(text: &str, findings: &mut [Finding]) {
    // Bytes enough for the reach in characters of up to 4 bytes.
    let margin = 4 * SENTENCE_REACH + 4;
    let mut rest = findings;
    while let Some(first) = rest.first() {
        let chunk = first.first.start / SENTENCE_CHUNK;
        let n = rest
            .iter()
            .take_while(|f| f.first.start / SENTENCE_CHUNK == chunk)
            .count();
        let (these, later) = rest.split_at_mut(n.max(1));
        let lo = floor_char_boundary(text, (chunk * SENTENCE_CHUNK).saturating_sub(margin));
        let last_end = these.iter().map(|f| f.first.end).max().unwrap_or(lo);
        let hi = ceil_char_boundary(text, last_end.saturating_add(margin));
        let window = text.get(lo..hi).unwrap_or_default();
        let sentences = Sentences::new(window);
        for f in these.iter_mut() {
            let span = f.first.start.saturating_sub(lo)..f.first.end.saturating_sub(lo);
            f.sentence = sentences.around(span);
        }
        rest = later;
    }
}

impl Sentences<'_> {
    /// The sentence holding the byte span `span` (an expression), cut to [`SENTENCE_REACH`]
    /// characters on each side of it.
    fn around(&self, span: Range<usize>) -> String {
        let i = self.bounds.partition_point(|r| r.end <= span.start);
        let Some(r) = self.bounds.get(i) else {
            return String::new();
        };
        let text = self.text;
        let before = text
            .get(r.start..span.start.max(r.start))
            .unwrap_or_default();
        let after = text.get(span.end.min(r.end)..r.end).unwrap_or_default();
        let expression = text
            .get(span.start.max(r.start)..span.end.min(r.end))
            .unwrap_or_default();
        let cut = |s: &str, from_end: bool| -> (String, bool) {
            let n = s.chars().count();
            if n <= SENTENCE_REACH {
                return (s.to_string(), false);
            }
            let kept: String = if from_end {
                s.chars().skip(n - SENTENCE_REACH).collect()
            } else {
                s.chars().take(SENTENCE_REACH).collect()
            };
            (kept, true)
        };
        let (before, cut_before) = cut(before, true);
        let (after, cut_after) = cut(after, false);
        let mut sentence = String::new();
        if cut_before {
            sentence.push('…');
        }
        sentence.push_str(&before);
        sentence.push_str(expression);
        sentence.push_str(&after);
        if cut_after {
            sentence.push('…');
        }
        join_lines(sentence.trim())
    }
}

/// Whether a piece of text ends mid-sentence: the next piece belongs to it.
fn continues(piece: &str) -> bool {
    let trimmed = piece.trim_end();
    // Only a piece cut at a line break; a sentence cut after its end punctuation is whole.
    if trimmed.len() == piece.len() || trimmed.is_empty() {
        return false;
    }
    let Some(last) = trimmed.chars().next_back() else {
        return false;
    };
    if SENTENCE_END.contains(last) || is_closing_after_end(trimmed) {
        return false;
    }
    CLAUSE_END.contains(last) || trimmed.trim_start().chars().count() >= HEADING_MAX
}

/// A sentence ending in a closing bracket or quote after end punctuation: “……。”
fn is_closing_after_end(trimmed: &str) -> bool {
    let mut rev = trimmed.chars().rev();
    matches!(rev.next(), Some('”' | '’' | '」' | '』' | '）' | ')'))
        && rev.next().is_some_and(|c| SENTENCE_END.contains(c))
}

/// Removes every whitespace run that holds a line break: in Chinese text these are layout, not
/// spaces between words.
fn join_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !run.contains(['\n', '\r']) {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Output.

/// Columns a character takes in a terminal: 2 for East Asian wide and full-width characters
/// (Chinese, full-width punctuation and ASCII), 0 for combining marks and invisible format
/// characters, 1 otherwise. Ambiguous-width characters (“ ”) count 1, as in most terminals
/// outside East Asian locales. The ranges are the wide blocks of Unicode's EastAsianWidth.txt
/// that Chinese text uses; that is all an audit table needs, so no width crate.
fn char_width(c: char) -> usize {
    match c {
        '\u{0300}'..='\u{036F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}' => 0,
        c if c.is_control() => 0,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1F64F}'
        | '\u{20000}'..='\u{3FFFD}' => 2,
        _ => 1,
    }
}

/// Display width of a string in terminal columns.
fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` followed by spaces up to `columns` display columns.
fn pad(s: &str, columns: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(s))));
    out
}

/// Characters of context the table shows on each side of the expression.
const CONTEXT: usize = 14;

/// The part of the sentence around the expression, with … where it was cut.
fn excerpt(f: &Finding) -> String {
    let chars: Vec<char> = f.sentence.chars().collect();
    let expr: Vec<char> = f.expression.chars().collect();
    // Find the expression in the sentence the way it was folded: quotes and spaces skipped.
    let hit = (0..chars.len()).find_map(|start| {
        let mut k = start;
        for &e in &expr {
            while chars.get(k).is_some_and(|&c| {
                matches!(
                    fold_char(c, &FoldOptions::default()),
                    Fold::Space | Fold::Quote
                )
            }) && k > start
            {
                k += 1;
            }
            if chars.get(k).map(|&c| folded(c)) != Some(e) {
                return None;
            }
            k += 1;
        }
        Some((start, k))
    });
    let (from, to) = match hit {
        Some((s, e)) => (s.saturating_sub(CONTEXT), (e + CONTEXT).min(chars.len())),
        None => (0, (2 * CONTEXT).min(chars.len())),
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(chars.get(from..to).unwrap_or_default());
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// The findings as a table for people: one row each, columns aligned in a terminal (Chinese
/// characters count two columns), the sentence shortened to the words around the expression, and
/// last why the finding was listed.
///
/// ```
/// use zhgloss::{Annotator, Glossary, audit};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let findings = audit::audit(&ann, "坚决做到“两个维护”。全面做好“三区”工作。统筹推进“一网统管”。");
/// assert_eq!(
///     audit::table(&findings),
///     "\
/// expression  kind     count  line  sentence              why
/// 三区        numeric      1     1  全面做好“三区”工作。  numeral compressing a list, in quotes
/// 一网统管    quoted       1     1  统筹推进“一网统管”。  quoted coinage after 推进
/// "
/// );
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn table(findings: &[Finding]) -> String {
    let header = ["expression", "kind", "count", "line", "sentence", "why"];
    let rows: Vec<[String; 6]> = findings
        .iter()
        .map(|f| {
            [
                f.expression.clone(),
                f.kind.to_string(),
                f.count.to_string(),
                f.line.to_string(),
                excerpt(f),
                f.why.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; 6]| {
        let [expression, kind, count, at, sentence, why] = cells;
        let [we, wk, wc, wl, ws, _] = widths;
        // Numbers align right, text left; the last column is not padded.
        out.push_str(&pad(expression, we));
        out.push_str("  ");
        out.push_str(&pad(kind, wk));
        out.push_str("  ");
        out.push_str(&" ".repeat(wc.saturating_sub(width(count))));
        out.push_str(count);
        out.push_str("  ");
        out.push_str(&" ".repeat(wl.saturating_sub(width(at))));
        out.push_str(at);
        out.push_str("  ");
        out.push_str(&pad(sentence, ws));
        out.push_str("  ");
        out.push_str(why);
        out.push('\n');
    };
    line(header);
    for row in &rows {
        let [a, b, c, d, e, w] = row;
        line([a, b, c, d, e, w]);
    }
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    expression: &'a str,
    kind: Kind,
    why: &'a str,
    count: usize,
    start: usize,
    end: usize,
    line: usize,
    sentence: &'a str,
}

#[derive(Serialize)]
struct JsonAudit<'a> {
    findings: Vec<JsonFinding<'a>>,
}

/// The findings as one line of JSON for programs:
/// `{"findings": [{"expression", "kind", "why", "count", "start", "end", "line", "sentence"}]}`,
/// where `kind` is `"numeric"`, `"quoted"` or `"heading"`, `why` says why it was listed, `start` and `end` are the byte span of the first
/// occurrence (quote marks excluded) and `line` is 1-based. The object leaves room for more
/// fields (such as the document's name) without breaking readers.
///
/// ```
/// use zhgloss::{Annotator, Glossary, audit};
///
/// let ann = Annotator::new(&Glossary::builtin())?;
/// let findings = audit::audit(&ann, "以“四不两直”方式开展调研。");
/// assert_eq!(
///     audit::json(&findings),
///     r#"{"findings":[{"expression":"四不两直","kind":"numeric","why":"numeral compressing a list, in quotes","count":1,"start":6,"end":18,"line":1,"sentence":"以“四不两直”方式开展调研。"}]}"#
/// );
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn json(findings: &[Finding]) -> String {
    let doc = JsonAudit {
        findings: findings
            .iter()
            .map(|f| JsonFinding {
                expression: &f.expression,
                kind: f.kind,
                why: &f.why,
                count: f.count,
                start: f.first.start,
                end: f.first.end,
                line: f.line,
                sentence: &f.sentence,
            })
            .collect(),
    };
    // Strings, integers and a unit enum always serialise.
    #[allow(clippy::expect_used)]
    serde_json::to_string(&doc).expect("findings always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cn_numerals_are_the_list() {
        for c in '\u{3000}'..='\u{9FFF}' {
            assert_eq!(
                is_cn_numeral(c),
                "一二两三四五六七八九十百千双".contains(c),
                "{c}"
            );
        }
    }

    /// The expressions the scanner alone finds in `text`, with their kinds.
    fn scan(text: &str) -> Vec<(String, Kind)> {
        let mut found = Vec::new();
        candidates(text, |c| {
            if let Some(raw) = text.get(c.span) {
                found.push((fold_term(raw, &FoldOptions::default()), c.kind));
            }
        });
        found
    }

    /// The scanner a chunk at a time finds what one scan of the whole text finds: texts far
    /// longer than a chunk, with quotes and slogans across every chunk boundary.
    #[test]
    fn chunks_scan_as_one() {
        let unit =
            "按照“两区一堡”战略，“三区”“五地”和1+4+4+8，四大产业、一街一园一平。\n五绿润城\n“六稳";
        for pad in [0, 1, 2, 7] {
            let text = "的".repeat(pad) + &unit.repeat(3 * SCAN_CHUNK / unit.chars().count());
            let found = scan(&text);
            // Each copy of the unit is scanned alike, wherever the chunks cut it.
            let per_unit = scan(&(unit.to_string() + "。")).len();
            assert!(found.len() >= (text.chars().count() / unit.chars().count()) * (per_unit - 1));
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut whole = Vec::new();
            let mut at = quoted(&text, &chars, 0, chars.len(), &mut whole);
            assert_eq!(at, text.len());
            unquoted(&text, &chars, 0, chars.len(), &mut whole);
            whole.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
            let mut kept: Vec<(String, Kind)> = Vec::new();
            at = 0;
            for c in whole {
                if at <= c.span.start {
                    at = c.span.end;
                    kept.push((fold_term(&text[c.span], &FoldOptions::default()), c.kind));
                }
            }
            assert!(found == kept, "pad {pad}");
        }
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($expr:expr, $kind:ident)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, Kind)> = vec![$(($expr.to_string(), Kind::$kind)),*];
                assert_eq!(scan($text), want, "in {:?}", $text);
            }
        };
    }

    // Quoted numeric slogans.
    t!(
        quoted_short,
        "按照“两区一堡”战略定位和“三区”“五地”目标路径",
        [("两区一堡", Numeric), ("三区", Numeric), ("五地", Numeric)]
    );
    t!(
        quoted_ge,
        "增强“四个意识”、做到“两个维护”、“四大品牌”",
        [
            ("四个意识", Numeric),
            ("两个维护", Numeric),
            ("四大品牌", Numeric)
        ]
    );
    t!(
        quoted_arabic,
        "促进实体经济高质量发展“40 条”、民营经济“２７条”",
        [("40条", Numeric), ("27条", Numeric)]
    );
    t!(
        quoted_spaces_and_breaks,
        "“ 六\n稳 ”工作",
        [("六稳", Numeric)]
    );
    t!(
        quoted_one_repeated,
        "“一村一品”示范村，“一件事一次办”",
        [("一村一品", Numeric), ("一件事一次办", Numeric)]
    );
    t!(
        quoted_one_alone_is_quoted,
        "“一网统管”“一站式”“一票否决制”",
        [
            ("一网统管", Quoted),
            ("一站式", Quoted),
            ("一票否决制", Quoted)
        ]
    );
    t!(quoted_five_year, "“十三五”规划", [("十三五", Numeric)]);
    t!(
        quoted_other_marks,
        "「六稳」『六保』＂双减＂",
        [("六稳", Numeric), ("六保", Numeric), ("双减", Numeric)]
    );

    // Quoted coinages.
    t!(coinage, "统筹推进“氢源碳谷”建设", [("氢源碳谷", Quoted)]);
    t!(
        coinage_with_plus,
        "深化“互联网+产业服务”",
        [("互联网+产业服务", Quoted)]
    );

    // Quotes that are not slogans.
    t!(speech_long, "他说“我们要把改革进行到底，决不回头”。", []);
    t!(
        speech_punct,
        "按照“守初心、担使命，找差距、抓落实”的总要求",
        []
    );
    t!(list_in_quotes, "做好“美环境、种风景、植文化”文章", []);
    t!(quoted_quantities, "“2019 年”“6.7%”“第三届”“3”", []);
    t!(
        stray_quote,
        "他说“没有结束。下一句“三区”",
        [("三区", Numeric)]
    );
    t!(title, "贯彻国家《优化营商环境条例》", []);

    // Unquoted numeric slogans.
    t!(
        unquoted_two_parts,
        "按照两区一堡战略定位，坚持四不两直",
        [("两区一堡", Numeric), ("四不两直", Numeric)]
    );
    t!(
        unquoted_big_whole,
        "推动六大强农等工作，建设三大经济区的枢纽，实施幸福美好生活十大工程项目，推进十大工程",
        [
            ("六大强农", Numeric),
            ("三大经济区", Numeric),
            ("幸福美好生活十大工程", Numeric),
            ("十大工程", Numeric)
        ]
    );
    // Where the name ends, or starts, is a guess: nothing rather than a cut piece.
    t!(
        unquoted_big_cut,
        "四大产业集群实现产值 950 亿元，深化与两大化工基地合作，城乡融合发展创新引领十大工程",
        []
    );
    t!(
        unquoted_ization,
        "深入推进两化融合。",
        [("两化融合", Numeric)]
    );
    // The five-year plans are national phrases; without quotes no rule looks for them.
    t!(unquoted_five_year, "十四五时期，十三五规划", []);

    // Headings.
    t!(
        headings,
        "四个城市\n国家中心城市。\n  （三）五绿润城  \n一、百千工程\n",
        [
            ("四个城市", Heading),
            ("五绿润城", Heading),
            ("百千工程", Heading)
        ]
    );
    t!(
        not_headings,
        "一、2020年主要工作回顾\n第五次会议上\n三是加快发展\n四个城市建设取得新进展，成效明显\n",
        []
    );
    t!(
        unquoted_plus,
        "聚焦1+4+4+8新型产业体系，“1+7”政策",
        [("1+4+4+8", Numeric), ("1+7", Numeric)]
    );

    // Quantities, ordinals, words and idioms.
    t!(dates, "2019 年 1 月 8 日，2020年", []);
    t!(
        percent_units,
        "增长 6.7%，浓度 37 微克/立方米，建设 5G 基站不少于 500 个，1.6 万个",
        []
    );
    t!(
        ordinals,
        "第三届进口博览会，十九届二中、三中、四中全会，区六届人大四次会议，十一届市委八次全会",
        []
    );
    t!(
        counts,
        "新增 3 个项目，三年行动计划，八个方面工作，两县脱贫，四项重点措施",
        []
    );
    t!(
        not_parts,
        "加快奥来德、百岳特二期等项目，形成长三角一体化发展，一直二",
        []
    );
    t!(
        parts_with_wei,
        "统筹推进五位一体总体布局",
        [("五位一体", Numeric)]
    );
    t!(
        words,
        "一是加快，二是深化，一批项目，一系列，一体化，统一，一般性支出，党的十九大，大会",
        []
    );
    t!(idioms, "千方百计抓好民生，一心一意，五湖四海，三番五次", []);
    t!(
        traditional,
        "千方百計穩生產，長三角一體化，十九屆二中全會，堅持兩區一堡，“兩拆一增”，四大強農等",
        [
            ("两区一堡", Numeric),
            ("两拆一增", Numeric),
            ("四大强农", Numeric)
        ]
    );
    t!(enumeration, "农村一二三产业融合发展", []);
    t!(plus_in_word, "互联网+护理 v1+2", []);

    #[test]
    fn lists_before_a_slogan() {
        let at = |t: &str| t.find('“').unwrap_or(t.len());
        let yes = [
            "生态提效、乡村提质、农民增收“三大行动”",
            "甲，防控和增长“双胜利”",
        ];
        for t in yes {
            let n = if t.contains('三') { 3 } else { 2 };
            assert!(enumerated_before(t, at(t), n), "{t}");
        }
        let no = [
            ("生态提效、乡村提质“三大行动”", 3),
            ("落实“两区”、打造“三区”、建设“三个金山”", 3),
            ("开展聚力“三服务”、“五战”", 5),
            ("全面做好“六稳”", 6),
        ];
        for (t, n) in no {
            let last = t.rfind('“').unwrap_or(t.len());
            assert!(!enumerated_before(t, last, n), "{t}");
        }
    }

    #[test]
    fn definitions_after_an_expression() {
        for t in [
            "“五个一批”（即谋划一批）",
            "“两重”指国家重大战略",
            "“1354”总体思路：一个定位",
            "“三老”问题，是指老人、老账",
            "“六大亮点”“六项做法”：产业升级",
        ] {
            let end = t.find('”').unwrap_or_default() + '”'.len_utf8();
            assert!(defined_after(t, end), "{t}");
        }
        for t in ["“三区”指导全区", "“三区”目标路径", "“三区”建设，推进"]
        {
            let end = t.find('”').unwrap_or_default() + '”'.len_utf8();
            assert!(!defined_after(t, end), "{t}");
        }
    }

    #[test]
    fn definition_lines() {
        assert_eq!(
            definition_line("3.瞪羚企业:创业后跨过死亡谷"),
            Some(("瞪羚企业", "创业后跨过死亡谷"))
        );
        assert_eq!(
            definition_line("“十个一”：指一位市领导“担任”链长"),
            Some(("“十个一”", "指一位市领导“担任”链长"))
        );
        // Running text with a colon keeps its headword, not its quotes.
        assert_eq!(
            definition_line("主要指标:增加值增长“2.5%”"),
            Some(("主要指标", ""))
        );
        for not in [
            "答:一年来",
            "总体思路是:深入学习",
            "各位代表",
            "一、强化高位拼搏,经济发展",
        ] {
            assert_eq!(definition_line(not), None, "{not}");
        }
    }

    #[test]
    fn parallel_parts() {
        assert!(is_parallel(&"同标同质同效".chars().collect::<Vec<_>>()));
        assert!(!is_parallel(&"有声有色".chars().collect::<Vec<_>>()));
        assert!(!is_parallel(&"民呼我应".chars().collect::<Vec<_>>()));
    }

    #[test]
    fn national_phrases_are_folded_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for p in NATIONAL {
            assert_eq!(fold_term(p, &FoldOptions::default()), *p);
            assert!(seen.insert(p), "{p} twice");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width("四个意识"), 8);
        assert_eq!(width("40条"), 4);
        assert_eq!(width("ＡＢ"), 4);
        assert_eq!(width("“a”"), 3);
        assert_eq!(pad("六稳", 6), "六稳  ");
    }

    #[test]
    fn sentences_join_pdf_breaks() {
        let text = "标题\n\n不断提高城市治理能力和治理水平，确保经济持续健康发展和社会大\n\n局稳定，为落实“两区一堡”而奋斗。下一句。";
        let s = Sentences::new(text);
        let at = text.find("两区").unwrap_or_default();
        assert_eq!(
            s.around(at..at + "两区一堡".len()),
            "不断提高城市治理能力和治理水平，确保经济持续健康发展和社会大局稳定，为落实“两区一堡”而奋斗。"
        );
        assert_eq!(s.around(0..3), "标题");
    }

    #[test]
    fn excerpt_is_centred() {
        let f = Finding {
            expression: "40条".into(),
            kind: Kind::Numeric,
            why: String::new(),
            count: 1,
            first: 0..0,
            line: 1,
            sentence: "一二三四五六七八九十一二三四五六七八九十出台“40 条”等文件一二三四五六七八九十一二三四五六七八九十".into(),
        };
        assert_eq!(
            excerpt(&f),
            "…十一二三四五六七八九十出台“40 条”等文件一二三四五六七八九十…"
        );
    }
}
