#!/usr/bin/python3
"""read.py — a workbook of pgc eval/render --format xlsx, read back with
openpyxl, for tests/cli/xlsx.sh.

    read.py dump BOOK.xlsx
        what openpyxl reads, as text (the golden): per sheet its page
        setup, print titles, column widths, row heights, merged ranges,
        then every cell that is not empty — a number as n:REPR [FORMAT],
        a text as its characters (a line break as \\n)
    read.py eval BOOK.xlsx REPORT.csv REPORT.json
        checks a 自评表 workbook against what pgc eval prints for the same
        run, --format csv (the summary) and --format json (each sheet)
    read.py render BOOK.xlsx FORMS.md
        checks a 申报表 workbook against pgc render --format md
    read.py names BOOK.xlsx
        the sheets' names, the summary's links to them and their print
        titles, a line each

Every figure is compared exactly: a number cell must be a number (int or
float), and its shortest text (repr) must be the decimal pgc printed —
7.14 reads back as 7.14, not 7.140000000000001.  Exit status 1 with a
line per difference.
"""
import csv
import json
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, range_boundaries

problems = []


def fail(msg):
    problems.append(msg)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def dec(v):
    """A number cell's value as the decimal its shortest text says."""
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def merged_value(ws, row, col):
    """The value shown at (row, col): a merged range's shows its first cell's."""
    for r in ws.merged_cells.ranges:
        if r.min_row <= row <= r.max_row and r.min_col <= col <= r.max_col:
            return ws.cell(r.min_row, r.min_col).value
    return ws.cell(row, col).value


def text(v):
    return '' if v is None else v


# ---- dump ---------------------------------------------------------------------

def show(v):
    if is_number(v):
        return 'n:' + repr(v)
    return str(v).replace('\n', '\\n')


def dump(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append('== sheet %s' % ws.title)
        out.append('page: paper %s %s, fit to page %s (%s wide, %s tall), centred %s, titles %s' % (
            ps.paperSize, ps.orientation, bool(fit and fit.fitToPage), ps.fitToWidth or 1, ps.fitToHeight,
            ws.print_options.horizontalCentered, ws.print_title_rows))
        out.append('footer: %s' % (ws.oddFooter.center.text or ''))
        if ws.freeze_panes or ws.auto_filter.ref:
            out.append('frozen at %s, filter %s' % (ws.freeze_panes, ws.auto_filter.ref))
        out.append('columns: ' + ' '.join('%s %.1f' % (k, d.width) for k, d in sorted(ws.column_dimensions.items())))
        out.append('rows: ' + ' '.join('%d %.1f' % (k, d.height) for k, d in sorted(ws.row_dimensions.items())
                                       if d.height))
        out.append('merged: ' + ' '.join(sorted((str(r) for r in ws.merged_cells.ranges),
                                                key=lambda s: (int(re.sub(r'\D', '', s.split(':')[0])), s))))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == '':
                    continue
                line = '%s %s' % (c.coordinate, show(c.value))
                if is_number(c.value):
                    line += ' [%s]' % c.number_format
                if c.hyperlink is not None:
                    line += ' -> %s' % c.hyperlink.location
                out.append(line)
        out.append('')
    print('\n'.join(out), end='')


# ---- the common checks ----------------------------------------------------------

def check_xml(path):
    """What openpyxl does not show and Excel refuses a file for: merged
    ranges that overlap, a value in a merged range but in its first cell."""
    z = zipfile.ZipFile(path)
    for name in sorted(z.namelist()):
        if not re.match(r'xl/worksheets/sheet\d+\.xml$', name):
            continue
        xml = z.read(name).decode('utf-8')
        ranges = [range_boundaries(r) for r in re.findall(r'<mergeCell ref="([^"]+)"', xml)]
        for i, a in enumerate(ranges):
            for b in ranges[i + 1:]:
                if not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]):
                    fail('%s: merged ranges %s and %s overlap' % (name, a, b))
        for ref, body in re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>(.*?)</c>)', xml):
            if '<v>' not in body:
                continue
            letters, row = coordinate_from_string(ref)
            col = column_index_from_string(letters)
            for a in ranges:
                if a[0] <= col <= a[2] and a[1] <= row <= a[3] and (col, row) != (a[0], a[1]):
                    fail('%s: %s has a value inside the merged range %s' % (name, ref, a))


