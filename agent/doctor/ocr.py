"""Doctor check for reading receipts printed as pictures: Tesseract and its
English data are there (a till whose driver prints pictures has its sales'
totals read by it), and the running agent's readings are not failing."""

from __future__ import annotations

from agent.doctor.base import Context, Finding, check, ok, warn

FIX = ("install Tesseract: `apt-get install tesseract-ocr tesseract-ocr-eng` (and "
       "`pip install tesserocr` in the agent's venv); scripts/dev.sh does both")


@check("host.ocr", timeout_s=10.0)
def ocr(ctx: Context) -> Finding:
    try:
        from agent.ocr import reader as ocr_mod

        path = ocr_mod.tessdata_path()
        import tesserocr

        version = tesserocr.tesseract_version().split()[1]
    except (FileNotFoundError, ImportError, OSError, IndexError) as exc:
        return warn("host.ocr", f"receipts printed as pictures cannot be read ({exc}): they "
                    "are journaled flagged raster_only, with no total", FIX)
    counters = ((ctx.runtime or {}).get("counters") or {}) if ctx.daemon_running else {}
    failed = int(counters.get("ocr_failed") or 0)
    detail = [f"{k}: {counters[k]}" for k in sorted(counters) if k.startswith("ocr_")]
    if failed:
        return warn("host.ocr", f"{failed} receipt(s) printed as pictures could not be read "
                    "(the OCR worker failed on them)", "see the agent's log "
                    "(`journalctl -u till-agent`) for why", detail=detail)
    return ok("host.ocr", f"Tesseract {version}, English data in {path}", detail=detail)
