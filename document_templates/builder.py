"""Build default .docx templates in code with python-docx: the kommune header, headings, tables and
page numbers, with docxtpl (Jinja) tags where the data goes.

    b = DocBuilder(title="Saksframlegg")              # header: {{ kommune.logo }} {{ kommune.name }}; footer: Side X av Y
    b.heading("{{ case.title }}", level=1)
    b.field_table([("Arkivsaksnummer", "case.arkivsaksnummer"), ("Saksbehandler", "case.officer")])
    b.paragraph("{{ paper.summary }}")
    b.loop_table("a", "paper.attachments", [("Nr.", "a.number"), ("Tittel", "a.title")])
    b.block_if("case.exempt_marking", lambda: b.paragraph("{{ case.exempt_marking }}", bold=True))
    data = b.to_bytes()

The context must provide ``kommune`` (see ``context.kommune_context``).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def _field(paragraph, instr: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


class DocBuilder:
    def __init__(self, *, title: str, page_label: str = "Side", of_label: str = "av", header_extra: str = ""):
        self.doc = Document()
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "Saksgang"
        styles = self.doc.styles
        styles["Normal"].font.name = "Calibri"
        styles["Normal"].font.size = Pt(11)
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5), ("Title", 20)):
            styles[name].font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
            styles[name].font.size = Pt(size)
        section = self.doc.sections[0]
        section.top_margin = Cm(2)
        section.bottom_margin = Cm(2)
        section.left_margin = Cm(2.5)
        section.right_margin = Cm(2.5)
        self._header(header_extra)
        self._footer(page_label, of_label)

    def _header(self, extra: str) -> None:
        header = self.doc.sections[0].header
        p = header.paragraphs[0]
        p.text = ""
        p.add_run("{{ kommune.logo }}")
        run = p.add_run("  {{ kommune.name }}")
        run.bold = True
        run.font.size = Pt(13)
        if extra:
            p2 = header.add_paragraph()
            r2 = p2.add_run(extra)
            r2.font.size = Pt(9)

    def _footer(self, page_label: str, of_label: str) -> None:
        footer = self.doc.sections[0].footer
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f"{page_label} ")
        _field(p, "PAGE")
        p.add_run(f" {of_label} ")
        _field(p, "NUMPAGES")

    # -- content ------------------------------------------------------------------------------------
    def title(self, text: str):
        return self.doc.add_heading(text, level=0)

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
                  color: RGBColor | None = None):
        p = self.doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic
            if size:
                run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color
        return p

    def tag(self, tag: str):
        """A paragraph holding only a docxtpl paragraph tag, e.g. ``{%p if x %}``; it disappears when rendered."""
        return self.doc.add_paragraph(tag)

    def block_if(self, condition: str, body, *, else_body=None) -> None:
        self.tag(f"{{%p if {condition} %}}")
        body()
        if else_body is not None:
            self.tag("{%p else %}")
            else_body()
        self.tag("{%p endif %}")

    def block_for(self, var: str, iterable: str, body) -> None:
        self.tag(f"{{%p for {var} in {iterable} %}}")
        body()
        self.tag("{%p endfor %}")

    def field_table(self, rows: list[tuple[str, str]], *, label_width_cm: float = 5):
        """A two-column table of fixed labels and ``{{ expr }}`` values."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for label, expr in rows:
            cells = table.add_row().cells
            cells[0].width = Cm(label_width_cm)
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(f"{{{{ {expr} }}}}")
        self.doc.add_paragraph()
        return table

    def loop_table(self, var: str, iterable: str, columns: list[tuple[str, str]]):
        """A table with a header row and one row per element: ``{%tr for var in iterable %}``."""
        table = self.doc.add_table(rows=4, cols=len(columns))
        table.style = "Table Grid"
        for i, (label, _expr) in enumerate(columns):
            table.rows[0].cells[i].paragraphs[0].add_run(label).bold = True
            table.rows[2].cells[i].paragraphs[0].add_run(f"{{{{ {_expr} }}}}")
        table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {var} in {iterable} %}}")
        table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self.doc.add_paragraph()
        return table

    def page_break(self):
        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        return p

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
