#!/usr/bin/env python3
"""score.py -- an independent scorer for the 项目支出绩效自评表.

    score.py [--actuals FILE.csv] SPEC|DIR...

Reads the projects of the .pg files given (a DIR stands for every *.pg below
it) and the year-end actuals in the CSV file, scores every project and
prints, on standard output,

    项目,总分,等级

one row per project, in the order the projects appear (files in sorted path
order).  Exit status 0, or 1 with a message on standard error when something
cannot be read or scored.

This is a second implementation, written from the domain notes
(shared/design/domain.md) and doc/language.md §5-§7 -- not from pgc's C
sources -- so that `tests/cli/eval-independent.sh` can compare the two.  It
reads the subset of the .pg language that bench/pggen.c writes (projects,
their 资金 block and the 一级/二级/指标 tree; other declarations are skipped)
and uses exact arithmetic throughout (fractions.Fraction), with the default
scheme 自评2020 built in:

  weights   the spec's 分值 when every indicator has one; else the actuals'
            分值 column when every indicator has one; else each 一级 weight
            (产出 50 -- 成本指标 at the first level shares it --, 效益 30,
            满意度 10) spread evenly to the cent, the first indicators in
            document order taking the leftover cents.  预算执行率 weighs 10,
            or the 分值 of the 全年执行数 row.
  rules     正向  A >= T -> w, else w*A/T   (>=, >, no operator, = with T > 0)
            等零  A <= 0 -> w, else 0       (= 0)
            反向  A <= T -> w; A < 2T -> w*(1-(A-T)/T); else 0   (<=, <)
            定性  w * band factor (达成 1, 部分达成 0.7, 未达成 0.3), or the
                  evaluator's 得分 when it lies in the band's range
                  (达成 80-100 %, 部分达成 60-80 %, 未达成 0-60 % of w)
            日期  A <= T -> w, else 0 (a month stands for its last day)
            执行率 w * min(全年执行数 / 全年预算数, 1)
  a negative actual counts as 0; a number actual is converted to the
  target's unit first; every score is clamped to [0, w] and rounded once to
  2 decimals, half up; the total is the sum of the rounded scores; grades
  优 >= 90, 良 >= 80, 中 >= 60, else 差.

Python 3 standard library only.
"""

import calendar
import csv
import datetime
import os
import re
import sys
from fractions import Fraction

# ----------------------------------------------------------------- scheme

LEVEL1_WEIGHT = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
# 成本指标 at the first level shares the 产出指标 weight (自评2020)
LEVEL1_POOL = {"产出指标": "产出指标", "成本指标": "产出指标",
               "效益指标": "效益指标", "满意度指标": "满意度指标"}
BUDGET_WEIGHT = Fraction(10)
BAND_FACTOR = (Fraction(1), Fraction(7, 10), Fraction(3, 10))
BAND_LOW = (Fraction(8, 10), Fraction(6, 10), Fraction(0))
GRADES = ((Fraction(90), "优"), (Fraction(80), "良"), (Fraction(60), "中"))
LOWEST_GRADE = "差"

# Qualitative scales (domain.md; the bands 达成 / 部分达成 / 未达成).  The
# rules below also cover words not listed: the target word itself is 达成,
# 基本 + the target word is 部分达成, anything else 未达成.
SCALES = [
    ({"稳定"}, {"基本稳定"}), ({"健全"}, {"基本健全"}), ({"有效"}, {"基本有效"}),
    ({"及时"}, {"基本及时"}), ({"可控"}, {"基本可控"}), ({"合理"}, {"基本合理"}),
    ({"规范"}, {"基本规范"}), ({"达标"}, {"基本达标"}), ({"完善"}, {"基本完善"}),
    ({"提高", "明显提高"}, {"有所提高"}), ({"降低", "明显降低"}, {"有所降低"}),
    ({"保障", "有保障"}, {"基本保障"}), ({"良好", "优良"}, {"较好"}),
    ({"满意"}, {"基本满意"}),
]
LEVELS = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "五级": 5}

# Units: name -> (dimension, factor to the dimension's base unit)
UNITS = {"%": ("比率", Fraction(1)), "百分比": ("比率", Fraction(1)),
         "元": ("金额", Fraction(1)), "万元": ("金额", Fraction(10000)),
         "亿元": ("金额", Fraction(100000000)),
         "天": ("天", Fraction(1)), "日": ("天", Fraction(1)),
         "工作日": ("工作日", Fraction(1)), "小时": ("小时", Fraction(1))}
for _u in ("个", "人", "人次", "位", "名", "项", "台", "套", "张", "次", "件",
           "户", "家", "份", "本", "册", "篇", "期", "批", "场", "所", "条",
           "辆", "座", "处", "间"):
    UNITS[_u] = (_u, Fraction(1))
    UNITS["万" + _u] = (_u, Fraction(10000))


