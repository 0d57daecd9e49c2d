/*
 * pggen — generate synthetic .pg projects (绩效目标申报表) for benchmarking
 * `pgc check`.
 *
 *   pggen N [--seed S] [--files F] [-o DIR] [--actuals FILE] [--weights PCT]
 *         [--cost-level1 PCT] [--json DIR] [--targets FILE]
 *
 * Writes N projects following doc/language.md §4.  With -o DIR they are
 * spread evenly over F files DIR/gen-00000.pg … (default: one file per 100
 * projects); without -o everything goes to stdout.
 *
 * --actuals FILE also writes the year-end actuals of every project as CSV
 * (doc/language.md §6: 项目,指标,实际完成值,分值,得分,偏差原因), for
 * `pgc eval --actuals FILE`.  --weights PCT gives about PCT per cent of the
 * projects explicit 分值 on every indicator (50/30/10 per 一级): half of them
 * in the spec (`分值 N`), half in the actuals' 分值 column.  --cost-level1 PCT
 * moves the 成本指标 indicators of about PCT per cent of the projects from the
 * 二级 group under 产出指标 to a 一级 成本指标 block (经济成本指标; the 2021
 * layout), placed after 产出指标 or, for half of them, before it.
 *
 * For bench/run's peers: --json DIR writes the same forms as JSON, one file
 * DIR/gen-NNNNN.json per .pg file, each an array of forms (one a line; see
 * write_json), and --targets FILE the targets as CSV, one row per indicator
 * (see write_targets).  Neither changes the .pg or the actuals output.
 *
 * Output is deterministic: project i depends only on the seed and on i (it
 * has its own PRNG stream), so it does not change with N or F.  The actuals
 * and the weights come from streams of their own: without --weights the .pg
 * output is the same with or without --actuals.
 *
 * Standard C11 plus POSIX mkdir() for -o.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- PRNG */

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

typedef struct { uint64_t s; } Rng;   /* xorshift64* */

static void rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    r->s = splitmix64(&s);
    if (r->s == 0)
        r->s = 0x2545F4914F6CDD1DULL;
}

