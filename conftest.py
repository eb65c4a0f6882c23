"""Test-session settings shared by tests/ and the notebooks run under nbval."""
import os

# Notebook kernels inherit the environment of the pytest process: draw off-screen.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
