"""What PyInstaller freezes: the same `main` as the `boosterdesk` console script.

One extra flag lives here, not in the program's own command line, because it only means
something in a built bundle: `boosterdesk --check-bundle` proves that the parts the running
program loads lazily (ReportLab and the bundled fonts, the PDF, chart, print-support and
image-format Qt plugins, the Alembic migrations as files) made it into the bundle.
"""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    if sys.argv[1:] == ["--check-bundle"]:
        from bundle_check import check_bundle

        sys.exit(check_bundle())
    sys.exit(main())