static uint64_t rng_next(Rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* uniform in [0, n) (n > 0); the tiny modulo bias is irrelevant here */
static unsigned rnd(Rng *r, unsigned n) { return (unsigned)((rng_next(r) >> 11) % n); }
/* uniform in [lo, hi] */
static unsigned rnd_between(Rng *r, unsigned lo, unsigned hi) { return lo + rnd(r, hi - lo + 1); }
/* true with probability pct/100 */
static int chance(Rng *r, unsigned pct) { return rnd(r, 100) < pct; }

#define PICK(r, arr) ((arr)[rnd((r), (unsigned)COUNT(arr))])

/* ---------------------------------------------------------- word lists */

static const char *const districts[] = {
    "市级", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区",
    "闵行区", "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区",
    "奉贤区", "崇明区", "临港新片区",
};

static const char *const domains[] = {
    "社会保障卡", "社保卡申领、补换卡", "政务服务", "一网通办", "大数据中心",
    "公共法律服务", "人口信息", "电子证照", "交通运输", "城市运行",
    "应急管理", "市场监管", "卫生健康", "教育信息化", "住房保障", "医疗保障",
    "就业服务", "民政服务", "档案管理", "消防救援", "生态环境监测", "农业农村",
};

static const char *const businesses[] = {
    "网点", "交换平台", "信息系统", "数据中心机房", "服务热线", "业务窗口",
    "自助终端", "网络安全", "数据共享", "档案数字化", "设备", "机房用电",
    "呼叫中心", "卡片制作", "移动端应用", "视频监控", "基础网络",
};

static const char *const kinds_of_cost[] = {
    "运行费", "维护费", "项目", "运行维护费", "专项经费", "建设项目", "购置费",
};

static const char *const natures[] = {
    "经常性专项业务费", "一次性项目", "跨年度项目", "经常性项目",
};

static const char *const categories[] = {
    "特定目标类", "其他运转类", "公用经费类", "专项业务类",
};

static const char *const departments[] = {
    "上海市公安局", "上海市人力资源和社会保障局", "上海市大数据中心",
    "上海市卫生健康委员会", "上海市教育委员会", "上海市民政局",
    "上海市交通委员会", "上海市市场监督管理局", "上海市应急管理局",
    "上海市住房和城乡建设管理委员会", "上海市医疗保障局", "上海市司法局",
};

/* some contain brackets, so they must be written as strings */
static const char *const units_impl[] = {
    "上海市社会保障卡服务中心", "上海市公安局人口管理办公室",
    "上海市大数据中心（上海市信息中心）", "上海市就业促进中心",
    "上海市卫生健康信息中心", "上海市教育信息化中心", "上海市档案馆",
    "上海市交通综合信息中心", "上海市公共法律服务中心",
    "上海市医疗保险事业管理中心", "上海市民政局信息中心",
    "上海市应急管理局（指挥中心）", "区行政服务中心",
};

static const char *const goal_verbs[] = {
    "保障", "确保", "提升", "支撑", "维护", "推进",
};

static const char *const goal_objects[] = {
    "系统稳定运行", "业务窗口正常开放", "网点服务有序开展", "数据安全可控",
    "群众办事便利", "设备完好运行", "服务热线畅通", "信息共享及时准确",
    "卡片制发及时", "应急处置快速有效",
};

static const char *const comments[] = {
    "# 本项目按年度预算申报，指标值参照上年度实际完成情况确定",
    "# 资金来源：当年财政拨款为主",
    "# 注：服务对象包括市民和企业",
    "# 绩效目标经部门审核，已报财政部门备案",
    "# 以下指标与上年度保持一致",
    "# 成本指标按照合同约定测算",
    "# 质量指标参照行业标准",
};

static const char *const trailing_comments[] = {
    "# 参照上年度",
    "# 合同约定",
    "# 按行业标准",
    "# 新增指标",
    "# 全年",
};

/* ------------------------------------------------------ target kinds */

enum Kind {
    K_PCT100,     /* = 100%                name ends 率   */
    K_PCTGE,      /* ≥ 90%                 name ends 率 / 满意度 */
    K_PCT0,       /* = 0%                  name ends 投诉率 */
    K_WANZHANG,   /* = 35 万张 */
    K_WEI,        /* ≥ 20 位 */
    K_GE,         /* = 337 个 */
    K_TIAN,       /* = 365 天               name ends 天数 */
    K_WENDING,    /* = 稳定                 name ends 稳定性 */
    K_JIANQUAN,   /* = 健全                 name ends 健全性 */
    K_YOUXIAO,    /* = 有效                 name ends 有效性 */
    K_JISHI,      /* = 及时                 name ends 及时性 */
    K_ORDINAL,    /* = 三级 */
    K_WORKDAY,    /* ≤ 2 工作日             name ends 响应时间 */
    K_DATE,       /* ≤ 2023-12              name ends 完成时间 */
    K_TEXT,       /* = "free text" */
    K_NKINDS
};

/* name stems per kind; the kind's suffix is appended */
static const char *const st_pct100[] = {
    "电费缴纳完成", "设备巡检完成", "系统运维覆盖", "数据备份成功", "故障处理完成",
    "网点运行保障", "卡片制发完成", "合同履约", "资金支付完成", "预算执行",
    "档案数字化完成", "设备配置到位", "采购任务完成", "培训计划完成",
};
/* 成本指标 rates */
static const char *const st_cost_pct[] = {
    "预算执行", "资金支付完成", "合同履约", "成本控制达标", "政府采购执行",
};
static const char *const st_pctge[] = {
    "系统可用", "数据准确", "验收合格", "业务办结", "一次办成", "设备完好",
    "服务达标", "信息更新及时", "问题整改", "接通", "网上办理",
};
static const char *const st_pctge_sat[] = {
    "市民", "办事群众", "服务对象", "参保人员", "企业", "使用单位", "窗口服务对象",
};
static const char *const st_pct0[] = {
    "有效", "服务", "窗口服务", "群众", "热线服务", "办事",
};
static const char *const st_wanzhang[] = {
    "社保卡制发", "卡片补换", "证照发放", "票据印制", "档案扫描", "宣传材料印制",
};
static const char *const st_wei[] = {
    "驻点服务人员", "运维技术人员", "窗口工作人员", "培训讲师", "专家评审人员",
    "值守人员",
};
static const char *const st_ge[] = {
    "服务网点", "自助终端", "数据接口", "监控点位", "业务系统", "机房机柜",
    "网络节点", "受理窗口",
};
static const char *const st_tian[] = {
    "系统运行用电保障", "服务热线开通", "网点开放", "平台运行保障", "机房值守",
};
static const char *const st_wending[] = {
    "系统运行", "网络运行", "平台服务", "数据交换", "设备运行",
};
static const char *const st_jianquan[] = {
    "长效管理机制", "运维管理制度", "安全管理制度", "档案管理制度", "应急预案体系",
};
static const char *const st_youxiao[] = {
    "应急处置", "数据安全防护", "服务便民措施", "资金使用", "监督管理",
};
static const char *const st_jishi[] = {
    "故障处理", "信息发布", "资金拨付", "问题响应", "数据更新",
};
static const char *const st_ordinal[] = {
    "信息系统安全等级保护级别", "机房建设等级", "服务质量等级", "数据安全分级",
};
static const char *const st_workday[] = {
    "故障", "咨询", "投诉处理", "报修", "业务申请",
};
static const char *const st_date[] = {
    "项目验收", "设备采购", "系统升级", "合同签订", "年度评估",
};
/* free-text names depend on the 二级 group (indexed by enum Cat below) */
static const char *const st_text[][3] = {
    { "网点服务保障情况", "业务正常开展情况", "服务覆盖情况" },      /* 数量 */
    { "服务质量情况", "项目验收情况", "运维质量情况" },              /* 质量 */
    { "项目进度情况", "任务完成进度", "服务时效情况" },              /* 时效 */
    { "成本控制情况", "经费使用情况", "采购成本情况" },              /* 成本 */
    { "社会效益实现情况", "便民服务成效", "项目实施效果" },          /* 社会 */
    { "经济效益实现情况", "节约行政成本情况", "带动产业发展情况" },  /* 经济 */
    { "可持续运行情况", "长效机制建设情况", "后续运维保障情况" },    /* 可持续 */
    { "服务对象反馈情况", "群众评价情况", "回访情况" },              /* 满意度 */
};

/* qualifiers put in front of a stem to make names unique within a project */
static const char *const qualifiers[] = {
    "年度", "全年", "重点区域", "核心系统", "线上", "线下", "市级", "区级",
    "窗口", "网点", "平台", "中心",
};

/* the 二级 groups in order, and the 一级 they stand under */
enum Cat {
    C_QTY, C_QUAL, C_TIME, C_COST,      /* 产出指标 */
    C_SOCIAL, C_ECON, C_SUSTAIN,        /* 效益指标 */
    C_SAT,                              /* 满意度指标 */
    C_NCATS
};

static const char *const cat_names[C_NCATS] = {
    "数量指标", "质量指标", "时效指标", "成本指标",
    "社会效益指标", "经济效益指标", "可持续影响指标",
    "服务对象满意度指标",
};

/* plausible kinds per 二级 group */
static const enum Kind cat_kinds_qty[] = {
    K_PCT100, K_WANZHANG, K_WEI, K_GE, K_TEXT,
};
static const enum Kind cat_kinds_qual[] = {
    K_PCT100, K_PCTGE, K_ORDINAL, K_WENDING, K_TEXT,
};
static const enum Kind cat_kinds_time[] = {
    K_WORKDAY, K_DATE, K_JISHI, K_PCT100,
};
static const enum Kind cat_kinds_cost[] = {
    K_PCT100, K_TEXT, K_PCTGE,
};
static const enum Kind cat_kinds_social[] = {
    K_TIAN, K_TEXT, K_YOUXIAO, K_PCTGE, K_WENDING,
};
static const enum Kind cat_kinds_econ[] = {
    K_TEXT, K_YOUXIAO, K_PCTGE,
};
static const enum Kind cat_kinds_sustain[] = {
    K_JIANQUAN, K_WENDING, K_YOUXIAO, K_TIAN, K_TEXT,
};
static const enum Kind cat_kinds_sat[] = {
    K_PCTGE, K_PCT0,
};

static const struct { const enum Kind *k; unsigned n; } cat_kinds[C_NCATS] = {
    { cat_kinds_qty, COUNT(cat_kinds_qty) },
    { cat_kinds_qual, COUNT(cat_kinds_qual) },
    { cat_kinds_time, COUNT(cat_kinds_time) },
    { cat_kinds_cost, COUNT(cat_kinds_cost) },
    { cat_kinds_social, COUNT(cat_kinds_social) },
    { cat_kinds_econ, COUNT(cat_kinds_econ) },
    { cat_kinds_sustain, COUNT(cat_kinds_sustain) },
    { cat_kinds_sat, COUNT(cat_kinds_sat) },
};

/* ------------------------------------------------------------ helpers */

/* 1234567.89 元 from a number of cents, with thousands separators */
static void fmt_amount(char *out, size_t cap, uint64_t cents)
{
    char digits[32];
    uint64_t yuan = cents / 100;
    unsigned fen = (unsigned)(cents % 100);
    int n = snprintf(digits, sizeof digits, "%" PRIu64, yuan);
    char buf[48];
    int j = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
    snprintf(out, cap, "%s.%02u 元", buf, fen);
}

#define MAX_IND 20
#define NAME_CAP 192

typedef struct {
    enum Cat cat;
    enum Kind kind;
    char name[NAME_CAP];
    /* the target, filled in by write_target (for the actuals) */
    int64_t t10;        /* a number target, in tenths of its unit */
    unsigned level;     /* K_ORDINAL: 1 … 5 */
    unsigned month;     /* K_DATE: the deadline is the end of 2023-month */
    int64_t wcents;     /* the weight, in cents (given or spread) */
    /* the target as written (write_target): operator, kind, value, unit */
    const char *op;     /* "=", "≥" or "≤" */
    int tk;             /* enum TKind */
    char tval[96];      /* the number, word, level, date or text (unquoted) */
    const char *unit;   /* T_NUM: "%", "万张", … */
    int curly;          /* T_TEXT: written in “…” rather than "…" */
} Indicator;

static void make_name(Rng *r, enum Kind k, enum Cat c, char *out, int qualified)
{
    const char *stem = "", *suffix = "";
    switch (k) {
    case K_PCT100:
        stem = c == C_COST ? PICK(r, st_cost_pct) : PICK(r, st_pct100);
        suffix = "率";
        break;
    case K_PCTGE:
        if (c == C_SAT)       { stem = PICK(r, st_pctge_sat); suffix = "满意度"; }
        else if (c == C_COST) { stem = PICK(r, st_cost_pct);  suffix = "率"; }
        else                  { stem = PICK(r, st_pctge);     suffix = "率"; }
        break;
    case K_PCT0:     stem = PICK(r, st_pct0);     suffix = "投诉率"; break;
    case K_WANZHANG: stem = PICK(r, st_wanzhang); suffix = "数量"; break;
    case K_WEI:      stem = PICK(r, st_wei);      suffix = "数量"; break;
    case K_GE:       stem = PICK(r, st_ge);       suffix = "数量"; break;
    case K_TIAN:     stem = PICK(r, st_tian);     suffix = "天数"; break;
    case K_WENDING:  stem = PICK(r, st_wending);  suffix = "稳定性"; break;
    case K_JIANQUAN: stem = PICK(r, st_jianquan); suffix = "健全性"; break;
    case K_YOUXIAO:  stem = PICK(r, st_youxiao);  suffix = "有效性"; break;
    case K_JISHI:    stem = PICK(r, st_jishi);    suffix = "及时性"; break;
    case K_ORDINAL:  stem = PICK(r, st_ordinal);  suffix = ""; break;
    case K_WORKDAY:  stem = PICK(r, st_workday);  suffix = "响应时间"; break;
    case K_DATE:     stem = PICK(r, st_date);     suffix = "完成时间"; break;
    case K_TEXT:     stem = st_text[c][rnd(r, 3)]; suffix = ""; break;
    case K_NKINDS:   break;
    }
    snprintf(out, NAME_CAP, "%s%s%s", qualified ? PICK(r, qualifiers) : "", stem, suffix);
}

static int name_taken(const Indicator *ind, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ind[i].name, name) == 0)
            return 1;
    return 0;
}

static const char *const ordinals[] = { "一级", "二级", "三级", "四级", "五级" };

