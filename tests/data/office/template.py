#!/usr/bin/env python3
"""template.py check|fill TEMPLATE.xlsx [ACTUALS.csv OUT.xlsx] — the actuals
template as Excel shows it (openpyxl, Debian's python3-openpyxl).

  check  prints what a unit sees: the sheet, its header, each row (the
         fixed cells, which are locked, and the cells to fill in, which are
         not), the drop-down of each qualitative target, the protection and
         the print setup — a golden text the test compares;
  fill   fills the template in from an actuals CSV as a person types into
         Excel: most figures as text, a rate as a number with a percent
         format (0.992 shown 99.2%), 全年执行数 as a number with #,##0.00,
         the 得分 (a number) and the 偏差原因 where the CSV has them;
         writes OUT.xlsx.
"""
import csv
import sys

import openpyxl


def check(path):
    wb = openpyxl.load_workbook(path)
    print("sheets:", wb.sheetnames)
    ws = wb.worksheets[0]
    print("protected:", ws.protection.sheet, "freeze:", ws.freeze_panes)
    print("print:", ws.page_setup.paperSize, ws.page_setup.orientation, "titles:", ws.print_title_rows,
          "fit:", ws.page_setup.fitToWidth, ws.sheet_properties.pageSetUpPr.fitToPage)
    lists = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            lists[rng] = (dv.type, dv.formula1)
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if v is None:
                v = ""
            mark = "" if c.protection.locked else "✎"
            if isinstance(v, (int, float)):
                v = "%s<%s>" % (v, c.number_format)
            cells.append("%s%s" % (mark, v))
        line = " | ".join(cells)
        ref = "F%d" % row[0].row
        if ref in lists:
            line += "   ▼ %s %s" % lists[ref]
        print(row[0].row, line)
    print("widths:", [ws.column_dimensions[c].width for c in "ABCDEFGHI"])


def fill(path, actuals, out):
    rows = {}
    with open(actuals, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["项目"], r["指标"])] = r
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(head)}
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["项目"]).value, ws.cell(r, col["指标"]).value)
        if key not in rows or key[1] == "全年预算数":
            continue
        v = rows[key]["实际完成值"]
        cell = ws.cell(r, col["实际完成值"])
        if key[1] == "全年执行数":
            cell.value = float(v.replace(",", ""))
            cell.number_format = "#,##0.00"
        elif v.endswith("%") and "." in v and v[:-1].replace(".", "").isdigit():
            # typed as 99.2%: Excel keeps 0.992 and shows it with one decimal
            digits = len(v[:-1].split(".")[1])
            cell.value = float(v[:-1]) / 100
            cell.number_format = "0." + "0" * digits + "%"
        else:
            cell.value = v
            cell.data_type = "s"
        if rows[key]["偏差原因"]:
            ws.cell(r, col["偏差原因"]).value = rows[key]["偏差原因"]
        if rows[key]["得分"]:       # a person's score of a text target
            ws.cell(r, col["得分"]).value = float(rows[key]["得分"])
    wb.save(out)


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