def check_page(ws, orientation, titles):
    ps = ws.page_setup
    if ps.paperSize not in (9, '9'):
        fail('%s: paper %r, not A4 (9)' % (ws.title, ps.paperSize))
    if ps.orientation != orientation:
        fail('%s: %s, not %s' % (ws.title, ps.orientation, orientation))
    fit = ws.sheet_properties.pageSetUpPr
    if not (fit and fit.fitToPage) or (ps.fitToWidth or 1) != 1 or ps.fitToHeight not in (0, '0'):
        fail('%s: not fitted to one page wide' % ws.title)
    if ws.print_title_rows != titles:
        fail('%s: print titles %r, not %r' % (ws.title, ws.print_title_rows, titles))


def check_number(ws, coord, want, fmt):
    """The cell at coord is a number, equal to the decimal want, formatted fmt."""
    c = ws[coord]
    if not is_number(c.value):
        fail('%s!%s: %r is not a number' % (ws.title, coord, c.value))
        return
    if dec(c.value) != Decimal(want):
        fail('%s!%s: %r, pgc printed %s' % (ws.title, coord, c.value, want))
    if c.number_format != fmt:
        fail('%s!%s: number format %r, not %r' % (ws.title, coord, c.number_format, fmt))


def check_text(ws, coord, want):
    got = text(merged_value(ws, ws[coord].row, ws[coord].column))
    if got != text(want):
        fail('%s!%s: %r, not %r' % (ws.title, coord, got, want))


def summary_columns(ws):
    """The summary's headings (row 3) by name: their column letters."""
    return {c.value: c.column_letter for c in ws[3] if c.value}


def check_summary_links(wb, ws, n):
    for k in range(n):
        c = ws.cell(4 + k, 1)
        want = "'%s'!A1" % wb.sheetnames[k + 1].replace("'", "''")
        if c.hyperlink is None or c.hyperlink.location != want:
            fail('汇总!A%d: no link to sheet %s' % (4 + k, wb.sheetnames[k + 1]))


def runs(keys):
    """(first, length) of each run of equal keys; None keys are runs of one."""
    out, i = [], 0
    while i < len(keys):
        j = i + 1
        while keys[i] is not None and j < len(keys) and keys[j] == keys[i]:
            j += 1
        out.append((i, j - i))
        i = j
    return out


def check_merges(ws, col, first_row, keys, what):
    """The cells of column col from first_row are merged over each run of keys."""
    letter = get_column_letter(col)
    want = set()
    for i, n in runs(keys):
        if n > 1:
            want.add('%s%d:%s%d' % (letter, first_row + i, letter, first_row + i + n - 1))
    last = first_row + len(keys) - 1
    got = {str(r) for r in ws.merged_cells.ranges
           if r.min_col == col == r.max_col and first_row <= r.min_row <= last}
    if got != want:
        fail('%s: the %s cells merged over %s, not %s' % (ws.title, what, sorted(got), sorted(want)))


# ---- the 自评表 ---------------------------------------------------------------------

AMOUNT = ('#,##0.00', '#,##0.00####')