/* the target as data, for the .pg text and for --json / --targets */
enum TKind { T_NUM, T_WORD, T_LEVEL, T_DATE, T_TEXT };
static const char *const tkind_names[] = { "数值", "等级", "序列", "日期", "文本" };

static void set_target(Indicator *ind, const char *op, enum TKind tk, const char *unit,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ind->tval, sizeof ind->tval, fmt, ap);
    va_end(ap);
    ind->op = op;
    ind->tk = tk;
    ind->unit = unit;
}

/* Draw the target of *ind (filling in its fields) and write its .pg text. */
static void write_target(FILE *f, Rng *r, Indicator *ind)
{
    unsigned v;
    ind->curly = 0;
    switch (ind->kind) {
    case K_PCT100:
        set_target(ind, "=", T_NUM, "%", "100");
        ind->t10 = 1000;
        break;
    case K_PCTGE:
        if (chance(r, 15)) {
            v = rnd_between(r, 90, 99);
            set_target(ind, "≥", T_NUM, "%", "%u.5", v);
            ind->t10 = (int64_t)v * 10 + 5;
        } else {
            v = rnd_between(r, 80, 99);
            set_target(ind, "≥", T_NUM, "%", "%u", v);
            ind->t10 = (int64_t)v * 10;
        }
        break;
    case K_PCT0:
        set_target(ind, "=", T_NUM, "%", "0");
        ind->t10 = 0;
        break;
    case K_WANZHANG:
        if (chance(r, 30)) {
            /* the fraction is drawn first: the original wrote both draws as
               fprintf arguments, which GCC evaluates right to left */
            unsigned b = rnd_between(r, 1, 9);
            unsigned a = rnd_between(r, 1, 199);
            set_target(ind, "=", T_NUM, "万张", "%u.%u", a, b);
            ind->t10 = (int64_t)a * 10 + b;
        } else {
            v = rnd_between(r, 1, 200);
            set_target(ind, "=", T_NUM, "万张", "%u", v);
            ind->t10 = (int64_t)v * 10;
        }
        break;
    case K_WEI:
        v = rnd_between(r, 2, 200);
        set_target(ind, "≥", T_NUM, "位", "%u", v);
        ind->t10 = (int64_t)v * 10;
        break;
    case K_GE:
        v = rnd_between(r, 1, 999);
        set_target(ind, "=", T_NUM, "个", "%u", v);
        ind->t10 = (int64_t)v * 10;
        break;
    case K_TIAN: {
        static const unsigned days[] = { 365, 365, 365, 250, 251, 249, 300 };
        v = PICK(r, days);
        set_target(ind, "=", T_NUM, "天", "%u", v);
        ind->t10 = (int64_t)v * 10;
        break;
    }
    case K_WENDING:  set_target(ind, "=", T_WORD, NULL, "稳定"); break;
    case K_JIANQUAN: set_target(ind, "=", T_WORD, NULL, "健全"); break;
    case K_YOUXIAO:  set_target(ind, "=", T_WORD, NULL, "有效"); break;
    case K_JISHI:    set_target(ind, "=", T_WORD, NULL, "及时"); break;
    case K_ORDINAL:
        ind->level = chance(r, 70) ? 3 : 1 + rnd(r, (unsigned)COUNT(ordinals));
        set_target(ind, "=", T_LEVEL, NULL, "%s", ordinals[ind->level - 1]);
        break;
    case K_WORKDAY:
        v = rnd_between(r, 1, 10);
        set_target(ind, "≤", T_NUM, "工作日", "%u", v);
        ind->t10 = (int64_t)v * 10;
        break;
    case K_DATE:
        ind->month = rnd_between(r, 6, 12);
        set_target(ind, "≤", T_DATE, NULL, "2023-%02u", ind->month);
        break;
    case K_TEXT: {
        unsigned n = rnd_between(r, 10, 999);
        /* the budget phrase (case 2) is for 成本指标 only */
        static const unsigned non_cost[] = { 0, 1, 3 };
        unsigned form = ind->cat == C_COST ? 2 : PICK(r, non_cost);
        switch (form) {
        case 0: set_target(ind, "=", T_TEXT, NULL, "保障%u个网点业务正常开展", n); break;
        case 1: set_target(ind, "=", T_TEXT, NULL, "全年服务群众不少于%u万人次", n); break;
        case 2: set_target(ind, "=", T_TEXT, NULL, "控制在年度预算%u万元以内", n);
                ind->curly = 1; break;
        default: set_target(ind, "=", T_TEXT, NULL, "为%u家单位提供稳定、可靠的服务…", n); break;
        }
        break;
    }
    case K_NKINDS:
        return;
    }
    /* the .pg text: "= 100%", "= 35 万张", "= 稳定", "≤ 2023-12", "= \"…\"" */
    fprintf(f, "%s ", ind->op);
    if (ind->tk == T_TEXT)
        fprintf(f, ind->curly ? "“%s”" : "\"%s\"", ind->tval);
    else if (ind->tk == T_NUM)
        fprintf(f, strcmp(ind->unit, "%") == 0 ? "%s%s" : "%s %s", ind->tval, ind->unit);
    else
        fputs(ind->tval, f);
}

/* ------------------------------------------------------------ weights */

/* v / 100 with two decimals, or with trailing zeros (and point) trimmed */
static void fmt_cents(char *out, size_t cap, int64_t v, int trim)
{
    const char *sign = v < 0 ? "-" : "";
    uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;
    if (trim && a % 100 == 0)
        snprintf(out, cap, "%s%" PRIu64, sign, a / 100);
    else if (trim && a % 10 == 0)
        snprintf(out, cap, "%s%" PRIu64 ".%" PRIu64, sign, a / 100, a % 100 / 10);
    else
        snprintf(out, cap, "%s%" PRIu64 ".%02" PRIu64, sign, a / 100, a % 100);
}

static int level1_of(enum Cat c) { return c <= C_COST ? 0 : c <= C_SUSTAIN ? 1 : 2; }

/* The 一级 weights of 自评2020, in cents: 产出 50 (成本 under it), 效益 30,
   满意度 10; 预算执行率 10. */
static const int64_t level1_cents[3] = { 5000, 3000, 1000 };

/*
 * Fill in ind[].wcents.  Spread (explicit == 0): each 一级 weight spread
 * evenly over its indicators to the cent, the first ones in document order
 * taking the leftover cents (doc/language.md §7).  Explicit: random positive
 * weights in whole points, half points or cents that add up to the 一级
 * weight exactly.
 */
static void assign_weights(Rng *r, Indicator *ind, const int *order, int n, int explicit)
{
    for (int t = 0; t < 3; t++) {
        int members[MAX_IND], m = 0;
        for (int j = 0; j < n; j++)
            if (level1_of(ind[order[j]].cat) == t)
                members[m++] = order[j];
        if (m == 0)
            continue;
        int64_t total = level1_cents[t];
        if (!explicit) {
            for (int j = 0; j < m; j++)
                ind[members[j]].wcents = total / m + (j < total % m ? 1 : 0);
            continue;
        }
        unsigned g = rnd(r, 100);
        int64_t grain = g < 60 ? 100 : g < 85 ? 50 : 1;
        int64_t units = total / grain, spare = units - m;   /* each gets ≥ 1 */
        unsigned share[MAX_IND], sum = 0;
        for (int j = 0; j < m; j++)
            sum += share[j] = rnd_between(r, 1, 8);
        int64_t given = 0;
        for (int j = 0; j < m; j++) {
            int64_t u = 1 + spare * share[j] / sum;
            ind[members[j]].wcents = u;
            given += u;
        }
        for (; given < units; given++)
            ind[members[rnd(r, (unsigned)m)]].wcents++;
        for (int j = 0; j < m; j++)
            ind[members[j]].wcents *= grain;
    }
}

/* ------------------------------------------------------------ project */

/* what main() asked for, beyond the projects themselves */
typedef struct {
    FILE *act;          /* --actuals: the CSV of year-end actuals, or NULL */
    FILE *json;         /* --json: the current .json file, or NULL */
    FILE *targets;      /* --targets: the CSV of the targets, or NULL */
    unsigned weights;   /* --weights: per cent of projects with explicit 分值 */
    unsigned cost_level1; /* --cost-level1: per cent with 成本指标 as a 一级 */
} Opts;