class ScoreError(Exception):
    pass


# ----------------------------------------------------------------- values

FULLWIDTH = str.maketrans("０１２３４５６７８９％，．＝＞＜（）",
                          "0123456789%,.=><()")
NUM_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
DATE_RES = [
    (re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"), True),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), True),
    (re.compile(r"(\d{4})[-/](\d{1,2})"), False),
    (re.compile(r"(\d{4})年(\d{1,2})月"), False),
]
OPS = [(">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≤", "≤"), ("≧", "≥"), ("≦", "≤"),
       ("＞＝", "≥"), ("＜＝", "≤"), ("=", "="), ("＝", "="), (">", ">"),
       ("＞", ">"), ("<", "<"), ("＜", "<")]
ATTR_WORDS = ("分值", "得分", "偏差原因", "正向", "反向")


def number(text):
    return Fraction(text.replace(",", ""))


def match_date(s):
    """(date, rest) when s starts with a date; a month is its last day."""
    for rx, has_day in DATE_RES:
        m = rx.match(s)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            d = int(m.group(3)) if has_day else calendar.monthrange(y, mo)[1]
            return datetime.date(y, mo, d), s[m.end():]
    return None


def parse_value(s):
    """One value at the start of s -> (value, rest).  A value is
    ('num', Fraction, unit or None), ('date', date), ('word', text),
    ('level', n) or ('text', text)."""
    s = s.lstrip()
    if s.startswith('"'):
        out, i = [], 1
        while i < len(s) and s[i] != '"':
            if s[i] == "\\" and i + 1 < len(s):
                i += 1
            out.append(s[i])
            i += 1
        return ("text", "".join(out)), s[i + 1:]
    if s.startswith("“"):
        j = s.index("”")
        return ("text", s[1:j]), s[j + 1:]
    t = s.translate(FULLWIDTH)
    d = match_date(t)
    if d:
        return ("date", d[0]), d[1]
    m = NUM_RE.match(t)
    if m:
        val = number(m.group(0))
        rest = t[m.end():]
        r = rest.lstrip()
        if r.startswith("%"):
            return ("num", val, "%"), r[1:]
        u = re.match(r"[^\s,;#]+", r)
        if u and u.group(0) not in ATTR_WORDS:
            unit = u.group(0)
            if unit not in UNITS:
                raise ScoreError("unknown unit %r in %r" % (unit, s))
            return ("num", val, unit), r[u.end():]
        return ("num", val, None), rest
    m = re.match(r"\S+", s)
    word = m.group(0) if m else ""
    if word in LEVELS:
        return ("level", LEVELS[word]), s[m.end():]
    return ("word", word), s[m.end():] if m else ""


def parse_op(s):
    s = s.lstrip()
    for text, op in OPS:
        if s.startswith(text):
            return op, s[len(text):]
    return None, s


# ----------------------------------------------------------------- .pg reader

def strip_comment(line):
    """The line without a # comment (a # inside a string is kept)."""
    if "#" not in line:
        return line
    q = None
    for i, c in enumerate(line):
        if q:
            if q == '"' and c == "\\":
                continue
            if c == q:
                q = None
        elif c == '"':
            q = '"'
        elif c == "“":
            q = "”"
        elif c == "#":
            return line[:i]
    return line


class Indicator:
    __slots__ = ("name", "level1", "op", "target", "weight")


class Project:
    def __init__(self, name):
        self.name = name
        self.request = None          # 年度资金申请总额, in 元
        self.indicators = []


def unquote_name(s):
    s = s.strip()
    if s.startswith('"') or s.startswith("“"):
        return parse_value(s)[0][1]
    return s


def amount(v):
    """An amount value in 元."""
    if v[0] != "num":
        raise ScoreError("not an amount: %r" % (v,))
    unit = v[2] or "元"
    if UNITS.get(unit, ("",))[0] != "金额":
        raise ScoreError("not an amount unit: %r" % unit)
    return v[1] * UNITS[unit][1]


def read_pg(path, projects):
    stack = []                     # names of the open blocks
    proj = None
    with open(path, encoding="utf-8-sig") as f:
        for lineno, raw in enumerate(f, 1):
            line = strip_comment(raw).strip()
            if not line:
                continue
            where = "%s:%d" % (path, lineno)
            if line == "}" or line == "｝":
                if not stack:
                    raise ScoreError(where + ": unbalanced }")
                stack.pop()
                continue
            opens = line.endswith("{") or line.endswith("｛")
            if opens:
                head = line[:-1].strip()
                if not stack:
                    kw, _, name = head.partition(" ")
                    if kw == "项目":
                        proj = Project(unquote_name(name))
                        projects.append(proj)
                        stack.append("项目")
                    else:
                        stack.append(kw)   # another declaration: skipped
                        proj = None
                else:
                    stack.append(head)
                continue
            if not stack or stack[0] != "项目" or proj is None:
                continue
            if len(stack) == 2 and stack[1] == "资金":
                key, _, rest = line.partition(" ")
                if key == "年度资金申请总额":
                    proj.request = amount(parse_value(rest)[0])
                continue
            if line.startswith("指标 ") or line.startswith("指标\t"):
                if len(stack) < 2:
                    raise ScoreError(where + ": 指标 outside a 一级 block")
                rest = line[2:].lstrip()
                if rest.startswith('"') or rest.startswith("“"):
                    (_, name), rest = parse_value(rest)
                else:
                    name, _, rest = rest.partition(" ")
                ind = Indicator()
                ind.name = name
                ind.level1 = stack[1]
                ind.op, rest = parse_op(rest)
                ind.target, rest = parse_value(rest)
                ind.weight = None
                rest = rest.strip()
                while rest:
                    key, _, rest = rest.partition(" ")
                    rest = rest.strip()
                    if key == "分值":
                        (v, rest) = parse_value(rest)
                        ind.weight = v[1]
                        rest = rest.strip()
                    elif key in ("正向", "反向"):
                        raise ScoreError(where + ": 正向/反向 not supported")
                    else:
                        raise ScoreError(where + ": cannot read %r" % key)
                proj.indicators.append(ind)


def pg_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                found += [os.path.join(root, f) for f in files if f.endswith(".pg")]
            out += sorted(found)
        else:
            out.append(p)
    return out


# ----------------------------------------------------------------- actuals

HEADER = {"项目": "项目", "项目名称": "项目", "指标": "指标", "三级指标": "指标",
          "实际完成值": "实际", "分值": "分值", "得分": "得分",
          "偏差原因": "原因", "偏差说明": "原因", "偏差原因分析及改进措施": "原因"}
BUDGET_ROWS = ("全年预算数", "全年执行数", "年初预算数")


def read_actuals(path):
    """{project: {indicator: (value cell, 分值 cell, 得分 cell)}}"""
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        sample = f.readline()
        f.seek(0)
        delim = "\t" if "\t" in sample and "," not in sample else ","
        rd = csv.reader(f, delimiter=delim)
        head = next(rd)
        col = {}
        for i, h in enumerate(head):
            k = HEADER.get(h.strip())
            if k and k not in col:
                col[k] = i
        for need in ("项目", "指标", "实际"):
            if need not in col:
                raise ScoreError("%s: no %s column" % (path, need))

        def cell(row, k):
            i = col.get(k)
            return row[i].strip() if i is not None and i < len(row) else ""

        for n, row in enumerate(rd, 2):
            if not any(c.strip() for c in row):
                continue
            p, ind = cell(row, "项目"), cell(row, "指标")
            rows = out.setdefault(p, {})
            if ind in rows:
                raise ScoreError("%s:%d: %s / %s given twice" % (path, n, p, ind))
            rows[ind] = (cell(row, "实际"), cell(row, "分值"), cell(row, "得分"))
    return out


def read_cell(text):
    v, rest = parse_value(text)
    if rest.strip() and v[0] != "word":
        raise ScoreError("cannot read the value %r" % text)
    if v[0] == "word":
        v = ("word", text.strip())        # a phrase: the whole cell
    return v


# ----------------------------------------------------------------- scoring

def round2(x):
    """x >= 0 rounded to 2 decimals, half up, as a Fraction."""
    n = x * 100
    q = n.numerator // n.denominator
    if (n - q) * 2 >= 1:
        q += 1
    return Fraction(q, 100)


def clamp(x, w):
    return min(max(x, Fraction(0)), w)


def spread(total_cents, n):
    base, extra = divmod(total_cents, n)
    return [Fraction(base + (1 if i < extra else 0), 100) for i in range(n)]


def band_of(target, actual):
    """0 达成, 1 部分达成, 2 未达成."""
    if target[0] == "level":
        if actual[0] != "level":
            return band_of_phrase(actual)
        if actual[1] >= target[1]:
            return 0
        return 1 if actual[1] == target[1] - 1 else 2
    a = actual[1] if actual[0] in ("word", "text") else None
    if a is None:
        raise ScoreError("a qualitative actual that is not a word: %r" % (actual,))
    if target[0] == "word":
        t = target[1]
        if a == t:
            return 0
        for met, partial in SCALES:
            if t in met or t in partial:
                if a in met:
                    return 0
                if a in partial:
                    return 1
        if a == "基本" + t:
            return 1
    return band_of_phrase(actual)


def band_of_phrase(actual):
    a = str(actual[1])
    if a.startswith("达成"):
        return 0
    if a.startswith("部分达成"):
        return 1
    return 2


def convert(actual, target, what):
    """The actual number in the target's unit (negative -> 0)."""
    if actual[0] != "num":
        raise ScoreError("%s: a number target with actual %r" % (what, actual))
    a, au = actual[1], actual[2]
    tu = target[2]
    if au is not None and au != tu:
        da, fa = UNITS[au]
        dt, ft = UNITS[tu]
        if da != dt:
            raise ScoreError("%s: unit %s does not convert to %s" % (what, au, tu))
        a = a * fa / ft
    return max(a, Fraction(0))


def score_indicator(ind, w, cell, given_score):
    what = ind.name
    t, op = ind.target, ind.op
    a = read_cell(cell)
    if t[0] in ("word", "level", "text"):
        band = band_of(t, a)
        if given_score:
            s = Fraction(given_score.replace(",", ""))
            lo = BAND_LOW[band] * w
            hi = w if band == 0 else BAND_LOW[band - 1] * w
            if not (lo <= s <= hi):
                raise ScoreError("%s: 得分 %s outside its band" % (what, given_score))
            return round2(clamp(s, w))
        return round2(clamp(w * BAND_FACTOR[band], w))
    if t[0] == "date":
        if a[0] != "date":
            raise ScoreError("%s: a date target with actual %r" % (what, a))
        return round2(w) if a[1] <= t[1] else Fraction(0)
    if t[0] != "num":
        raise ScoreError("%s: cannot score target %r" % (what, t))
    T = t[1]
    A = convert(a, t, what)
    if op in ("≤", "<"):                         # 反向
        if A <= T:
            x = w
        elif A < 2 * T:
            x = w * (1 - (A - T) / T)
        else:
            x = Fraction(0)
    elif op == "=" and T == 0:                   # 等零
        x = w if A <= 0 else Fraction(0)
    else:                                        # 正向
        x = w if A >= T else w * A / T
    return round2(clamp(x, w))


def score_project(p, acts):
    if not acts:
        raise ScoreError("%s: no actuals" % p.name)
    inds = p.indicators
    if all(i.weight is not None for i in inds):
        weights = [i.weight for i in inds]
    elif all(acts.get(i.name, ("", "", ""))[1] for i in inds):
        weights = [Fraction(acts[i.name][1].replace(",", "")) for i in inds]
    else:
        weights = [None] * len(inds)
        pools = {}
        for k, i in enumerate(inds):
            pool = LEVEL1_POOL.get(i.level1)
            if pool is None:
                raise ScoreError("%s: unknown 一级 %s" % (p.name, i.level1))
            pools.setdefault(pool, []).append(k)
        for pool, ks in pools.items():
            for k, w in zip(ks, spread(LEVEL1_WEIGHT[pool] * 100, len(ks))):
                weights[k] = w
    total = Fraction(0)
    for i, w in zip(inds, weights):
        if i.name not in acts:
            raise ScoreError("%s: no actual for %s" % (p.name, i.name))
        cell, _, given = acts[i.name]
        total += score_indicator(i, w, cell, given)
    # 预算执行率
    if "全年执行数" not in acts:
        raise ScoreError("%s: no 全年执行数" % p.name)
    spent_cell, bw, _ = acts["全年执行数"]
    spent = amount(read_cell(spent_cell))
    if "全年预算数" in acts:
        budget = amount(read_cell(acts["全年预算数"][0]))
    else:
        budget = p.request
    if not budget:
        raise ScoreError("%s: no 全年预算数" % p.name)
    bw = Fraction(bw.replace(",", "")) if bw else BUDGET_WEIGHT
    spent = max(spent, Fraction(0))
    total += round2(clamp(bw * min(spent / budget, Fraction(1)), bw))
    grade = LOWEST_GRADE
    for bound, g in GRADES:
        if total >= bound:
            grade = g
            break
    return total, grade


def fmt2(x):
    cents = x * 100
    assert cents.denominator == 1
    c = cents.numerator
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


def main(argv):
    actuals = None
    paths = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-a", "--actuals") and i + 1 < len(argv):
            actuals = argv[i + 1]
            i += 2
            continue
        if a.startswith("--actuals="):
            actuals = a.split("=", 1)[1]
        elif a.startswith("-"):
            sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
            return 2
        else:
            paths.append(a)
        i += 1
    if not paths or not actuals:
        sys.stderr.write("usage: score.py --actuals FILE.csv SPEC|DIR...\n")
        return 2
    try:
        projects = []
        for f in pg_files(paths):
            read_pg(f, projects)
        acts = read_actuals(actuals)
        out = sys.stdout
        out.write("项目,总分,等级\n")
        w = csv.writer(out, lineterminator="\n")
        for p in projects:
            total, grade = score_project(p, acts.get(p.name))
            w.writerow([p.name, fmt2(total), grade])
    except (ScoreError, ValueError, KeyError, OSError) as e:
        sys.stderr.write("score.py: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
