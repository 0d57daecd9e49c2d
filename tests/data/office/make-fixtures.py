#!/usr/bin/env python3
"""make-fixtures.py SEED.txt OUTDIR — the seed forms as Excel and Word make them.
   make-fixtures.py --each OUTDIR FORM... — each pasted form as NAME.xlsx, NAME.docx.

The seven 2023 forms of tests/data/seeds/ are tables pasted out of Word: one
row a line, cells separated by tabs.  This writes the same tables as an office
receives them, with openpyxl and python-docx (Debian's python3-openpyxl and
python3-docx):

  OUTDIR/forms.xlsx   one sheet per form, named after its project: the title
                      and the 年度 in merged rows above the table; amounts
                      stored as numbers with the format #,##0.00, dates as
                      dates with yyyy-mm-dd; a label merged down over the rows
                      it heads (项目资金, 绩效指标, a 一级 category) and a cell
                      merged across the empty cells after it, as the forms
                      are drawn;
  OUTDIR/forms.docx   one table per form, the title and the 年度 as
                      paragraphs above it; the same merges, as w:vMerge and
                      w:gridSpan (across the empty cells at the end of a row
                      only: a cell merged across columns is one cell when Word
                      copies a table out, and would move the cells after it).

A paste of either gives the seed's text back, so `pgc import` must give the
same .pg files from all three.
"""
import datetime
import os
import re
import sys

import docx
import openpyxl
from openpyxl.styles import Alignment