/* Extra PRNG streams, so that the actuals and the weights never change the
   projects: the stream of project i is (seed, i); these are (seed ^ K, i). */
#define WEIGHT_STREAM 0x57454947485453ULL   /* "WEIGHTS" */
#define ACTUAL_STREAM 0x41435455414C53ULL   /* "ACTUALS" */
#define LAYOUT_STREAM 0x4C41594F5554ULL     /* "LAYOUT" */

static void write_actuals(FILE *f, uint64_t seed, uint64_t idx, const char *project,
                          uint64_t total, Indicator *ind, const int *order, int n,
                          int csv_weights);

/* the blocks of a project in document order: a 一级 name, its 二级 groups,
   and for the 成本指标 一级 the 二级 name the group takes there */
typedef struct { const char *l1; enum Cat first, last; const char *l2; } Block;

/* one project as data, for --json and --targets */
typedef struct {
    const char *name, *nature, *category, *dept, *impl;
    uint64_t life, total, approp, carry, other;     /* cents; life 0: not given */
    const char *goal_all, *goal_year;               /* goal_all "": not given */
    const Indicator *ind;
    int nind;
    const Block *const *blocks;
    int nb;
    int spec_weights;                               /* 分值 in the spec */
} Form;

static void write_json(FILE *f, const Form *p);
static void write_targets(FILE *f, const Form *p);

static void write_project(FILE *f, uint64_t seed, uint64_t idx, const Opts *o)
{
    Rng rr, *r = &rr;
    rng_seed(r, seed, idx);
    char amt[64];

    int commented = chance(r, 25);
    if (commented)
        fprintf(f, "%s\n", PICK(r, comments));

    /* name: 区级 + 领域 + 业务 + 费用类别 + index (unique) */
    char pname[NAME_CAP * 2];
    /* The draws are sequenced explicitly, last word first: the original
       made them as function arguments, which GCC evaluates right to left,
       and the output must not change (nor depend on the compiler). */
    const char *n_kind = PICK(r, kinds_of_cost);
    const char *n_business = PICK(r, businesses);
    const char *n_domain = PICK(r, domains);
    const char *n_district = PICK(r, districts);
    snprintf(pname, sizeof pname, "%s%s%s%s%" PRIu64, n_district, n_domain, n_business,
             n_kind, idx + 1);
    fprintf(f, "项目 %s {\n", pname);

    fputs("    年度         2023\n", f);
    const char *nature = PICK(r, natures);
    fprintf(f, "    项目性质     %s\n", nature);
    const char *category = PICK(r, categories);
    fprintf(f, "    项目类别     %s\n", category);
    const char *dept = PICK(r, departments);
    fprintf(f, "    主管部门     %s\n", dept);
    const char *impl = PICK(r, units_impl);
    if (strstr(impl, "（") || chance(r, 10))
        fprintf(f, "    实施单位     \"%s\"\n", impl);
    else
        fprintf(f, "    实施单位     %s\n", impl);
    fputs("    计划开始日期 2023-01-01\n", f);
    fputs("    计划完成日期 2023-12-31\n", f);
    fputs("\n", f);

    /* funds: total = appropriation + carry-over + other, exactly */
    uint64_t approp = (uint64_t)rnd_between(r, 10000, 50000000) * 100 + rnd(r, 100);
    if (chance(r, 30))
        approp -= approp % 100;               /* whole yuan */
    uint64_t carry = chance(r, 25) ? (uint64_t)rnd_between(r, 100, 2000000) * 100 + rnd(r, 100) : 0;
    uint64_t other = chance(r, 15) ? (uint64_t)rnd_between(r, 100, 500000) * 100 + rnd(r, 100) : 0;
    uint64_t total = approp + carry + other;

    fputs("    资金 {\n", f);
    uint64_t life = 0;          /* 项目资金总额, when given */
    if (chance(r, 20)) {
        life = total * rnd_between(r, 1, 3);
        fmt_amount(amt, sizeof amt, life);
        fprintf(f, "        项目资金总额     %s\n", amt);
    }
    fmt_amount(amt, sizeof amt, total);
    fprintf(f, "        年度资金申请总额 %s\n", amt);
    fmt_amount(amt, sizeof amt, approp);
    fprintf(f, "        当年财政拨款     %s\n", amt);
    fmt_amount(amt, sizeof amt, carry);
    fprintf(f, "        上年结转资金     %s\n", amt);
    fmt_amount(amt, sizeof amt, other);
    fprintf(f, "        其他资金         %s\n", amt);
    fputs("    }\n\n", f);

    unsigned g1 = rnd(r, COUNT(goal_objects));
    unsigned g2 = (g1 + 1 + rnd(r, COUNT(goal_objects) - 1)) % COUNT(goal_objects);
    char goal_all[256] = "", goal_year[256];
    if (chance(r, 20)) {
        const char *pv2 = PICK(r, goal_verbs), *pv1 = PICK(r, goal_verbs);  /* as above */
        snprintf(goal_all, sizeof goal_all, "%s%s，%s%s。", pv1, goal_objects[g2], pv2,
                 goal_objects[g1]);
        fprintf(f, "    项目总体目标 \"%s\"\n", goal_all);
    }
    const char *v2 = PICK(r, goal_verbs), *v1 = PICK(r, goal_verbs);
    snprintf(goal_year, sizeof goal_year, "通过项目实施，%s%s，%s%s。", v1, goal_objects[g1], v2,
             goal_objects[g2]);
    fprintf(f, "    年度总体目标 \"%s\"\n", goal_year);
    fputs("\n", f);

    /* indicators: choose how many go to each 一级, then to each 二级 */
    Indicator ind[MAX_IND];
    int n = (int)rnd_between(r, 8, 20);
    int n_sat = (int)rnd_between(r, 1, n >= 14 ? 3 : 2);
    int n_ben = (int)rnd_between(r, 1, n >= 12 ? 5 : 3);
    int n_out = n - n_sat - n_ben;            /* ≥ 3 */
    int used_kind[K_NKINDS] = { 0 };
    int k = 0;
    for (int i = 0; i < n; i++) {
        enum Cat c;
        if (i < n_out) {
            /* 数量, 质量, 时效 first, then weighted: 数量 35, 质量 30, 时效 20, 成本 15 */
            if (i < 3) {
                c = (enum Cat)i;
            } else {
                unsigned w = rnd(r, 100);
                c = w < 35 ? C_QTY : w < 65 ? C_QUAL : w < 85 ? C_TIME : C_COST;
            }
        } else if (i < n_out + n_ben) {
            c = (i == n_out) ? C_SOCIAL : (enum Cat)(C_SOCIAL + rnd(r, 3));
        } else {
            c = C_SAT;
        }
        /* prefer a kind the project has not used yet */
        enum Kind kind = cat_kinds[c].k[rnd(r, cat_kinds[c].n)];
        for (int t = 0; t < 3 && used_kind[kind]; t++)
            kind = cat_kinds[c].k[rnd(r, cat_kinds[c].n)];
        if (c == C_SAT && i == n_out + n_ben)
            kind = K_PCTGE;                   /* every project has a 满意度 */
        used_kind[kind]++;

        Indicator *p = &ind[k];
        p->cat = c;
        p->kind = kind;
        int ok = 0;
        for (int t = 0; t < 64 && !ok; t++) {
            make_name(r, kind, c, p->name, t >= 4);
            ok = !name_taken(ind, k, p->name);
        }
        if (!ok) {
            /* fall back to a numbered qualifier in front, keeping the suffix */
            char base[NAME_CAP];
            make_name(r, kind, c, base, 0);
            base[NAME_CAP - 32] = '\0';      /* stems are far shorter */
            for (int q = 2; !ok; q++) {
                snprintf(p->name, NAME_CAP, "第%d项%.*s", q, NAME_CAP - 32, base);
                ok = !name_taken(ind, k, p->name);
            }
        }
        k++;
    }

    /* --cost-level1: this project puts its 成本指标 indicators in a 一级
       成本指标 block (the 2021 layout), after 产出指标 or before it; drawn
       from their own stream */
    int cost1 = 0, cost_first = 0;
    if (o->cost_level1) {
        Rng cr;
        rng_seed(&cr, seed ^ LAYOUT_STREAM, idx);
        cost1 = chance(&cr, o->cost_level1);
        cost_first = cost1 && chance(&cr, 50);
    }

    /* the blocks in document order */
    static const Block out_block = { "产出指标", C_QTY, C_COST, NULL };
    static const Block out_nocost = { "产出指标", C_QTY, C_TIME, NULL };
    static const Block cost_block = { "成本指标", C_COST, C_COST, "经济成本指标" };
    static const Block ben_block = { "效益指标", C_SOCIAL, C_SUSTAIN, NULL };
    static const Block sat_block = { "满意度指标", C_SAT, C_SAT, NULL };
    int has_cost = 0;
    for (int i = 0; i < k; i++)
        has_cost |= ind[i].cat == C_COST;
    const Block *blocks[4];
    int nb = 0;
    if (cost1 && has_cost && cost_first)
        blocks[nb++] = &cost_block;
    blocks[nb++] = cost1 && has_cost ? &out_nocost : &out_block;
    if (cost1 && has_cost && !cost_first)
        blocks[nb++] = &cost_block;
    blocks[nb++] = &ben_block;
    blocks[nb++] = &sat_block;

    /* document order: by block and 二级 group, then as chosen */
    int order[MAX_IND], no = 0;
    for (int b = 0; b < nb; b++)
        for (int c = blocks[b]->first; c <= (int)blocks[b]->last; c++)
            for (int i = 0; i < k; i++)
                if (ind[i].cat == (enum Cat)c)
                    order[no++] = i;

    /* weights: explicit ones (in the spec or in the actuals' 分值 column) for
       --weights per cent of the projects, else the default spread; drawn
       from their own stream */
    Rng wr;
    rng_seed(&wr, seed ^ WEIGHT_STREAM, idx);
    int weighted = o->weights && chance(&wr, o->weights);
    int spec_weights = weighted && chance(&wr, 50);
    assign_weights(&wr, ind, order, no, weighted);

    for (int b = 0; b < nb; b++) {
        const Block *bl = blocks[b];
        fprintf(f, "    %s {\n", bl->l1);
        for (int c = bl->first; c <= (int)bl->last; c++) {
            int any = 0;
            for (int i = 0; i < k; i++)
                any |= ind[i].cat == (enum Cat)c;
            if (!any)
                continue;
            fprintf(f, "        %s {\n", bl->l2 ? bl->l2 : cat_names[c]);
            for (int i = 0; i < k; i++) {
                if (ind[i].cat != (enum Cat)c)
                    continue;
                fprintf(f, "            指标 %s ", ind[i].name);
                write_target(f, r, &ind[i]);
                if (spec_weights) {
                    char w[32];
                    fmt_cents(w, sizeof w, ind[i].wcents, 1);
                    fprintf(f, " 分值 %s", w);
                }
                if (commented && chance(r, 15))
                    fprintf(f, "    %s", PICK(r, trailing_comments));
                fputc('\n', f);
            }
            fputs("        }\n", f);
        }
        fputs("    }\n", f);
    }
    fputs("}\n", f);

    if (o->act)
        write_actuals(o->act, seed, idx, pname, total, ind, order, no, weighted && !spec_weights);

    if (o->json || o->targets) {
        Form form = {
            pname, nature, category, dept, impl, life, total, approp, carry, other,
            goal_all, goal_year, ind, k, blocks, nb, spec_weights,
        };
        if (o->json)
            write_json(o->json, &form);
        if (o->targets)
            write_targets(o->targets, &form);
    }
}

