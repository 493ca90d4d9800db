"""Start-up child: the baseline, an empty QMainWindow, watched by the same probe.

It is launched and measured exactly like start_app.py, so the difference
between the two is what PHLO Desk adds on top of Python and Qt themselves.
"""

import sys

import startup_probe

probe = startup_probe.install()

from PySide6.QtWidgets import QMainWindow  # noqa: E402

window = QMainWindow()
window.setWindowTitle("Bare QMainWindow")
window.resize(1100, 760)  # the size PHLO Desk first opens at (MainWindow, before a saved size)
window.show()
sys.exit(probe.app.exec())