AMOUNT = re.compile(r"^\d{1,3}(,\d{3})*\.\d{2}$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TITLE = "财政项目支出绩效目标申报表"


def forms(path):
    """The seed's forms: each a title, a 年度 line and its table's rows."""
    out, cur = [], None
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.strip() == TITLE:
            cur = {"year": None, "rows": []}
            out.append(cur)
        elif cur is not None and line.startswith("(") and cur["year"] is None:
            cur["year"] = line.strip()
        elif cur is not None and "\t" in line:
            cur["rows"].append(line.split("\t"))
    return out


def name_of(form):
    for row in form["rows"]:
        if row[0].strip() == "项目名称":
            return row[1].strip()
    raise SystemExit("a form without 项目名称")


def merges(rows):
    """(vertical, horizontal): column-A labels over the empty cells below
    them, and cells over the empty cells after them at the end of a row."""
    width = max(len(r) for r in rows)
    vert = []
    for r, row in enumerate(rows):
        if not row[0].strip():
            continue
        k = r + 1
        while k < len(rows) and not rows[k][0].strip() and any(c.strip() for c in rows[k]):
            k += 1
        if k - 1 > r:
            vert.append((r, k - 1))
    anchors = {r for r, _ in vert}
    horiz = []
    for r, row in enumerate(rows):
        cells = row + [""] * (width - len(row))
        filled = [c for c, v in enumerate(cells) if v.strip()]
        if not filled:
            continue
        last = filled[-1]
        if last < width - 1 and not (last == 0 and r in anchors):
            horiz.append((r, last, width - 1))
    return vert, horiz


def write_xlsx(all_forms, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for form in all_forms:
        ws = wb.create_sheet(name_of(form)[:31])
        rows = form["rows"]
        width = max(len(r) for r in rows)
        ws.cell(row=1, column=1, value=TITLE).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(row=3, column=1, value=form["year"]).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
        top = 5
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if not text:
                    continue
                cell = ws.cell(row=top + r, column=c + 1)
                m = DATE.match(text)
                if AMOUNT.match(text):
                    cell.value = float(text.replace(",", ""))
                    cell.number_format = "#,##0.00"
                elif m:
                    cell.value = datetime.datetime(int(m[1]), int(m[2]), int(m[3]))
                    cell.number_format = "yyyy-mm-dd"
                else:
                    cell.value = text
                    # a target such as =100.00(%) is text, as a form's
                    # author types it (with a leading ' in Excel)
                    cell.data_type = "s"
        vert, horiz = merges(rows)
        for r0, r1 in vert:
            ws.merge_cells(start_row=top + r0, start_column=1, end_row=top + r1, end_column=1)
        for r, c0, c1 in horiz:
            ws.merge_cells(start_row=top + r, start_column=c0 + 1, end_row=top + r, end_column=c1 + 1)
    wb.save(path)


def write_docx(all_forms, path):
    d = docx.Document()
    for i, form in enumerate(all_forms):
        if i:
            d.add_paragraph("")
        d.add_paragraph(TITLE)
        d.add_paragraph(form["year"])
        rows = form["rows"]
        width = max(len(r) for r in rows)
        t = d.add_table(rows=len(rows), cols=width)
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    t.cell(r, c).text = text
        vert, horiz = merges(rows)
        for r, c0, c1 in horiz:
            t.cell(r, c0).merge(t.cell(r, c1))
        for r0, r1 in vert:
            a = t.cell(r0, 0)
            a.merge(t.cell(r1, 0))
            # merge() joins the texts of the cells it spans: the continuing
            # cells were empty, the label is the first cell's text alone
            a.text = rows[r0][0]
    d.save(path)


def decode(data):
    """A pasted form's bytes as text: UTF-8 (a BOM or not), UTF-16, GB18030."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def table_of(path):
    """The rows of a pasted table, as a spreadsheet holds them: tab-separated
    when the text has a tab, else comma-separated.  A cell in quotes may
    hold separators, "" and line breaks — when its closing quote ends the
    cell; a quote that opens no such cell is a character (“"好差评"差评整改率”),
    as pgc import reads a paste."""
    text = decode(open(path, "rb").read()).replace("\r\n", "\n")
    sep = "\t" if "\t" in text else ","
    rows, row, i, n = [], [], 0, len(text)
    while i < n:
        field = None
        if text[i] == '"':
            j, buf = i + 1, []
            while j < n:
                if text[j] == '"' and j + 1 < n and text[j + 1] == '"':
                    buf.append('"')
                    j += 2
                elif text[j] == '"':
                    break
                else:
                    buf.append(text[j])
                    j += 1
            if j < n and (j + 1 == n or text[j + 1] in (sep, "\n")):
                field, i = "".join(buf), j + 1
        if field is None:
            j = i
            while j < n and text[j] not in (sep, "\n"):
                j += 1
            field, i = text[i:j], j
        row.append(field)
        if i < n and text[i] == sep:
            i += 1
            if i == n:
                row.append("")
        else:
            rows.append(row)
            row = []
            i += 1
    if row:
        rows.append(row)
    return rows


def cell_value(cell, text):
    """A cell as a form's author types it: amounts and dates as numbers."""
    m = DATE.match(text)
    if AMOUNT.match(text):
        cell.value = float(text.replace(",", ""))
        cell.number_format = "#,##0.00"
    elif m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 28:
        cell.value = datetime.datetime(int(m[1]), int(m[2]), int(m[3]))
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = text
        cell.data_type = "s"


def write_each(outdir, paths):
    """Each pasted form of paths as NAME.xlsx (its table on one sheet) and
    NAME.docx (rows of one cell as paragraphs, the others as tables)."""
    for path in paths:
        rows = table_of(path)
        name = os.path.splitext(os.path.basename(path))[0]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "表"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    cell_value(ws.cell(row=r + 1, column=c + 1), text)
        wb.save(os.path.join(outdir, name + ".xlsx"))
        d = docx.Document()
        block = []

        def flush():
            if not block:
                return
            width = max(len(r) for r in block)
            t = d.add_table(rows=len(block), cols=width)
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    if text:
                        t.cell(r, c).text = text
            block.clear()

        for row in rows:
            if len(row) <= 1:
                flush()
                d.add_paragraph(row[0] if row else "")
            else:
                block.append(row)
        flush()
        d.save(os.path.join(outdir, name + ".docx"))


def main():
    if sys.argv[1] == "--each":
        write_each(sys.argv[2], sys.argv[3:])
        return
    seed, outdir = sys.argv[1], sys.argv[2]
    all_forms = forms(seed)
    write_xlsx(all_forms, outdir + "/forms.xlsx")
    write_docx(all_forms, outdir + "/forms.docx")


if __name__ == "__main__":
    main()