/* ------------------------------------------------------------ actuals */

/*
 * The actuals CSV (doc/language.md §6): one row per indicator plus the budget
 * rows, under the header 项目,指标,实际完成值,分值,得分,偏差原因.  Values are
 * drawn from the project's own ACTUAL_STREAM, around each target.
 */

/* a CSV field: quoted when it holds a comma, a quote or a line end */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* v / 10^dp; trailing zeros trimmed when trim; thousands separators when commas */
static void fmt_dec(char *out, size_t cap, int64_t v, int dp, int trim, int commas)
{
    uint64_t p10 = 1;
    for (int i = 0; i < dp; i++)
        p10 *= 10;
    uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;
    uint64_t ip = a / p10, fp = a % p10;
    char digits[32], grp[48];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, ip), j = 0;
    for (int i = 0; i < n; i++) {
        if (commas && i > 0 && (n - i) % 3 == 0)
            grp[j++] = ',';
        grp[j++] = digits[i];
    }
    grp[j] = '\0';
    char frac[24] = "";
    int fd = dp;
    if (trim)
        while (fd > 0 && fp % 10 == 0) {
            fp /= 10;
            fd--;
        }
    if (fd > 0)
        snprintf(frac, sizeof frac, ".%0*" PRIu64, fd, fp);
    snprintf(out, cap, "%s%s%s", v < 0 ? "-" : "", grp, frac);
}

/* an amount in cents, in one of the ways a spreadsheet holds it */
static void fmt_money(Rng *r, char *out, size_t cap, int64_t cents)
{
    char d[48];
    unsigned s = rnd(r, 100);
    if (s < 60) {
        fmt_dec(out, cap, cents, 2, 0, 1);                  /* "1,234.56" */
    } else if (s < 75) {
        fmt_dec(d, sizeof d, cents, 2, 0, 1);               /* "1,234.56 元" */
        snprintf(out, cap, "%s 元", d);
    } else if (s < 90) {
        fmt_dec(out, cap, cents, 2, 0, 0);                  /* 1234.56 */
    } else {
        fmt_dec(d, sizeof d, cents, 6, 1, 0);               /* 0.123456 万元 */
        snprintf(out, cap, "%s%s万元", d, chance(r, 50) ? " " : "");
    }
}

static const char *const reasons[] = {
    "受疫情影响，部分工作延后",
    "政府采购流程延长",
    "服务需求减少，据实结算",
    "部分款项按合同约定于次年支付",
    "业务量增长，超额完成",
    "按“一网通办”要求调整实施内容",
    "系统升级期间暂停服务",
    "合同变更，\"二期\"内容顺延",
    "已制定整改措施，下年度加强管理",
};

static const char *const band_phrases[3][2] = {
    { "达成年度指标", "达成年度指标，运行情况良好" },
    { "部分达成年度指标并具有一定效果", "部分达成年度指标并具有一定效果，仍需改进" },
    { "未达成年度指标且效果较差", "未达成年度指标且效果较差，已制定整改措施" },
};

/* the words of a 等级 scale for the kinds that have one, by band */
static const char *const scale_words[][3] = {
    [K_WENDING]  = { "稳定", "基本稳定", "不稳定" },
    [K_JIANQUAN] = { "健全", "基本健全", "不健全" },
    [K_YOUXIAO]  = { "有效", "基本有效", "无效" },
    [K_JISHI]    = { "及时", "基本及时", "不及时" },
};

