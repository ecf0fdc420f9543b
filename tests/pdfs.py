"""Small real PDFs for tests, written object by object: text on each page (Helvetica), and, when asked,
what an accessible PDF has (tags, a language, a title)."""


def make_pdf(pages: list[str], *, tagged: bool = False, language: str = "", title: str = "") -> bytes:
    objects = []
    catalog = "<< /Type /Catalog /Pages 2 0 R"
    if tagged:
        catalog += " /MarkInfo << /Marked true >> /StructTreeRoot 4 0 R"
    if language:
        catalog += f" /Lang ({language})"
    objects.append(catalog + " >>")
    kids = " ".join(f"{5 + 2 * n} 0 R" for n in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append("<< /Type /StructTreeRoot /K [] >>")
    for n, text in enumerate(pages):
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * n} 0 R >>"
        )
        stream = f"BT /F1 12 Tf 72 780 Td ({text}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    info = len(objects) + 1
    objects.append(f"<< /Title ({title}) >>" if title else "<< /Producer (tests) >>")
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