def check_eval(path, csv_path, json_path):
    check_xml(path)
    wb = openpyxl.load_workbook(path)
    with open(csv_path, encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    with open(json_path, encoding='utf-8') as f:
        projects = json.load(f)['projects']
    if wb.sheetnames[0] != '汇总':
        fail('the first sheet is %r, not 汇总' % wb.sheetnames[0])
    if len(wb.sheetnames) != len(rows) + 1:
        fail('%d sheets for %d projects' % (len(wb.sheetnames), len(rows)))
    ws = wb['汇总']
    check_page(ws, 'landscape', '$3:$3')
    col = summary_columns(ws)
    for k, row in enumerate(rows):
        r = 4 + k
        check_text(ws, 'A%d' % r, row['项目'])
        check_number(ws, '%s%d' % (col['总分'], r), row['总分'], '0.00')
        check_text(ws, '%s%d' % (col['等级'], r), row['等级'])
        rate = Decimal(row['执行率'].rstrip('%')) / 100
        check_number(ws, '%s%d' % (col['执行率'], r), rate, '0.00%')
        check_number(ws, '%s%d' % (col['预算执行率得分'], r), row['预算执行率得分'], '0.00')
        check_number(ws, '%s%d' % (col['指标数'], r), row['指标数'], '0')
        check_number(ws, '%s%d' % (col['未达成指标数'], r), row['未达成指标数'], '0')
    check_summary_links(wb, ws, len(rows))
    for k, p in enumerate(projects):
        if k + 1 < len(wb.sheetnames):
            check_selfeval(wb.worksheets[k + 1], p)


def check_selfeval(ws, p):
    check_page(ws, 'landscape', '$9:$9')
    check_text(ws, 'A1', '项目支出绩效自评表')
    check_text(ws, 'B3', p['project'])
    ex = p['execution']
    fmt = ws['C6'].number_format
    if fmt not in AMOUNT:
        fail('%s!C6: number format %r' % (ws.title, fmt))
    for coord, key in (('C6', 'budget_initial'), ('D6', 'budget'), ('E6', 'spent')):
        c = ws[coord]
        # the sheet's amounts are in the unit of the 资金 block: 元, or
        # 万元 (the JSON's are in 元): the same digits, the point moved
        scale = Decimal(10000) if ws['A5'].value.endswith('（万元）') else Decimal(1)
        if not is_number(c.value) or dec(c.value) * scale != Decimal(str(ex[key])):
            fail('%s!%s: %r, pgc printed %s 元' % (ws.title, coord, c.value, ex[key]))
    check_number(ws, 'F6', str(ex['weight']), '0.00')
    check_number(ws, 'G6', Decimal(str(ex['rate'])) / 100, '0.00%')
    check_number(ws, 'H6', str(ex['score']), '0.00')
    check_text(ws, 'I6', ex['reason'])
    check_text(ws, 'B9', '一级指标')
    inds = p['indicators']
    for i, e in enumerate(inds):
        r = 10 + i
        check_text(ws, 'B%d' % r, e['level1'])
        check_text(ws, 'C%d' % r, e['level2'])
        check_text(ws, 'D%d' % r, e['name'])
        check_text(ws, 'E%d' % r, e['target'])
        check_text(ws, 'F%d' % r, e['actual'])
        check_number(ws, 'G%d' % r, str(e['weight']), '0.00')
        check_number(ws, 'H%d' % r, str(e['score']), '0.00')
        check_text(ws, 'I%d' % r, e['reason'])
        if 'explain' in e:
            check_text(ws, 'J%d' % r, e['explain'])
    check_merges(ws, 1, 9, ['绩效指标'] * (len(inds) + 1), '绩效指标')
    check_merges(ws, 2, 10, [e['level1'] for e in inds], '一级')
    check_merges(ws, 3, 10, [(e['level1'], e['level2']) if e['level2'] else None for e in inds], '二级')
    r = 10 + len(inds)
    check_text(ws, 'A%d' % r, '总分')
    weights = sum(Decimal(str(t['weight'])) for t in p['subtotals']) + Decimal(str(ex['weight']))
    check_number(ws, 'G%d' % r, weights, '0.00')
    check_number(ws, 'H%d' % r, str(p['total']), '0.00')
    check_text(ws, 'A%d' % (r + 1), '等级')
    check_text(ws, 'G%d' % (r + 1), p['grade'])


# ---- the 申报表 ---------------------------------------------------------------------

def md_cells(line):
    """The cells of a Markdown table row, unescaped."""
    cells = re.split(r'(?<!\\)\|', line.strip())[1:-1]
    return [re.sub(r'\\(.)', r'\1', c.strip()) for c in cells]


def md_forms(path):
    """Each form of pgc render --format md: its rows of cells."""
    forms = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('# '):
                forms.append([])
            elif line.startswith('|') and not line.startswith('| ---'):
                forms[-1].append(md_cells(line))
    return forms


def check_render(path, md_path):
    check_xml(path)
    wb = openpyxl.load_workbook(path)
    forms = md_forms(md_path)
    if wb.sheetnames[0] != '汇总':
        fail('the first sheet is %r, not 汇总' % wb.sheetnames[0])
    if len(wb.sheetnames) != len(forms) + 1:
        fail('%d sheets for %d forms' % (len(wb.sheetnames), len(forms)))
    summary = wb['汇总']
    check_page(summary, 'landscape', '$3:$3')
    check_summary_links(wb, summary, len(forms))
    col = summary_columns(summary)
    for k, rows in enumerate(forms):
        if k + 1 >= len(wb.sheetnames):
            break
        ws = wb.worksheets[k + 1]
        check_page(ws, 'portrait', '$12:$12')
        head = {rows[i][0]: rows[i] for i in range(3)}
        name = head['项目名称'][1]
        check_text(summary, 'A%d' % (4 + k), name)
        for coord, want in (('B3', name), ('D3', head['项目名称'][3]), ('F3', head['项目名称'][5]),
                            ('B4', head['主管部门'][1]), ('D4', head['主管部门'][3]),
                            ('B5', head['计划开始日期'][1]), ('D5', head['计划开始日期'][3])):
            check_text(ws, coord, want)
        # the funds: rows 4-7 of the Markdown, amounts in its fifth column
        for i, coord in enumerate(('E6', 'E7', 'E8', 'E9')):
            want = rows[3 + i][4].replace(',', '')
            if want:
                check_number(ws, coord, want, '#,##0.00')
            else:
                check_text(ws, coord, '')
        check_text(ws, 'D11', rows[8][3])              # 年度总体目标
        inds = rows[10:]
        l1 = l2 = None
        keys1, keys2 = [], []
        for i, cells in enumerate(inds):
            r = 13 + i
            if cells[1]:
                l1, l2 = cells[1], None
            if cells[2]:
                l2 = None if cells[2] == '—' else cells[2]
            check_text(ws, 'B%d' % r, l1)
            check_text(ws, 'C%d' % r, l2 or '')
            check_text(ws, 'D%d' % r, cells[3])
            check_text(ws, 'E%d' % r, cells[4])
            keys1.append(l1)
            keys2.append((l1, l2) if l2 else None)
        check_merges(ws, 2, 13, keys1, '一级')
        check_merges(ws, 3, 13, keys2, '二级')
        check_number(summary, '%s%d' % (col['指标数'], 4 + k), sum(1 for c in inds if c[3]), '0')


# ---- names ------------------------------------------------------------------------

def names(path):
    wb = openpyxl.load_workbook(path)
    ws = wb['汇总']
    for k, title in enumerate(wb.sheetnames[1:]):
        c = ws.cell(4 + k, 1)
        print('%s\t%s\t%s\t%s' % (title, c.value, c.hyperlink.location if c.hyperlink else '-',
                                 wb[title].print_title_rows))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'dump':
        dump(*args)
    elif cmd == 'eval':
        check_eval(*args)
    elif cmd == 'render':
        check_render(*args)
    elif cmd == 'names':
        names(*args)
    else:
        sys.exit('read.py: unknown command %s' % cmd)
    for p in problems:
        print('FAIL: ' + p)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