static const unsigned month_days[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static unsigned days_in(unsigned y, unsigned m)
{
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return month_days[m];
}

static void fmt_date(Rng *r, char *out, size_t cap, unsigned y, unsigned m, unsigned d)
{
    switch (rnd(r, 4)) {
    case 0: case 1: snprintf(out, cap, "%04u-%02u-%02u", y, m, d); break;
    case 2:         snprintf(out, cap, "%u/%u/%u", y, m, d); break;
    default:        snprintf(out, cap, "%u年%u月%u日", y, m, d); break;
    }
}

static void fmt_month(Rng *r, char *out, size_t cap, unsigned y, unsigned m)
{
    if (chance(r, 60))
        snprintf(out, cap, "%04u-%02u", y, m);
    else
        snprintf(out, cap, "%u年%u月", y, m);
}

/* a number actual with its unit, written one of several ways */
static void fmt_qty(Rng *r, char *out, size_t cap, int64_t v, int dp, const char *unit)
{
    char d[48];
    fmt_dec(d, sizeof d, v, dp, 1, 0);
    unsigned s = rnd(r, 100);
    if (s < 55)
        snprintf(out, cap, "%s %s", d, unit);
    else if (s < 85)
        snprintf(out, cap, "%s%s", d, unit);
    else
        snprintf(out, cap, "%s", d);                        /* in the target's unit */
}

/* an evaluator's 得分 strictly inside band b (0 达成, 1 部分达成, 2 未达成)
   of weight w cents; 0 when the band is too narrow */
static int band_score(Rng *r, int64_t w, int b, int64_t *out)
{
    int64_t lo, hi;
    switch (b) {
    case 0:  lo = w * 8 / 10 + 1; hi = w - 1; break;
    case 1:  lo = w * 6 / 10 + 1; hi = (w * 8 + 9) / 10 - 1; break;
    default: lo = 1;              hi = (w * 6 + 9) / 10 - 1; break;
    }
    if (lo > hi)
        return 0;
    *out = lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
    return 1;
}

typedef struct {
    const char *ind;
    char value[96];
    char weight[24];
    char score[24];
    const char *reason;
} Row;

static void write_actuals(FILE *f, uint64_t seed, uint64_t idx, const char *project,
                          uint64_t total, Indicator *ind, const int *order, int n,
                          int csv_weights)
{
    Rng ar, *r = &ar;
    rng_seed(r, seed ^ ACTUAL_STREAM, idx);
    Row rows[MAX_IND + 3];
    int nr = 0;

    /* budget rows: 全年预算数 mostly the year's request, 全年执行数 mostly a
       little below it, sometimes above, a quarter below 90% */
    int64_t budget = (int64_t)total;
    if (chance(r, 10))
        budget = budget * (int64_t)rnd_between(r, 90, 110) / 100;
    int64_t spent;
    unsigned p = rnd(r, 100);
    if (p < 10)
        spent = budget;
    else if (p < 18)
        spent = budget + budget * (int64_t)rnd_between(r, 1, 500) / 10000;
    else if (p < 74)
        spent = budget * (int64_t)rnd_between(r, 900000, 999999) / 1000000;
    else if (p < 99)
        spent = budget * (int64_t)rnd_between(r, 300000, 899999) / 1000000;
    else
        spent = 0;
    if (chance(r, 30)) {
        Row *w = &rows[nr++];
        memset(w, 0, sizeof *w);
        w->ind = "年初预算数";
        fmt_money(r, w->value, sizeof w->value, (int64_t)total);
    }
    Row *rb = &rows[nr++];
    memset(rb, 0, sizeof *rb);
    rb->ind = "全年预算数";
    fmt_money(r, rb->value, sizeof rb->value, budget);
    Row *rs = &rows[nr++];
    memset(rs, 0, sizeof *rs);
    rs->ind = "全年执行数";
    fmt_money(r, rs->value, sizeof rs->value, spent);
    if (spent * 10 < budget * 9 && chance(r, 75))
        rs->reason = PICK(r, reasons);
    if ((csv_weights && chance(r, 50)) || chance(r, 3))
        strcpy(rs->weight, "10");

    for (int j = 0; j < n; j++) {
        Indicator *in = &ind[order[j]];
        Row *w = &rows[nr++];
        memset(w, 0, sizeof *w);
        w->ind = in->name;
        if (csv_weights)
            fmt_cents(w->weight, sizeof w->weight, in->wcents, 1);
        int band = -1;          /* qualitative: the band of the actual */
        int over = 0, under = 0;
        int64_t T = in->t10, v;
        switch (in->kind) {
        case K_PCT100:
        case K_PCTGE: {
            int64_t th = T * 10;                /* hundredths of a per cent */
            p = rnd(r, 100);
            if (in->kind == K_PCT100 && p < 50)
                v = th;
            else if (p < 20)
                v = th;
            else if (p < 50)
                v = th < 10000 ? (int64_t)rnd_between(r, (unsigned)th + 1, 10000) : th;
            else if (p < 88)
                v = rnd_between(r, (unsigned)th / 2, (unsigned)th - 1);
            else if (p < 93)
                v = 0;
            else
                v = rnd_between(r, 1, (unsigned)th / 2);
            under = v < th;
            char d[48];
            unsigned s = rnd(r, 100);
            if (s < 70) {
                fmt_dec(d, sizeof d, v, 2, 1, 0);
                snprintf(w->value, sizeof w->value, "%s%%", d);
            } else if (s < 80) {
                fmt_dec(d, sizeof d, v, 2, 0, 0);
                snprintf(w->value, sizeof w->value, "%s%%", d);
            } else if (s < 90) {
                fmt_dec(w->value, sizeof w->value, v, 2, 1, 0);
            } else if (s < 95) {
                fmt_dec(d, sizeof d, v, 2, 1, 0);
                snprintf(w->value, sizeof w->value, "%s 百分比", d);
            } else {
                fmt_dec(d, sizeof d, v, 2, 1, 0);
                snprintf(w->value, sizeof w->value, "%s %%", d);
            }
            break;
        }
        case K_PCT0:
            p = rnd(r, 100);
            if (p < 60)
                strcpy(w->value, "0%");
            else if (p < 68)
                strcpy(w->value, "0");
            else if (p < 75)
                strcpy(w->value, "0.00%");
            else {
                char d[48];
                fmt_dec(d, sizeof d, rnd_between(r, 1, 500), 2, 1, 0);
                snprintf(w->value, sizeof w->value, "%s%%", d);
                under = 1;
            }
            break;
        case K_WANZHANG: {
            int64_t tz = T * 1000;              /* the target in 张 */
            p = rnd(r, 100);
            if (p < 20)
                v = tz;
            else if (p < 40)
                v = tz + tz * (int64_t)rnd_between(r, 1, 60) / 100;
            else if (p < 85)
                v = tz * (int64_t)rnd_between(r, 3000, 9999) / 10000 + rnd(r, 10);
            else if (p < 90)
                v = 0;
            else if (p < 95)
                v = 2 * tz;
            else
                v = rnd_between(r, 1, 999);
            over = v * 10 >= tz * 13;
            under = v < tz;
            unsigned s = rnd(r, 100);
            char d[48];
            if (s < 45) {
                fmt_dec(d, sizeof d, v, 4, 1, 0);
                snprintf(w->value, sizeof w->value, "%s%s万张", d, chance(r, 50) ? " " : "");
            } else if (s < 75) {
                fmt_dec(d, sizeof d, v, 0, 0, 1);
                snprintf(w->value, sizeof w->value, "%s 张", d);
            } else if (s < 90) {
                fmt_dec(d, sizeof d, v, 0, 0, 0);
                snprintf(w->value, sizeof w->value, "%s张", d);
            } else {
                fmt_dec(w->value, sizeof w->value, v, 4, 1, 0);
            }
            break;
        }
        case K_WEI:
        case K_GE:
        case K_TIAN: {
            int64_t t = T / 10;
            p = rnd(r, 100);
            if (p < 25)
                v = t;
            else if (p < 40)
                v = t + rnd_between(r, 1, t > 2 ? (unsigned)t / 2 : 1);
            else if (p < 85)
                v = t > 1 ? rnd_between(r, in->kind == K_TIAN ? 200 : (unsigned)t / 3, (unsigned)t - 1) : 0;
            else if (p < 92)
                v = 0;
            else
                v = 2 * t;
            over = v * 10 >= t * 13;
            under = v < t;
            if (in->kind == K_GE && chance(r, 5)) {
                char d[48];
                fmt_dec(d, sizeof d, v, 4, 1, 0);       /* 0.0337 万个 */
                snprintf(w->value, sizeof w->value, "%s 万个", d);
            } else if (in->kind == K_TIAN && chance(r, 10)) {
                snprintf(w->value, sizeof w->value, "%" PRId64 " 日", v);
            } else {
                fmt_qty(r, w->value, sizeof w->value, v, 0,
                        in->kind == K_WEI ? "位" : in->kind == K_GE ? "个" : "天");
            }
            break;
        }
        case K_WORKDAY: {
            int64_t t = T;                      /* tenths of a working day */
            p = rnd(r, 100);
            if (p < 30)
                v = rnd(r, (unsigned)t);
            else if (p < 45)
                v = t;
            else if (p < 70)
                v = rnd_between(r, (unsigned)t + 1, 2 * (unsigned)t - 1);
            else if (p < 80)
                v = 2 * t;
            else if (p < 90)
                v = rnd_between(r, 2 * (unsigned)t + 1, 3 * (unsigned)t + 10);
            else
                v = 0;
            under = v > t;
            fmt_qty(r, w->value, sizeof w->value, v, 1, "工作日");
            break;
        }
        case K_DATE: {
            unsigned m = in->month, y = 2023, d;
            p = rnd(r, 100);
            if (p < 40) {
                unsigned mm = rnd_between(r, 1, m);
                fmt_date(r, w->value, sizeof w->value, y, mm, rnd_between(r, 1, days_in(y, mm)));
            } else if (p < 55) {
                fmt_date(r, w->value, sizeof w->value, y, m, days_in(y, m));
            } else if (p < 65) {
                fmt_month(r, w->value, sizeof w->value, y, m);
            } else if (p < 72) {
                fmt_month(r, w->value, sizeof w->value, y, rnd_between(r, 1, m));
            } else if (p < 80) {
                unsigned mm = m + 1 > 12 ? 1 : m + 1;   /* the day after */
                fmt_date(r, w->value, sizeof w->value, m == 12 ? y + 1 : y, mm, 1);
                under = 1;
            } else if (p < 90) {
                unsigned mm = m + rnd_between(r, 1, 3);
                unsigned yy = mm > 12 ? y + 1 : y;
                mm = mm > 12 ? mm - 12 : mm;
                d = rnd_between(r, 1, days_in(yy, mm));
                fmt_date(r, w->value, sizeof w->value, yy, mm, d);
                under = 1;
            } else {
                unsigned mm = m + rnd_between(r, 1, 2);
                unsigned yy = mm > 12 ? y + 1 : y;
                fmt_month(r, w->value, sizeof w->value, yy, mm > 12 ? mm - 12 : mm);
                under = 1;
            }
            break;
        }
        case K_WENDING:
        case K_JIANQUAN:
        case K_YOUXIAO:
        case K_JISHI:
            p = rnd(r, 100);
            if (p < 88) {
                band = p < 50 ? 0 : p < 72 ? 1 : 2;
                strcpy(w->value, scale_words[in->kind][band]);
            } else {
                band = p < 93 ? 0 : p < 97 ? 1 : 2;
                strcpy(w->value, band_phrases[band][rnd(r, 2)]);
            }
            break;
        case K_ORDINAL: {
            unsigned L = in->level, a = L;
            p = rnd(r, 100);
            if (p < 60)
                a = L;
            else if (p < 75)
                a = L < 5 ? L + 1 : L;
            else if (p < 88)
                a = L > 1 ? L - 1 : L;
            else
                a = L > 2 ? L - 2 : L;
            band = a >= L ? 0 : a + 1 == L ? 1 : 2;
            strcpy(w->value, ordinals[a - 1]);
            break;
        }
        case K_TEXT:
            p = rnd(r, 100);
            band = p < 55 ? 0 : p < 85 ? 1 : 2;
            strcpy(w->value, band_phrases[band][chance(r, 25)]);
            break;
        case K_NKINDS:
            break;
        }

        int64_t sc;
        if (band >= 0) {
            if (chance(r, 15) && band_score(r, in->wcents, band, &sc))
                fmt_cents(w->score, sizeof w->score, sc, chance(r, 50));
            if (band > 0 && chance(r, 30))
                w->reason = PICK(r, reasons);
        } else {
            if (chance(r, 2)) {         /* ignored for a quantitative indicator */
                sc = (int64_t)(rng_next(r) % (uint64_t)(in->wcents + 1));
                fmt_cents(w->score, sizeof w->score, sc, 0);
            }
            if ((over && chance(r, 60)) || (under && chance(r, 20)))
                w->reason = PICK(r, reasons);
        }
    }

    /* now and then the rows come in another order */
    if (chance(r, 10))
        for (int i = nr - 1; i > 0; i--) {
            int j = (int)rnd(r, (unsigned)i + 1);
            Row t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }

    for (int i = 0; i < nr; i++) {
        csv_field(f, project);
        fputc(',', f);
        csv_field(f, rows[i].ind);
        fputc(',', f);
        csv_field(f, rows[i].value);
        fputc(',', f);
        csv_field(f, rows[i].weight);
        fputc(',', f);
        csv_field(f, rows[i].score);
        fputc(',', f);
        csv_field(f, rows[i].reason ? rows[i].reason : "");
        fputc('\n', f);
    }
}

/* ------------------------------------------------------- JSON, targets */

/* a JSON string (the generated text has no control characters) */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* an amount as {"金额":"446,048.00","单位":"元"} */
static void json_amount(FILE *f, const char *key, uint64_t cents)
{
    char amt[64];
    fmt_amount(amt, sizeof amt, cents);
    amt[strlen(amt) - strlen(" 元")] = '\0';
    fprintf(f, ",\"%s\":{\"金额\":\"%s\",\"单位\":\"元\"}", key, amt);
}

static void json_field(FILE *f, const char *key, const char *val)
{
    fprintf(f, ",\"%s\":", key);
    json_str(f, val);
}

/*
 * One project as a JSON object on one line (the .pg project, field for field;
 * comments are dropped).  The indicator tree is an object of 一级 objects of
 * 二级 arrays, in document order; a target is {"运算符", and one of "数值"
 * (with "单位"), "等级", "序列", "日期", "文本"}; numbers and amounts are
 * strings, so they stay exact.
 */
static void write_json(FILE *f, const Form *p)
{
    fputs("{\"项目\":", f);
    json_str(f, p->name);
    fputs(",\"年度\":2023", f);
    json_field(f, "项目性质", p->nature);
    json_field(f, "项目类别", p->category);
    json_field(f, "主管部门", p->dept);
    json_field(f, "实施单位", p->impl);
    json_field(f, "计划开始日期", "2023-01-01");
    json_field(f, "计划完成日期", "2023-12-31");
    fputs(",\"资金\":{", f);
    /* json_amount writes a leading comma: start the object with the first one */
    char amt[64];
    if (p->life) {
        fmt_amount(amt, sizeof amt, p->life);
        amt[strlen(amt) - strlen(" 元")] = '\0';
        fprintf(f, "\"项目资金总额\":{\"金额\":\"%s\",\"单位\":\"元\"}", amt);
        json_amount(f, "年度资金申请总额", p->total);
    } else {
        fmt_amount(amt, sizeof amt, p->total);
        amt[strlen(amt) - strlen(" 元")] = '\0';
        fprintf(f, "\"年度资金申请总额\":{\"金额\":\"%s\",\"单位\":\"元\"}", amt);
    }
    json_amount(f, "当年财政拨款", p->approp);
    json_amount(f, "上年结转资金", p->carry);
    json_amount(f, "其他资金", p->other);
    fputc('}', f);
    if (p->goal_all[0])
        json_field(f, "项目总体目标", p->goal_all);
    json_field(f, "年度总体目标", p->goal_year);
    fputs(",\"绩效指标\":{", f);
    for (int b = 0; b < p->nb; b++) {
        const Block *bl = p->blocks[b];
        fprintf(f, "%s\"%s\":{", b ? "," : "", bl->l1);
        int groups = 0;
        for (int c = bl->first; c <= (int)bl->last; c++) {
            int any = 0;
            for (int i = 0; i < p->nind; i++)
                any |= p->ind[i].cat == (enum Cat)c;
            if (!any)
                continue;
            fprintf(f, "%s\"%s\":[", groups++ ? "," : "", bl->l2 ? bl->l2 : cat_names[c]);
            int items = 0;
            for (int i = 0; i < p->nind; i++) {
                const Indicator *in = &p->ind[i];
                if (in->cat != (enum Cat)c)
                    continue;
                fputs(items++ ? ",{\"名称\":" : "{\"名称\":", f);
                json_str(f, in->name);
                json_field(f, "运算符", in->op);
                json_field(f, tkind_names[in->tk], in->tval);
                if (in->tk == T_NUM)
                    json_field(f, "单位", in->unit);
                if (p->spec_weights) {
                    char w[32];
                    fmt_cents(w, sizeof w, in->wcents, 1);
                    json_field(f, "分值", w);
                }
                fputc('}', f);
            }
            fputc(']', f);
        }
        fputc('}', f);
    }
    fputs("}}", f);
}

/*
 * The targets as one CSV row per indicator, in document order, for the SQL
 * scorer (bench/peers/duckdb-eval.mjs): 项目,序号,一级指标,二级指标,指标,
 * 运算符,类型,目标值,单位,分值,年度资金申请总额 (the last in 元, plain).
 */
static void write_targets(FILE *f, const Form *p)
{
    int seq = 0;
    for (int b = 0; b < p->nb; b++) {
        const Block *bl = p->blocks[b];
        for (int c = bl->first; c <= (int)bl->last; c++)
            for (int i = 0; i < p->nind; i++) {
                const Indicator *in = &p->ind[i];
                if (in->cat != (enum Cat)c)
                    continue;
                char w[32] = "";
                if (p->spec_weights)
                    fmt_cents(w, sizeof w, in->wcents, 1);
                csv_field(f, p->name);
                fprintf(f, ",%d,%s,%s,", ++seq, bl->l1, bl->l2 ? bl->l2 : cat_names[c]);
                csv_field(f, in->name);
                fprintf(f, ",%s,%s,", in->op, tkind_names[in->tk]);
                csv_field(f, in->tval);
                fprintf(f, ",%s,%s,%" PRIu64 ".%02u\n", in->tk == T_NUM ? in->unit : "", w,
                        p->total / 100, (unsigned)(p->total % 100));
            }
    }
}

/* ---------------------------------------------------------------- main */

static void usage(void)
{
    fputs("usage: pggen N [--seed S] [--files F] [-o DIR] [--actuals FILE] [--weights PCT]\n"
          "             [--cost-level1 PCT] [--json DIR] [--targets FILE]\n", stderr);
    exit(2);
}

static uint64_t parse_u64(const char *s, const char *what)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-') {
        fprintf(stderr, "pggen: bad %s: %s\n", what, s);
        exit(2);
    }
    return (uint64_t)v;
}

