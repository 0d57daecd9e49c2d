#!/usr/bin/env python3
"""hostile.py OUTDIR GOOD.xlsx — workbooks and documents pgc import must refuse
or warn about, each with one flaw (python3's zipfile and openpyxl):

  bomb.xlsx        a sheet of 100 MB of blanks, deflated to 100 kB
  doctype.xlsx     a workbook part that declares an external entity
  truncated.xlsx   GOOD.xlsx cut in the middle
  notzip.xlsx      zip's magic bytes, then noise
  ole.xls          the start of an OLE compound file (an old .xls, or an
                   encrypted workbook)
  neither.xlsx     a zip archive that is no workbook nor document
  badxml.docx      a document whose XML is cut short
  noform.xlsx      two sheets, neither of them a form
  doubtful.xlsx    a form whose amount has a fraction format and whose
                   target is a formula saved without its value
"""
import os
import random
import sys
import zipfile

import openpyxl

CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="%s"/></Relationships>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?>%s'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')


def workbook(path, wb_xml, sheet_xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS % "xl/workbook.xml")
        z.writestr("xl/workbook.xml", wb_xml)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def main():
    out, good = sys.argv[1], sys.argv[2]
    blanks = SHEET_HEAD + " " * (100 << 20) + "</sheetData></worksheet>"
    workbook(out + "/bomb.xlsx", WB % "", blanks)
    del blanks
    workbook(out + "/doctype.xlsx",
             WB % '<!DOCTYPE workbook [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
             SHEET_HEAD + "</sheetData></worksheet>")
    data = open(good, "rb").read()
    open(out + "/truncated.xlsx", "wb").write(data[: len(data) // 2])
    rnd = random.Random(16)
    open(out + "/notzip.xlsx", "wb").write(b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(4096)))
    open(out + "/ole.xls", "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with zipfile.ZipFile(out + "/neither.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    with zipfile.ZipFile(out + "/badxml.docx", "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS % "word/document.xml")
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                   'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>项目')
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本工作簿收录各单位的绩效目标申报表"
    wb.create_sheet("附表")["B2"] = 42
    wb.save(out + "/noform.xlsx")
    # a seed form, with a fraction format on an amount and a formula target
    wb = openpyxl.load_workbook(good)
    ws = wb["交换平台运行费"]
    formula = False
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                if not formula:
                    c.value = "=A1*100"     # openpyxl saves no value with it
                    formula = True
                else:
                    c.data_type = "s"       # the other targets stay text
            elif c.value == 446048 and c.number_format == "#,##0.00":
                c.number_format = "# ?/?"
    for name in wb.sheetnames:
        if name != "交换平台运行费":
            del wb[name]
    wb.save(out + "/doubtful.xlsx")
    os.utime(out, None)


if __name__ == "__main__":
    main()
