"""Start-up child: `phlo-desk <arguments>` (e.g. --sandbox), watched by the ready probe.

Equivalent to `python -m phlo_desk.ui.app <arguments>`; the only difference is
that the probe creates the QApplication (the same way main() would) so that it
can watch for the first Expose. main() then runs unchanged.
"""

import sys

import startup_probe

probe = startup_probe.install()

from phlo_desk.ui import app as phlo_desk_app  # noqa: E402 (after the probe, on purpose)

sys.exit(phlo_desk_app.main(sys.argv[1:]))
