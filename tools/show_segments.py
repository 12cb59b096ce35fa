"""Print the segments the pipeline finds in a text file (a debugging aid)."""
import sys
from pathlib import Path

from pipeline.normalize import normalize_text
from pipeline.segment import segment
from schemas import Document, Source

for name in sys.argv[1:]:
    raw = Path(name).read_text(encoding="utf-8")
    doc = Document(id="0" * 64, source=Source(path=name, media_type="text/plain"), raw_text=raw)
    doc = doc.model_copy(update={"text": normalize_text(raw)})
    doc = segment(doc)
    print("=" * 20, name)
    for s in doc.segments:
        if s.part.value == "body":
            print(f"  {s.part.value:<13} [{s.start},{s.end}] {doc.text[s.start:s.start+60]!r} ... {doc.text[s.end-40:s.end]!r}")
        else:
            print(f"  {s.part.value:<13} {s.rule:<14} {doc.text[s.start:s.end][:110]!r}")