static void write_header(FILE *f, uint64_t seed, uint64_t first, uint64_t count)
{
    fprintf(f, "# 由 pggen 生成（种子 %" PRIu64 "，项目 %" PRIu64 "–%" PRIu64 "），请勿手工修改\n\n",
            seed, first + 1, first + count);
}

static int close_actuals(Opts *o, const char *path, char *buf)
{
    int rc = 0;
    if (o->act && fclose(o->act) != 0) {
        fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
        rc = 1;
    }
    o->act = NULL;
    free(buf);
    return rc;
}

/* --json: DIR/gen-NNNNN.json, a JSON array of the forms of gen-NNNNN.pg */
static int open_json(Opts *o, char *path, size_t cap, const char *dir, uint64_t fi,
                     char *buf, size_t bufsize)
{
    snprintf(path, cap, "%s/gen-%05" PRIu64 ".json", dir, fi);
    o->json = fopen(path, "w");
    if (!o->json) {
        fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
        return 1;
    }
    setvbuf(o->json, buf, _IOFBF, bufsize);
    fputs("[\n", o->json);
    return 0;
}

static int close_json(Opts *o, const char *path)
{
    if (!o->json)
        return 0;
    fputs("\n]\n", o->json);
    int rc = fclose(o->json) != 0;
    if (rc)
        fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
    o->json = NULL;
    return rc;
}

static int close_targets(Opts *o, const char *path)
{
    if (!o->targets)
        return 0;
    int rc = fclose(o->targets) != 0;
    if (rc)
        fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
    o->targets = NULL;
    return rc;
}

int main(int argc, char **argv)
{
    uint64_t n = 0, seed = 1, files = 0;
    const char *dir = NULL, *actuals = NULL, *jdir = NULL, *targets = NULL;
    int have_n = 0;
    Opts o = { NULL, NULL, NULL, 0, 0 };

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--seed") == 0 && i + 1 < argc)
            seed = parse_u64(argv[++i], "seed");
        else if (strcmp(a, "--files") == 0 && i + 1 < argc)
            files = parse_u64(argv[++i], "file count");
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(a, "--actuals") == 0 && i + 1 < argc)
            actuals = argv[++i];
        else if (strcmp(a, "--json") == 0 && i + 1 < argc)
            jdir = argv[++i];
        else if (strcmp(a, "--targets") == 0 && i + 1 < argc)
            targets = argv[++i];
        else if (strcmp(a, "--weights") == 0 && i + 1 < argc) {
            uint64_t w = parse_u64(argv[++i], "weights percentage");
            if (w > 100) {
                fputs("pggen: --weights takes a percentage, 0 to 100\n", stderr);
                exit(2);
            }
            o.weights = (unsigned)w;
        } else if (strcmp(a, "--cost-level1") == 0 && i + 1 < argc) {
            uint64_t c = parse_u64(argv[++i], "cost-level1 percentage");
            if (c > 100) {
                fputs("pggen: --cost-level1 takes a percentage, 0 to 100\n", stderr);
                exit(2);
            }
            o.cost_level1 = (unsigned)c;
        }
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            usage();
        else if (a[0] != '-' && !have_n) {
            n = parse_u64(a, "project count");
            have_n = 1;
        } else
            usage();
    }
    if (!have_n)
        usage();

    char *abuf = NULL;
    if (actuals) {
        o.act = fopen(actuals, "w");
        abuf = malloc(1 << 16);
        if (!o.act || !abuf) {
            fprintf(stderr, "pggen: %s: %s\n", actuals, strerror(errno));
            return 1;
        }
        setvbuf(o.act, abuf, _IOFBF, 1 << 16);
        fputs("项目,指标,实际完成值,分值,得分,偏差原因\n", o.act);
    }
    static char tbuf[1 << 16], jbuf[1 << 16];
    if (targets) {
        o.targets = fopen(targets, "w");
        if (!o.targets) {
            fprintf(stderr, "pggen: %s: %s\n", targets, strerror(errno));
            return 1;
        }
        setvbuf(o.targets, tbuf, _IOFBF, sizeof tbuf);
        fputs("项目,序号,一级指标,二级指标,指标,运算符,类型,目标值,单位,分值,年度资金申请总额\n",
              o.targets);
    }
    if (jdir && mkdir(jdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pggen: mkdir %s: %s\n", jdir, strerror(errno));
        return 1;
    }
    size_t jlen = jdir ? strlen(jdir) + 32 : 0;
    char *jpath = jdir ? malloc(jlen) : NULL;

    if (!dir) {
        if (files)
            fputs("pggen: --files ignored without -o\n", stderr);
        static char buf[1 << 16];
        setvbuf(stdout, buf, _IOFBF, sizeof buf);
        if (n)
            write_header(stdout, seed, 0, n);
        if (jdir && open_json(&o, jpath, jlen, jdir, 0, jbuf, sizeof jbuf) != 0)
            return 1;
        for (uint64_t i = 0; i < n; i++) {
            if (i)
                fputc('\n', stdout);
            if (o.json && i)
                fputs(",\n", o.json);
            write_project(stdout, seed, i, &o);
        }
        if (fflush(stdout) != 0 || ferror(stdout)) {
            perror("pggen: stdout");
            return 1;
        }
        if (close_json(&o, jpath) || close_targets(&o, targets))
            return 1;
        free(jpath);
        return close_actuals(&o, actuals, abuf);
    }

    if (files == 0)
        files = n ? (n + 99) / 100 : 1;
    if (files > n && n > 0)
        files = n;
    if (files > 100000) {
        fputs("pggen: at most 100000 files\n", stderr);
        return 2;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pggen: mkdir %s: %s\n", dir, strerror(errno));
        return 1;
    }

    size_t plen = strlen(dir) + 32;
    char *path = malloc(plen);
    char *buf = malloc(1 << 16);
    if (!path || !buf) {
        fputs("pggen: out of memory\n", stderr);
        return 1;
    }
    for (uint64_t fi = 0; fi < files; fi++) {
        uint64_t lo = n * fi / files, hi = n * (fi + 1) / files;
        snprintf(path, plen, "%s/gen-%05" PRIu64 ".pg", dir, fi);
        FILE *f = fopen(path, "w");
        if (!f) {
            fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
            return 1;
        }
        setvbuf(f, buf, _IOFBF, 1 << 16);
        if (jdir && open_json(&o, jpath, jlen, jdir, fi, jbuf, sizeof jbuf) != 0)
            return 1;
        if (hi > lo)
            write_header(f, seed, lo, hi - lo);
        for (uint64_t i = lo; i < hi; i++) {
            if (i > lo)
                fputc('\n', f);
            if (o.json && i > lo)
                fputs(",\n", o.json);
            write_project(f, seed, i, &o);
        }
        if (close_json(&o, jpath) != 0)
            return 1;
        if (fclose(f) != 0) {
            fprintf(stderr, "pggen: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    free(path);
    free(buf);
    free(jpath);
    if (close_targets(&o, targets))
        return 1;
    return close_actuals(&o, actuals, abuf);
}
